using IdentityCenter.Core.Policies.Evaluation;

namespace IdentityCenter.Infrastructure.Access;

/// <summary>
/// The compiled policies that govern a role session in an account: the account's SCP and RCP paths,
/// the permission set's managed, customer-managed and inline policies, and its permissions boundary.
/// Compiled once and cached; the access-model services drop cached sets when a policy, permission
/// set, SCP/RCP attachment or the organization changes. Consumed by <c>/api/authorize</c>, the
/// portal playground and the simulator, so every decision comes from the same compiled input.
/// </summary>
public interface IPolicySetProvider
{
    /// <summary>Null when the account or permission set does not exist. The RCP levels are the role's account's.</summary>
    ValueTask<PolicySet?> GetAsync(string accountId, string permissionSetId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The set for a request on a resource owned by <paramref name="resourceAccountId"/>: RCPs apply to the
    /// resource, so the RCP levels are those of the resource's account (none when it is outside the organization
    /// or the management account). Same as <see cref="GetAsync"/> when the resource is in the role's account.
    /// </summary>
    ValueTask<PolicySet?> GetForResourceAsync(string accountId, string permissionSetId, string resourceAccountId, CancellationToken cancellationToken = default);
}
