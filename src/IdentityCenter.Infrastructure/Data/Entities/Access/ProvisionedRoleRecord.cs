namespace IdentityCenter.Infrastructure.Data.Entities.Access;

/// <summary>
/// The role a permission set has (or failed to get) in an account. <see cref="RoleName"/> is null until a
/// provisioning succeeded; <see cref="FailureReason"/> holds the last failure, cleared on success.
/// </summary>
public sealed class ProvisionedRoleRecord
{
    public string AccountId { get; set; } = "";

    public string PermissionSetId { get; set; } = "";

    public string? RoleName { get; set; }

    public string? RoleSuffix { get; set; }

    /// <summary>The permission set version the role carries (0 = never provisioned successfully).</summary>
    public int ProvisionedVersion { get; set; }

    public DateTimeOffset? ProvisionedAt { get; set; }

    public string? FailureReason { get; set; }

    /// <summary>
    /// The permission set as it was when last provisioned here (JSON): the role keeps these policies
    /// until it is provisioned again, as in AWS. Null until a provisioning succeeded.
    /// </summary>
    public string? ProvisionedDefinitionJson { get; set; }

    public DateTimeOffset LastAttemptAt { get; set; }
}
