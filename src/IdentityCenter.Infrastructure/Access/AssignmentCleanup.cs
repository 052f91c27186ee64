using IdentityCenter.Core.Assignments;
using IdentityCenter.Infrastructure.Access.Internal;
using IdentityCenter.Infrastructure.Directory;

namespace IdentityCenter.Infrastructure.Access;

/// <summary>Removes the account assignments of a user or group in the transaction that deletes it (audited, revoking what they granted).</summary>
internal sealed class AssignmentCleanup(AccessModelCache cache) : IPrincipalDeletionHandler
{
    public Task OnUserDeletingAsync(PrincipalDeletion deletion, CancellationToken cancellationToken = default) =>
        RemoveAsync(deletion, PrincipalType.User, cancellationToken);

    public Task OnGroupDeletingAsync(PrincipalDeletion deletion, CancellationToken cancellationToken = default) =>
        RemoveAsync(deletion, PrincipalType.Group, cancellationToken);

    private async Task RemoveAsync(PrincipalDeletion deletion, PrincipalType type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        if (await AssignmentService.RemovePrincipalAssignmentsAsync(deletion.Db, type, deletion.PrincipalId, deletion.Actor, deletion.Now, deletion.Revocations, cancellationToken) > 0)
        {
            deletion.AfterCommit(cache.Invalidate);
        }
    }
}
