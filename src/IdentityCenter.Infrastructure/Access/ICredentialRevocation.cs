using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities.Credentials;

namespace IdentityCenter.Infrastructure.Access;

/// <summary>
/// Makes already-issued role credentials fail their next check. Called by the directory and access-model
/// services when a user is disabled or loses sessions, when an assignment or a group membership is
/// removed, and by the administrator's "revoke credentials issued before now". Persisted, so it holds
/// across restarts; checks read an in-memory snapshot (no database read per check).
/// A change that causes a revocation stages it with <see cref="StageAsync"/> in its own transaction, so the
/// change and its revocation commit together or not at all.
/// The default registration does nothing until the credentials feature replaces it.
/// </summary>
public interface ICredentialRevocation
{
    /// <summary>
    /// Revocations written into <paramref name="db"/>'s unit of work (committed by the caller); publish them after the commit.
    /// Call inside the caller's transaction, before the change is saved (it announces the revocations to other instances).
    /// </summary>
    Task<StagedRevocations> StageAsync(IdentityCenterDbContext db, Actor actor, CancellationToken cancellationToken = default);

    Task RevokeUserAsync(string userId, Actor actor, CancellationToken cancellationToken = default);

    Task RevokeAllAsync(Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Credentials that rely on the assignment of (account, permission set) to <paramref name="principalId"/> (a user or a group).</summary>
    Task RevokeAssignmentAsync(string accountId, string permissionSetId, string principalId, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Credentials the user got through membership of the group.</summary>
    Task RevokeMembershipAsync(string groupId, string userId, Actor actor, CancellationToken cancellationToken = default);
}

/// <summary>
/// Revocations added to a caller's unit of work: each is a persisted row plus its audit event in the
/// caller's context, written by the caller's SaveChanges inside the caller's transaction, so a crash
/// never leaves a removed assignment (or membership, or a disabled user) without its revocation.
/// After the commit, <see cref="Publish"/> applies them to this instance at once (other instances read
/// them from the database within a second).
/// </summary>
public sealed class StagedRevocations
{
    private readonly IdentityCenterDbContext? _db;
    private readonly Actor _actor;
    private readonly DateTimeOffset _now;
    private readonly Action<IReadOnlyList<CredentialRevocationRecord>> _publish;
    private readonly List<CredentialRevocationRecord> _rows = [];

    /// <param name="db">The caller's context; null writes nothing (no credentials exist to revoke).</param>
    /// <param name="actor">Who revokes (recorded on the row and in the audit event).</param>
    /// <param name="now">The revocation time: credentials issued at or before it fail.</param>
    /// <param name="publish">Applies committed rows in memory.</param>
    public StagedRevocations(IdentityCenterDbContext? db, Actor actor, DateTimeOffset now, Action<IReadOnlyList<CredentialRevocationRecord>> publish)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(publish);
        _db = db;
        _actor = actor;
        _now = now;
        _publish = publish;
    }

    public IReadOnlyList<CredentialRevocationRecord> Rows => _rows;

    public void User(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        Add(new CredentialRevocationRecord { Kind = RevocationKinds.User, PrincipalId = userId }, userId);
    }

    public void All() => Add(new CredentialRevocationRecord { Kind = RevocationKinds.All }, null);

    public void Assignment(string accountId, string permissionSetId, string principalId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(permissionSetId);
        ArgumentException.ThrowIfNullOrEmpty(principalId);
        Add(new CredentialRevocationRecord { Kind = RevocationKinds.Assignment, AccountId = accountId, PermissionSetId = permissionSetId, PrincipalId = principalId }, null);
    }

    public void Membership(string groupId, string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        Add(new CredentialRevocationRecord { Kind = RevocationKinds.Membership, GroupId = groupId, PrincipalId = userId }, userId);
    }

    /// <summary>Call once the caller's transaction has committed.</summary>
    public void Publish()
    {
        if (_rows.Count > 0)
        {
            _publish(_rows);
        }
    }

    private void Add(CredentialRevocationRecord row, string? targetUserId)
    {
        row.RevokedAt = _now;
        row.RevokedBy = _actor.UserName;
        _rows.Add(row);
        if (_db is null)
        {
            return;
        }

        _db.Add(row);
        _db.AuditEvents.Add(AuditRecordMapper.ToRecord(new AuditEvent
        {
            EventTime = _now,
            EventSource = AuditEventSources.Sso,
            EventName = CredentialAuditNames.RevokeCredentials,
            UserIdentity = _actor.ToUserIdentity(),
            SourceIpAddress = _actor.SourceIpAddress,
            UserAgent = _actor.UserAgent,
            TargetUserId = targetUserId,
            RequestParameters = new Dictionary<string, string?>
            {
                ["scope"] = row.Kind,
                ["principalId"] = row.PrincipalId,
                ["accountId"] = row.AccountId,
                ["permissionSetId"] = row.PermissionSetId,
                ["groupId"] = row.GroupId,
            },
        }));
    }
}

/// <summary>Registered until credentials exist: there is nothing to revoke yet, and nothing is written.</summary>
public sealed class NoCredentialRevocation : ICredentialRevocation
{
    public Task<StagedRevocations> StageAsync(IdentityCenterDbContext db, Actor actor, CancellationToken cancellationToken = default) =>
        Task.FromResult(new StagedRevocations(null, actor, DateTimeOffset.UtcNow, _ => { }));

    public Task RevokeUserAsync(string userId, Actor actor, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task RevokeAllAsync(Actor actor, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task RevokeAssignmentAsync(string accountId, string permissionSetId, string principalId, Actor actor, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task RevokeMembershipAsync(string groupId, string userId, Actor actor, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
