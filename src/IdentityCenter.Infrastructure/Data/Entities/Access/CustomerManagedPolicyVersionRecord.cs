namespace IdentityCenter.Infrastructure.Data.Entities.Access;

/// <summary>One version (v1…) of a customer managed policy's document.</summary>
public sealed class CustomerManagedPolicyVersionRecord
{
    public string PolicyId { get; set; } = "";

    public string VersionId { get; set; } = "";

    public string Document { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
