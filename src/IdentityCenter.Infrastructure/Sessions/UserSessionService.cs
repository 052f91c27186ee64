using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities;
using IdentityCenter.Infrastructure.Data.Generations;
using IdentityCenter.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Sessions;

public sealed class UserSessionService(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    SessionStateCache cache,
    IDirectorySettingsService settings,
    ICredentialRevocation credentials,
    TimeProvider timeProvider) : IUserSessionService
{
    public async Task<SessionInfo> CreateAsync(NewSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var now = timeProvider.GetUtcNow();
        var duration = (await settings.GetSignInSettingsAsync(cancellationToken)).SessionDuration;
        var entity = new UserSession
        {
            UserId = session.UserId,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + duration,
            IpAddress = Truncate(session.IpAddress, 64),
            UserAgent = Truncate(session.UserAgent, 512),
            MfaUsed = session.MfaUsed,
            TrustedDevice = session.TrustedDevice,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.UserSessions.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        cache.Set(entity.Id, new(true, entity.ExpiresAt, now, now));
        return ToInfo(entity, now);
    }

    public async ValueTask<bool> IsActiveAsync(string? sessionId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(sessionId))
        {
            return false;
        }

        var now = timeProvider.GetUtcNow();
        if (cache.TryGet(sessionId, now, out var entry))
        {
            if (entry.Active && now - entry.LastTouchedAt >= SessionStateCache.TouchInterval && entry.ExpiresAt > now)
            {
                await TouchAsync(sessionId, entry, now, cancellationToken);
            }

            return entry.Active && entry.ExpiresAt > now;
        }

        var epoch = cache.Epoch;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.UserSessions.AsNoTracking()
            .Where(s => s.Id == sessionId)
            .Select(s => new { s.EndedAt, s.ExpiresAt, s.LastSeenAt, UserEnabled = db.Users.Where(u => u.Id == s.UserId).Select(u => u.Enabled).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        var active = row is not null && row.EndedAt is null && row.ExpiresAt > now && row.UserEnabled;
        var fresh = new SessionStateCache.Entry(active, row?.ExpiresAt ?? now, now, row?.LastSeenAt ?? now);
        cache.SetIfCurrent(sessionId, fresh, epoch);
        if (active && now - fresh.LastTouchedAt >= SessionStateCache.TouchInterval)
        {
            await TouchAsync(sessionId, fresh, now, cancellationToken);
        }

        return active;
    }

    public async Task<SessionInfo?> GetAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.UserSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        return entity is null ? null : ToInfo(entity, timeProvider.GetUtcNow());
    }

    public async Task<IReadOnlyList<SessionInfo>> ListForUserAsync(string userId, bool includeEnded = false, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var q = db.UserSessions.AsNoTracking().Where(s => s.UserId == userId);
        if (!includeEnded)
        {
            q = q.Where(s => s.EndedAt == null && s.ExpiresAt > now);
        }

        var rows = await q.OrderByDescending(s => s.CreatedAt).Take(200).ToListAsync(cancellationToken);
        return rows.Select(s => ToInfo(s, now)).ToList();
    }

    public async Task<OperationResult> EndSessionAsync(string userId, string sessionId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await db.UserSessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken);
        if (session is null)
        {
            return OperationResult.NotFound("That session does not exist (it may have been deleted already).");
        }

        var userName = await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken);
        if (session.EndedAt is null)
        {
            session.EndedAt = now;
            session.EndReason = actor.UserId == userId ? SessionEndReasons.EndedByUser : SessionEndReasons.DeletedByAdministrator;
        }

        db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
            now, actor, AuditEventNames.BatchDeleteSession, userId, userName,
            request: new Dictionary<string, string?> { ["sessionIds"] = sessionId },
            eventSource: AuditEventSources.Sso)));
        await ChangeGenerations.BumpAsync(db, ChangeConcerns.Sessions, cancellationToken);
        var revoked = await credentials.StageAsync(db, actor, cancellationToken);
        if (session.EndReason == SessionEndReasons.DeletedByAdministrator)
        {
            // Role credentials do not name the portal session they came from: an administrator's delete revokes the user's.
            revoked.User(userId);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Revoke([sessionId], now);
        revoked.Publish();
        return OperationResult.Success;
    }

    public async Task<OperationResult<int>> EndAllSessionsAsync(string userId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var userName = await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken);
        if (userName is null)
        {
            return OperationResult.NotFound("That user does not exist.").As<int>();
        }

        var reason = actor.UserId == userId ? SessionEndReasons.EndedByUser : SessionEndReasons.DeletedByAdministrator;
        var ended = await EndAllAsync(db, userId, reason, now, cancellationToken);
        db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
            now, actor, AuditEventNames.BatchDeleteSession, userId, userName,
            request: new Dictionary<string, string?> { ["sessionIds"] = string.Join(",", ended) },
            eventSource: AuditEventSources.Sso)));
        var revoked = await credentials.StageAsync(db, actor, cancellationToken);
        if (reason == SessionEndReasons.DeletedByAdministrator)
        {
            revoked.User(userId);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Revoke(ended, now);
        revoked.Publish();
        return OperationResult.Ok(ended.Count);
    }

    public async Task EndOnSignOutAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ended = await db.UserSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, SessionEndReasons.SignOut), cancellationToken);
        if (ended > 0)
        {
            await ChangeGenerations.BumpAsync(db, ChangeConcerns.Sessions, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        cache.Revoke([sessionId], now);
    }

    /// <summary>
    /// Marks every active session of the user but <paramref name="except"/> ended inside the caller's unit
    /// of work (used when a user is disabled, deleted, or has the password reset or changed) and tells other
    /// instances. Call
    /// <see cref="SessionStateCache"/>.Revoke with the returned ids after the transaction commits.
    /// </summary>
    internal static Task<List<string>> EndAllAsync(IdentityCenterDbContext db, string userId, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        EndAllAsync(db, userId, reason, now, except: null, cancellationToken);

    /// <inheritdoc cref="EndAllAsync(IdentityCenterDbContext, string, string, DateTimeOffset, CancellationToken)"/>
    internal static async Task<List<string>> EndAllAsync(IdentityCenterDbContext db, string userId, string reason, DateTimeOffset now, string? except, CancellationToken cancellationToken)
    {
        var active = await db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null && s.Id != except).ToListAsync(cancellationToken);
        foreach (var session in active)
        {
            session.EndedAt = now;
            session.EndReason = reason;
        }

        if (active.Count > 0)
        {
            await ChangeGenerations.BumpAsync(db, ChangeConcerns.Sessions, cancellationToken);
        }

        return active.Select(s => s.Id).ToList();
    }

    private async Task TouchAsync(string sessionId, SessionStateCache.Entry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cache.Set(sessionId, entry with { LastTouchedAt = now });
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), cancellationToken);
    }

    private static SessionInfo ToInfo(UserSession s, DateTimeOffset now) => new(
        s.Id, s.UserId, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.IpAddress, s.UserAgent, s.MfaUsed, s.TrustedDevice,
        s.EndedAt is null && s.ExpiresAt > now, s.EndedAt, s.EndedAt is null && s.ExpiresAt <= now ? SessionEndReasons.Expired : s.EndReason);

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
