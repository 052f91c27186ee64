using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Access.Internal;

namespace IdentityCenter.Infrastructure.Access;

/// <summary>
/// Compiled policy sets cached on the access snapshot: every access-model write replaces the snapshot,
/// which drops every cached set at once (policy, permission set, SCP/RCP, organization, provisioning).
/// </summary>
internal sealed class PolicySetProvider(AccessModelCache cache) : IPolicySetProvider
{
    public async ValueTask<PolicySet?> GetAsync(string accountId, string permissionSetId, CancellationToken cancellationToken = default)
    {
        var snapshot = await cache.GetAsync(cancellationToken);
        return Get(snapshot, accountId, permissionSetId);
    }

    public async ValueTask<PolicySet?> GetForResourceAsync(string accountId, string permissionSetId, string resourceAccountId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resourceAccountId);
        var snapshot = await cache.GetAsync(cancellationToken);
        var set = Get(snapshot, accountId, permissionSetId);
        if (set is null || string.Equals(resourceAccountId, accountId, StringComparison.Ordinal))
        {
            return set;
        }

        // The resource account comes from the request: cache per account of the organization only, and one
        // set without RCPs for every account outside it, so callers cannot grow the cache.
        var owner = snapshot.Tree?.FindAccount(resourceAccountId) is null ? string.Empty : resourceAccountId;
        return snapshot.ResourceSidePolicySets.GetOrAdd((accountId, permissionSetId, owner), key =>
            set.WithResourceControlLevels(key.ResourceAccountId.Length == 0 ? null : RolePolicies.ResourceControlLevels(snapshot, key.ResourceAccountId)));
    }

    private static PolicySet? Get(AccessSnapshot snapshot, string accountId, string permissionSetId) =>
        snapshot.PolicySets.GetOrAdd((accountId, permissionSetId), key => RolePolicies.Build(snapshot, key.AccountId, key.PermissionSetId));
}
