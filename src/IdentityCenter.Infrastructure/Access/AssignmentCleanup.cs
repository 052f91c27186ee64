using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Directory;

namespace IdentityCenter.Infrastructure.Access;

/// <summary>Removes the account assignments of a deleted user or group (audited, revoking what they granted).</summary>
internal sealed class AssignmentCleanup(IAssignmentService assignments) : IPrincipalDeletionHandler
{
    public Task OnUserDeletedAsync(string userId, Actor actor, CancellationToken cancellationToken = default) =>
        assignments.DeletePrincipalAssignmentsAsync(PrincipalType.User, userId, actor, cancellationToken);

    public Task OnGroupDeletedAsync(string groupId, Actor actor, CancellationToken cancellationToken = default) =>
        assignments.DeletePrincipalAssignmentsAsync(PrincipalType.Group, groupId, actor, cancellationToken);
}
