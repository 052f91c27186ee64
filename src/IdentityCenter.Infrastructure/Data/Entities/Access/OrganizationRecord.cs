namespace IdentityCenter.Infrastructure.Data.Entities.Access;

/// <summary>The single organization (o-…) with its root (r-…) and management account. At most one row.</summary>
public sealed class OrganizationRecord
{
    public string Id { get; set; } = "";

    public string RootId { get; set; } = "";

    public string RootName { get; set; } = "Root";

    public string ManagementAccountId { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
