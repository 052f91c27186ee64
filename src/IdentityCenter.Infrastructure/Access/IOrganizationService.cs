using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Organizations;

namespace IdentityCenter.Infrastructure.Access;

/// <summary>
/// AWS Organizations: the one organization, nested OUs, accounts, SCPs and RCPs with their attachments.
/// Every write is one transaction, audited (source organizations.amazonaws.com), and refreshes the
/// cached <see cref="OrganizationTree"/> and compiled policy sets.
/// </summary>
public interface IOrganizationService
{
    /// <summary>Null until <see cref="CreateOrganizationAsync"/> ran (or the workshop was seeded).</summary>
    Task<OrganizationView?> GetOrganizationAsync(CancellationToken cancellationToken = default);

    /// <summary>The cached tree, read-only (do not mutate); null when there is no organization.</summary>
    Task<OrganizationTree?> GetTreeAsync(CancellationToken cancellationToken = default);

    Task<OperationResult<OrganizationInfo>> CreateOrganizationAsync(OrganizationInput input, Actor actor, CancellationToken cancellationToken = default);

    Task<OperationResult<OrganizationalUnitInfo>> CreateOrganizationalUnitAsync(string parentId, string name, Actor actor, CancellationToken cancellationToken = default);

    Task<OperationResult> RenameOrganizationalUnitAsync(string unitId, string name, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Refused while the OU holds OUs or accounts.</summary>
    Task<OperationResult> DeleteOrganizationalUnitAsync(string unitId, Actor actor, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AccountInfo>> ListAccountsAsync(CancellationToken cancellationToken = default);

    Task<AccountInfo?> GetAccountAsync(string accountId, CancellationToken cancellationToken = default);

    Task<OperationResult<AccountInfo>> CreateAccountAsync(AccountInput input, Actor actor, CancellationToken cancellationToken = default);

    Task<OperationResult<AccountInfo>> UpdateAccountAsync(string accountId, AccountUpdate update, Actor actor, CancellationToken cancellationToken = default);

    Task<OperationResult> MoveAccountAsync(string accountId, string destinationParentId, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Refused (Conflict, listing them) while the account still has assignments; the management account cannot be removed.</summary>
    Task<OperationResult> RemoveAccountAsync(string accountId, Actor actor, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OrganizationPolicyInfo>> ListPoliciesAsync(OrganizationPolicyType? type = null, CancellationToken cancellationToken = default);

    Task<OrganizationPolicyInfo?> GetPolicyAsync(string policyId, CancellationToken cancellationToken = default);

    /// <summary>Policies attached directly to a root, OU or account, in attachment order.</summary>
    Task<IReadOnlyList<OrganizationPolicyInfo>> ListPoliciesForTargetAsync(string targetId, OrganizationPolicyType? type = null, CancellationToken cancellationToken = default);

    Task<OperationResult<OrganizationPolicyInfo>> CreatePolicyAsync(OrganizationPolicyInput input, Actor actor, CancellationToken cancellationToken = default);

    Task<OperationResult<OrganizationPolicyInfo>> UpdatePolicyAsync(string policyId, OrganizationPolicyInput input, Actor actor, CancellationToken cancellationToken = default);

    Task<OperationResult> DeletePolicyAsync(string policyId, Actor actor, CancellationToken cancellationToken = default);

    Task<OperationResult> AttachPolicyAsync(string policyId, string targetId, Actor actor, CancellationToken cancellationToken = default);

    Task<OperationResult> DetachPolicyAsync(string policyId, string targetId, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>The SCP or RCP levels that apply to an account (none for the management account); null if unknown.</summary>
    Task<OrganizationPolicyPath?> GetPolicyPathAsync(string accountId, OrganizationPolicyType type, CancellationToken cancellationToken = default);
}
