namespace IdentityCenter.Infrastructure.Data.Entities.Access;

/// <summary>An instance access control attribute (ABAC): session tag key → <c>${path:…}</c> source. At most 50.</summary>
public sealed class AccessControlAttributeRecord
{
    public string Key { get; set; } = "";

    public string Source { get; set; } = "";

    public int Position { get; set; }
}
