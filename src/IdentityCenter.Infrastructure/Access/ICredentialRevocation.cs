using IdentityCenter.Core.Audit;

namespace IdentityCenter.Infrastructure.Access;

/// <summary>
/// Makes already-issued role credentials fail their next check. Called by the directory and access-model
/// services when a user is disabled or loses sessions, when an assignment or a group membership is
/// removed, and by the administrator's "revoke credentials issued before now". Persisted, so it holds
/// across restarts; checks read an in-memory snapshot (no database read per check).
/// The default registration does nothing until the credentials feature replaces it.
/// </summary>
public interface ICredentialRevocation
{
    Task RevokeUserAsync(string userId, Actor actor, CancellationToken cancellationToken = default);

    Task RevokeAllAsync(Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Credentials that rely on the assignment of (account, permission set) to <paramref name="principalId"/> (a user or a group).</summary>
    Task RevokeAssignmentAsync(string accountId, string permissionSetId, string principalId, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Credentials the user got through membership of the group.</summary>
    Task RevokeMembershipAsync(string groupId, string userId, Actor actor, CancellationToken cancellationToken = default);
}

/// <summary>Registered until credentials exist: there is nothing to revoke yet.</summary>
public sealed class NoCredentialRevocation : ICredentialRevocation
{
    public Task RevokeUserAsync(string userId, Actor actor, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task RevokeAllAsync(Actor actor, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task RevokeAssignmentAsync(string accountId, string permissionSetId, string principalId, Actor actor, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task RevokeMembershipAsync(string groupId, string userId, Actor actor, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
