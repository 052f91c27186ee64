namespace IdentityCenter.Infrastructure.Data.Entities.Access;

/// <summary>A customer managed IAM policy in one account (unique name per account), with up to five versions.</summary>
public sealed class CustomerManagedPolicyRecord
{
    /// <summary>IAM-style policy id (ANPA + 17 characters).</summary>
    public string Id { get; set; } = "";

    public string AccountId { get; set; } = "";

    public string Name { get; set; } = "";

    public string Path { get; set; } = "/";

    public string? Description { get; set; }

    /// <summary>v1, v2, …: the version the policy grants with.</summary>
    public string DefaultVersionId { get; set; } = "v1";

    /// <summary>The number the next version gets (IAM never reuses version ids).</summary>
    public int NextVersionNumber { get; set; } = 2;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<CustomerManagedPolicyVersionRecord> Versions { get; set; } = [];
}
