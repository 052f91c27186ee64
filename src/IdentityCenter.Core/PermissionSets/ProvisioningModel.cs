namespace IdentityCenter.Core.PermissionSets;

/// <summary>The role a permission set created in one account, and the permission set version it carries.</summary>
public sealed record ProvisionedRole(
    string PermissionSetId,
    string AccountId,
    string RoleName,
    string RoleArn,
    int ProvisionedVersion,
    DateTimeOffset ProvisionedAt);

/// <summary>Provisioning state of a permission set in one account, named as in the AWS API.</summary>
public enum ProvisioningStatus
{
    NotProvisioned,

    /// <summary>LATEST_PERMISSION_SET_PROVISIONED.</summary>
    LatestProvisioned,

    /// <summary>LATEST_PERMISSION_SET_NOT_PROVISIONED: edited since it was provisioned here.</summary>
    LatestNotProvisioned,
}

/// <summary>The result of provisioning into one account: a role, or a reason the admin can act on.</summary>
public sealed record ProvisioningOutcome(string AccountId, ProvisionedRole? Role, string? FailureReason)
{
    public bool Succeeded => Role is not null;

    public static ProvisioningOutcome Success(ProvisionedRole role) => new(role.AccountId, role, null);

    public static ProvisioningOutcome Failure(string accountId, string reason) => new(accountId, null, reason);
}
