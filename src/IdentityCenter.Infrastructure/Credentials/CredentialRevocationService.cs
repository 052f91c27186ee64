using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities.Credentials;
using IdentityCenter.Infrastructure.Data.Generations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Infrastructure.Credentials;

/// <summary>
/// Revocation for real: each revocation is written to the database first, with its audit event and in
/// the same transaction as the change that caused it (so it survives a crash and restarts), then applied
/// to the in-memory <see cref="RevocationSnapshotHolder"/> that every check reads, so the very next check
/// on this instance fails. <see cref="LoadAsync"/> rebuilds the snapshot at start-up; every write bumps
/// <see cref="ChangeConcerns.Revocations"/>, and when another instance's maintenance tick sees that it
/// runs <see cref="SyncAsync"/>, which picks up the new entries within a tick.
/// </summary>
public sealed class CredentialRevocationService(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    RevocationSnapshotHolder snapshot,
    TimeProvider time,
    IOptions<CredentialsOptions> options) : IDisposable, ICredentialRevocation, IChangeGenerationListener
{
    private readonly SemaphoreSlim _syncGate = new(1, 1);

    public void Dispose() => _syncGate.Dispose();
    private long _lastSeenId;

    public RevocationSnapshot Current => snapshot.Current;

    string IChangeGenerationListener.Concern => ChangeConcerns.Revocations;

    Task IChangeGenerationListener.OnChangedAsync(CancellationToken cancellationToken) => SyncAsync(cancellationToken);

    public async Task<StagedRevocations> StageAsync(IdentityCenterDbContext db, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);

        // Bumped before any revocation row is inserted: the counter row stays locked until commit, so
        // revocation ids are handed out in commit order and SyncAsync's "after the last id seen" never
        // skips a late commit.
        await ChangeGenerations.BumpAsync(db, ChangeConcerns.Revocations, cancellationToken);
        return new StagedRevocations(db, actor, time.GetUtcNow(), Publish);
    }

    public Task RevokeUserAsync(string userId, Actor actor, CancellationToken cancellationToken = default) =>
        RecordAsync(actor, staged => staged.User(userId), cancellationToken);

    public Task RevokeAllAsync(Actor actor, CancellationToken cancellationToken = default) =>
        RecordAsync(actor, staged => staged.All(), cancellationToken);

    public Task RevokeAssignmentAsync(string accountId, string permissionSetId, string principalId, Actor actor, CancellationToken cancellationToken = default) =>
        RecordAsync(actor, staged => staged.Assignment(accountId, permissionSetId, principalId), cancellationToken);

    public Task RevokeMembershipAsync(string groupId, string userId, Actor actor, CancellationToken cancellationToken = default) =>
        RecordAsync(actor, staged => staged.Membership(groupId, userId), cancellationToken);

    /// <summary>Rebuilds the snapshot from every persisted revocation young enough to matter (start-up).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await _syncGate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var rows = await db.Set<CredentialRevocationRecord>().AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
            var built = Build(rows).Prune(time.GetUtcNow(), options.Value.MaxTokenLifetime);
            snapshot.Update(_ => built);
            _lastSeenId = rows.Count > 0 ? rows[^1].Id : 0;
        }
        finally
        {
            _syncGate.Release();
        }
    }

    /// <summary>Applies revocations written since the last load or sync (by any instance); returns how many.</summary>
    public async Task<int> SyncAsync(CancellationToken cancellationToken = default)
    {
        await _syncGate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var last = _lastSeenId;
            var rows = await db.Set<CredentialRevocationRecord>().AsNoTracking().Where(r => r.Id > last).OrderBy(r => r.Id).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                snapshot.Update(s => Apply(s, row));
            }

            if (rows.Count > 0)
            {
                _lastSeenId = rows[^1].Id;
            }

            return rows.Count;
        }
        finally
        {
            _syncGate.Release();
        }
    }

    /// <summary>Drops in-memory and persisted entries older than the longest token lifetime (the global watermark stays).</summary>
    public async Task PruneAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var cutoff = now - options.Value.MaxTokenLifetime;
        snapshot.Update(s => s.Prune(now, options.Value.MaxTokenLifetime));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stale = await db.Set<CredentialRevocationRecord>()
            .Where(r => r.Kind != RevocationKinds.All && r.RevokedAt < cutoff)
            .ToListAsync(cancellationToken);
        if (stale.Count > 0)
        {
            db.RemoveRange(stale);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>A revocation on its own: the row and its audit event are committed together before this returns, then applied here at once.</summary>
    private async Task RecordAsync(Actor actor, Action<StagedRevocations> revoke, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var staged = await StageAsync(db, actor, cancellationToken);
        revoke(staged);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        staged.Publish();
    }

    private void Publish(IReadOnlyList<CredentialRevocationRecord> committed)
    {
        foreach (var row in committed)
        {
            snapshot.Update(s => Apply(s, row));
        }
    }

    private static RevocationSnapshot Build(IReadOnlyList<CredentialRevocationRecord> rows)
    {
        var all = rows.Where(r => r.Kind == RevocationKinds.All).Select(r => (DateTimeOffset?)r.RevokedAt).Max();
        return RevocationSnapshot.Create(
            all,
            rows.Where(r => r is { Kind: RevocationKinds.User, PrincipalId.Length: > 0 }).Select(r => KeyValuePair.Create(r.PrincipalId!, r.RevokedAt)),
            rows.Where(r => r is { Kind: RevocationKinds.Assignment, AccountId.Length: > 0, PermissionSetId.Length: > 0, PrincipalId.Length: > 0 })
                .Select(r => new RevokedAssignment(r.AccountId!, r.PermissionSetId!, r.PrincipalId!, r.RevokedAt)),
            rows.Where(r => r is { Kind: RevocationKinds.Membership, GroupId.Length: > 0, PrincipalId.Length: > 0 })
                .Select(r => new RevokedMembership(r.GroupId!, r.PrincipalId!, r.RevokedAt)));
    }

    private static RevocationSnapshot Apply(RevocationSnapshot s, CredentialRevocationRecord row) => row.Kind switch
    {
        RevocationKinds.All => s.RevokeAll(row.RevokedAt),
        RevocationKinds.User when row.PrincipalId is { Length: > 0 } user => s.RevokeUser(user, row.RevokedAt),
        RevocationKinds.Assignment when row is { AccountId.Length: > 0, PermissionSetId.Length: > 0, PrincipalId.Length: > 0 } =>
            s.RevokeAssignment(row.AccountId, row.PermissionSetId, row.PrincipalId, row.RevokedAt),
        RevocationKinds.Membership when row is { GroupId.Length: > 0, PrincipalId.Length: > 0 } =>
            s.RevokeMembership(row.GroupId, row.PrincipalId, row.RevokedAt),
        _ => s,
    };
}
