using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;

namespace IdentityCenter.Infrastructure.Access;

/// <summary>
/// Account assignments (source sso.amazonaws.com). Creating provisions the permission set into the
/// account when it is not there yet (or out of date); deleting calls <see cref="ICredentialRevocation.RevokeAssignmentAsync"/>.
/// </summary>
public interface IAssignmentService
{
    Task<OperationResult<AssignmentCreated>> CreateAsync(AssignmentRequest request, Actor actor, CancellationToken cancellationToken = default);

    Task<OperationResult> DeleteAsync(AssignmentRequest request, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes every assignment of a user or group (call it when the principal is deleted), each audited
    /// as DeleteAccountAssignment and revoked through <see cref="ICredentialRevocation"/>. Returns how many were removed.
    /// </summary>
    Task<OperationResult<int>> DeletePrincipalAssignmentsAsync(PrincipalType type, string principalId, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>The wizard's review: accounts × principals × permission sets.</summary>
    Task<AssignmentWizardPlan> PlanAsync(
        IReadOnlyCollection<string> accountIds,
        IReadOnlyCollection<(PrincipalType Type, string Id)> principals,
        IReadOnlyCollection<string> permissionSetIds,
        CancellationToken cancellationToken = default);

    /// <summary>Creates everything the plan lists in one transaction (nothing when any part is invalid).</summary>
    Task<OperationResult<AssignmentBatchResult>> ApplyPlanAsync(
        IReadOnlyCollection<string> accountIds,
        IReadOnlyCollection<(PrincipalType Type, string Id)> principals,
        IReadOnlyCollection<string> permissionSetIds,
        Actor actor,
        CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AssignmentInfo>> ListForAccountAsync(string accountId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AssignmentInfo>> ListForPermissionSetAsync(string permissionSetId, CancellationToken cancellationToken = default);

    /// <summary>The principal's own assignments (for a group: the group's; for a user: direct only).</summary>
    Task<IReadOnlyList<AssignmentInfo>> ListForPrincipalAsync(PrincipalType type, string principalId, CancellationToken cancellationToken = default);

    /// <summary>A user's effective assignments: direct and through groups, marked which.</summary>
    Task<IReadOnlyList<UserAssignmentInfo>> ListEffectiveForUserAsync(string userId, CancellationToken cancellationToken = default);
}
