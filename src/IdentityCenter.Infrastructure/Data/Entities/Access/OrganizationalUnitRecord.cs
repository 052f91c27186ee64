namespace IdentityCenter.Infrastructure.Data.Entities.Access;

/// <summary>An OU; <see cref="ParentId"/> is the root id or another OU id (nesting up to five levels).</summary>
public sealed class OrganizationalUnitRecord
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string ParentId { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
