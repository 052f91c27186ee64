namespace IdentityCenter.Infrastructure.Data.Entities.Access;

/// <summary>
/// A permission set. Lists (AWS managed policy ARNs, customer managed references, tags) are small and
/// always read with the set, so they are stored as JSON text columns.
/// </summary>
public sealed class PermissionSetRecord
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public int SessionDurationSeconds { get; set; } = 3600;

    public string? RelayState { get; set; }

    /// <summary>JSON array of ARNs.</summary>
    public string ManagedPolicyArnsJson { get; set; } = "[]";

    /// <summary>JSON array of {"Name","Path"}.</summary>
    public string CustomerManagedPolicyReferencesJson { get; set; } = "[]";

    public string? InlinePolicy { get; set; }

    public string? BoundaryManagedPolicyArn { get; set; }

    public string? BoundaryCustomerPolicyName { get; set; }

    public string? BoundaryCustomerPolicyPath { get; set; }

    /// <summary>JSON array of {"Key","Value"}.</summary>
    public string TagsJson { get; set; } = "[]";

    public int Version { get; set; } = 1;

    public bool IsWorkshop { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
