using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.PermissionSets;

namespace IdentityCenter.Infrastructure.Access;

/// <summary>
/// Permission sets (source sso.amazonaws.com). Edits that change the role (policies, inline, boundary,
/// session duration) raise the version, so provisioned accounts read LatestNotProvisioned until
/// <see cref="ProvisionAsync"/> runs, or at once when the instance's AutoReprovision is on.
/// </summary>
public interface IPermissionSetService
{
    Task<SsoInstanceInfo> GetInstanceAsync(CancellationToken cancellationToken = default);

    /// <summary>Region (used in role paths of newly provisioned roles) and the workshop auto re-provision switch.</summary>
    Task<OperationResult<SsoInstanceInfo>> UpdateInstanceAsync(string region, bool autoReprovision, Actor actor, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PermissionSetSummary>> ListAsync(CancellationToken cancellationToken = default);

    Task<PermissionSetDetail?> GetAsync(string permissionSetId, CancellationToken cancellationToken = default);

    Task<OperationResult<PermissionSetDetail>> CreateAsync(PermissionSetInput input, Actor actor, CancellationToken cancellationToken = default);

    Task<OperationResult<PermissionSetDetail>> UpdateAsync(string permissionSetId, PermissionSetSettings settings, Actor actor, CancellationToken cancellationToken = default);

    Task<OperationResult<PermissionSetDetail>> AttachManagedPolicyAsync(string permissionSetId, string managedPolicyArn, Actor actor, CancellationToken cancellationToken = default);

    Task<OperationResult<PermissionSetDetail>> DetachManagedPolicyAsync(string permissionSetId, string managedPolicyArn, Actor actor, CancellationToken cancellationToken = default);

    Task<OperationResult<PermissionSetDetail>> AttachCustomerManagedPolicyReferenceAsync(string permissionSetId, CustomerManagedPolicyReference reference, Actor actor, CancellationToken cancellationToken = default);

    Task<OperationResult<PermissionSetDetail>> DetachCustomerManagedPolicyReferenceAsync(string permissionSetId, CustomerManagedPolicyReference reference, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Validated with PolicyParser as <c>PolicyKind.Inline</c>; field <c>InlinePolicy</c>, messages "Line L, column C: …".</summary>
    Task<OperationResult<PermissionSetDetail>> PutInlinePolicyAsync(string permissionSetId, string document, Actor actor, CancellationToken cancellationToken = default);

    Task<OperationResult<PermissionSetDetail>> DeleteInlinePolicyAsync(string permissionSetId, Actor actor, CancellationToken cancellationToken = default);

    Task<OperationResult<PermissionSetDetail>> PutPermissionsBoundaryAsync(string permissionSetId, PermissionsBoundary boundary, Actor actor, CancellationToken cancellationToken = default);

    Task<OperationResult<PermissionSetDetail>> DeletePermissionsBoundaryAsync(string permissionSetId, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the editor's form in one transaction: every difference from the stored permission set is
    /// applied and audited as its AWS operation (UpdatePermissionSet, Detach/Attach…, Put/DeleteInlinePolicy,
    /// Put/DeletePermissionsBoundary, Untag/TagResource), and either all of them are saved or, on the first
    /// refusal or failure, none.
    /// </summary>
    Task<OperationResult<PermissionSetSaved>> SaveAsync(string permissionSetId, PermissionSetChanges changes, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces tags by key (at most 75 in total).</summary>
    Task<OperationResult<PermissionSetDetail>> TagAsync(string permissionSetId, IReadOnlyList<PermissionSetTag> tags, Actor actor, CancellationToken cancellationToken = default);

    Task<OperationResult<PermissionSetDetail>> UntagAsync(string permissionSetId, IReadOnlyList<string> tagKeys, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Refused (Conflict, message lists the assignments) while assigned, unless
    /// <paramref name="removeAssignments"/> is true: then the assignments are deleted (credentials revoked) in the same transaction.
    /// </summary>
    Task<OperationResult> DeleteAsync(string permissionSetId, Actor actor, bool removeAssignments = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// ProvisionPermissionSet: into one account (<paramref name="accountId"/>), or with null into every
    /// account already provisioned (ALL_PROVISIONED_ACCOUNTS). Failures (e.g. a customer managed policy
    /// missing in the account) are recorded per account and returned in the report, not as an error.
    /// </summary>
    Task<OperationResult<ProvisioningReport>> ProvisionAsync(string permissionSetId, string? accountId, Actor actor, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ProvisionedAccountStatus>> ListProvisioningStatusAsync(string permissionSetId, CancellationToken cancellationToken = default);
}
