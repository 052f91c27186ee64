using IdentityCenter.Core.Organizations;

namespace IdentityCenter.Core.PermissionSets;

/// <summary>IAM Identity Center service quotas (reference 1.12), with messages that quote them.</summary>
public static class PermissionSetQuotas
{
    public const int PermissionSetsPerInstance = 2_000;
    public const int ProvisionedPermissionSetsPerAccount = 250;

    public static FieldError? CheckCanCreate(int existingPermissionSets) =>
        existingPermissionSets >= PermissionSetsPerInstance
            ? new FieldError("PermissionSet", $"An instance can have at most {PermissionSetsPerInstance:N0} permission sets (there are {existingPermissionSets:N0}); delete unused ones first.")
            : null;

    /// <summary>Checks whether one more permission set can be provisioned into an account that already holds <paramref name="provisionedInAccount"/>.</summary>
    public static FieldError? CheckCanProvision(string accountId, int provisionedInAccount) =>
        provisionedInAccount >= ProvisionedPermissionSetsPerAccount
            ? new FieldError("TargetId", $"Account {accountId} already has {provisionedInAccount} provisioned permission sets; the limit is {ProvisionedPermissionSetsPerAccount} per account.")
            : null;
}
