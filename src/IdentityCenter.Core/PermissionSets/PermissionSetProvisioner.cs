using IdentityCenter.Core.Organizations;

namespace IdentityCenter.Core.PermissionSets;

/// <summary>
/// Provisioning as pure logic: decides the role a permission set gets in an account (keeping the
/// existing role's suffix on re-provisioning, drawing a new one otherwise), fails with a clear reason
/// when a referenced customer-managed policy is missing in the account, and reports drift
/// (provisioned version behind the permission set's version). Persisting the outcome is the caller's job.
/// </summary>
public sealed class PermissionSetProvisioner(string region, IRandomSource random, TimeProvider timeProvider)
{
    public string Region { get; } = !string.IsNullOrWhiteSpace(region) ? region : throw new ArgumentException("A region is required.", nameof(region));

    /// <summary>
    /// Provisions (or re-provisions) <paramref name="permissionSet"/> into one account;
    /// <paramref name="existing"/> is the role already provisioned there for it, if any.
    /// </summary>
    public ProvisioningOutcome Provision(
        PermissionSet permissionSet,
        string accountId,
        ProvisionedRole? existing,
        ICustomerManagedPolicyLookup customerPolicies)
    {
        ArgumentNullException.ThrowIfNull(permissionSet);
        ArgumentNullException.ThrowIfNull(customerPolicies);
        if (!OrganizationIds.IsAccountId(accountId))
        {
            return ProvisioningOutcome.Failure(accountId, $"'{accountId}' is not an account id (12 digits).");
        }

        var missing = FindMissingCustomerPolicies(permissionSet, accountId, customerPolicies);
        if (missing.Count > 0)
        {
            var list = string.Join(", ", missing.Select(m => $"{m.Reference.Path}{m.Reference.Name}{(m.IsBoundary ? " (permissions boundary)" : string.Empty)}"));
            var arns = string.Join(", ", missing.Select(m => m.Reference.ArnIn(accountId)));
            return ProvisioningOutcome.Failure(accountId,
                $"Provisioning {permissionSet.Name} into account {accountId} failed: customer managed polic{(missing.Count == 1 ? "y" : "ies")} {list} " +
                $"do{(missing.Count == 1 ? "es" : string.Empty)} not exist in that account ({arns}). Create {(missing.Count == 1 ? "it" : "them")} there with the same name and path, " +
                $"or remove the reference{(missing.Count == 1 ? string.Empty : "s")} from the permission set, then provision again.");
        }

        var reuse = existing is not null
            && existing.AccountId == accountId
            && existing.PermissionSetId == permissionSet.Id
            && PermissionSetNaming.TryParseRoleName(existing.RoleName, out var existingName, out _)
            && string.Equals(existingName, permissionSet.Name, StringComparison.Ordinal);
        var roleName = reuse
            ? existing!.RoleName
            : PermissionSetNaming.RoleName(permissionSet.Name, PermissionSetNaming.NewRoleSuffix(random));
        var role = new ProvisionedRole(
            permissionSet.Id,
            accountId,
            roleName,
            PermissionSetNaming.RoleArn(accountId, Region, roleName),
            permissionSet.Version,
            timeProvider.GetUtcNow());
        return ProvisioningOutcome.Success(role);
    }

    /// <summary>
    /// ProvisionPermissionSet with target ALL_PROVISIONED_ACCOUNTS: re-provisions every account that
    /// already has a role for this permission set (each succeeds or fails on its own).
    /// </summary>
    public IReadOnlyList<ProvisioningOutcome> ProvisionAllProvisionedAccounts(
        PermissionSet permissionSet,
        IEnumerable<ProvisionedRole> provisioned,
        ICustomerManagedPolicyLookup customerPolicies)
    {
        ArgumentNullException.ThrowIfNull(permissionSet);
        ArgumentNullException.ThrowIfNull(provisioned);
        return provisioned
            .Where(r => r.PermissionSetId == permissionSet.Id)
            .OrderBy(r => r.AccountId, StringComparer.Ordinal)
            .Select(r => Provision(permissionSet, r.AccountId, r, customerPolicies))
            .ToList();
    }

    /// <summary>Whether the account's role is missing, current, or behind the permission set's version.</summary>
    public static ProvisioningStatus GetStatus(PermissionSet permissionSet, ProvisionedRole? provisioned)
    {
        ArgumentNullException.ThrowIfNull(permissionSet);
        if (provisioned is null || provisioned.PermissionSetId != permissionSet.Id)
        {
            return ProvisioningStatus.NotProvisioned;
        }

        return provisioned.ProvisionedVersion >= permissionSet.Version
            ? ProvisioningStatus.LatestProvisioned
            : ProvisioningStatus.LatestNotProvisioned;
    }

    /// <summary>ListAccountsForProvisionedPermissionSet: accounts holding a role for it, optionally only the out-of-date ones.</summary>
    public static IReadOnlyList<string> ListAccountsForProvisionedPermissionSet(
        PermissionSet permissionSet,
        IEnumerable<ProvisionedRole> provisioned,
        ProvisioningStatus? filter = null)
    {
        ArgumentNullException.ThrowIfNull(permissionSet);
        ArgumentNullException.ThrowIfNull(provisioned);
        return provisioned
            .Where(r => r.PermissionSetId == permissionSet.Id)
            .Where(r => filter is null || GetStatus(permissionSet, r) == filter)
            .Select(r => r.AccountId)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static List<(CustomerManagedPolicyReference Reference, bool IsBoundary)> FindMissingCustomerPolicies(
        PermissionSet permissionSet, string accountId, ICustomerManagedPolicyLookup lookup)
    {
        var missing = permissionSet.CustomerManagedPolicyReferences
            .Where(r => !lookup.Exists(accountId, r))
            .Select(r => (r, false))
            .ToList();
        if (permissionSet.PermissionsBoundary?.CustomerManagedPolicyReference is { } boundary && !lookup.Exists(accountId, boundary))
        {
            missing.Add((boundary, true));
        }

        return missing;
    }
}
