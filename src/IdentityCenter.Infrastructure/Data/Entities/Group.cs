namespace IdentityCenter.Infrastructure.Data.Entities;

/// <summary>A group of users (no nesting). <see cref="IsBuiltIn"/> marks the administrators group, which cannot be deleted or renamed.</summary>
public sealed class Group
{
    public string Id { get; set; } = Guid.NewGuid().ToString();

    public string DisplayName { get; set; } = "";

    /// <summary>Upper-case invariant display name; unique.</summary>
    public string NormalizedDisplayName { get; set; } = "";

    public string? Description { get; set; }

    public bool IsBuiltIn { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";

    public List<GroupMembership> Memberships { get; set; } = [];
}
