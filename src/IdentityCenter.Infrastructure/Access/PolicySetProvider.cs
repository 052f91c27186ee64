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
        return snapshot.PolicySets.GetOrAdd((accountId, permissionSetId), key => RolePolicies.Build(snapshot, key.AccountId, key.PermissionSetId));
    }
}
