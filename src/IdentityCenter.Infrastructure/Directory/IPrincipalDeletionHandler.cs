using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Data;

namespace IdentityCenter.Infrastructure.Directory;

/// <summary>
/// Told inside the transaction that deletes a user or group, so features that refer to principals
/// (account assignments) remove what pointed at it in that same transaction: the deletion and its
/// cascade commit together or not at all. Registered by those features; none by default.
/// </summary>
public interface IPrincipalDeletionHandler
{
    Task OnUserDeletingAsync(PrincipalDeletion deletion, CancellationToken cancellationToken = default);

    Task OnGroupDeletingAsync(PrincipalDeletion deletion, CancellationToken cancellationToken = default);
}

/// <summary>
/// A user or group being deleted: the deleting transaction's context (add changes to it, do not commit),
/// who deletes and when, the revocations to stage, and work to run once the transaction has committed
/// (such as dropping a cache).
/// </summary>
public sealed class PrincipalDeletion(IdentityCenterDbContext db, string principalId, Actor actor, DateTimeOffset now, StagedRevocations revocations)
{
    private readonly List<Action> _afterCommit = [];

    public IdentityCenterDbContext Db { get; } = db;

    public string PrincipalId { get; } = principalId;

    public Actor Actor { get; } = actor;

    public DateTimeOffset Now { get; } = now;

    public StagedRevocations Revocations { get; } = revocations;

    public void AfterCommit(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _afterCommit.Add(action);
    }

    /// <summary>Called by the deleting service after its commit: runs the queued work and applies the revocations.</summary>
    internal void Committed()
    {
        foreach (var action in _afterCommit)
        {
            action();
        }

        Revocations.Publish();
    }
}
