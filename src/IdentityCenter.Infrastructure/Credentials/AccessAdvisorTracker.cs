using System.Collections.Concurrent;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities.Credentials;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Credentials;

/// <summary>One Access Advisor row as the admin pages show it.</summary>
public sealed record AccessAdvisorEntry(
    string UserId,
    string UserName,
    string AccountId,
    string PermissionSetId,
    string ServiceNamespace,
    string Action,
    DateTimeOffset LastUsedAt,
    string LastDecision,
    long AllowedCount,
    long DeniedCount)
{
    /// <summary>The permission set's name (its id when the set has been deleted since).</summary>
    public string PermissionSetName { get; init; } = PermissionSetId;

    /// <summary>The account's name (its id when the account has left the organization since).</summary>
    public string AccountName { get; init; } = AccountId;
}

/// <summary>
/// Access Advisor data from authorize decisions (allowed and denied, as AWS counts every attempt). Each
/// decision updates an in-memory entry; <see cref="FlushAsync"/> (from the background service) upserts
/// the changed rows in one unit of work, so authorize never writes to the database itself.
/// </summary>
public sealed class AccessAdvisorTracker(IDbContextFactory<IdentityCenterDbContext> contexts)
{
    private ConcurrentDictionary<Key, Pending> _pending = new();

    public void Record(string userId, string userName, string accountId, string permissionSetId, string action, bool allowed, DateTimeOffset at)
    {
        var pending = _pending.GetOrAdd(new Key(userId, accountId, permissionSetId, action), static (_, name) => new Pending(name), userName);
        pending.Add(allowed, at);
    }

    /// <summary>Writes what changed since the last flush; returns the number of rows touched.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_pending.IsEmpty)
        {
            return 0;
        }

        var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<Key, Pending>());
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var set = db.Set<AccessAdvisorRecord>();
        var users = batch.Keys.Select(k => k.UserId).Distinct().ToList();
        var existing = await set.Where(r => users.Contains(r.UserId)).ToListAsync(cancellationToken);
        var rows = existing.ToDictionary(r => new Key(r.UserId, r.AccountId, r.PermissionSetId, r.Action));
        foreach (var (key, pending) in batch)
        {
            if (!rows.TryGetValue(key, out var row))
            {
                row = new AccessAdvisorRecord
                {
                    UserId = key.UserId,
                    AccountId = key.AccountId,
                    PermissionSetId = key.PermissionSetId,
                    Action = key.Action,
                    ServiceNamespace = ServiceOf(key.Action),
                };
                set.Add(row);
                rows[key] = row;
            }

            var (allowed, denied, last, lastAllowed) = pending.Read();
            row.UserName = pending.UserName;
            row.AllowedCount += allowed;
            row.DeniedCount += denied;
            if (last > row.LastUsedAt)
            {
                row.LastUsedAt = last;
                row.LastDecision = lastAllowed ? "Allow" : "Deny";
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return batch.Count;
    }

    public async Task<IReadOnlyList<AccessAdvisorEntry>> ForUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<AccessAdvisorRecord>().AsNoTracking().Where(r => r.UserId == userId).ToListAsync(cancellationToken);
        return await NamedAsync(db, Order(rows), cancellationToken);
    }

    public async Task<IReadOnlyList<AccessAdvisorEntry>> ForPermissionSetAsync(string permissionSetId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<AccessAdvisorRecord>().AsNoTracking().Where(r => r.PermissionSetId == permissionSetId).ToListAsync(cancellationToken);
        return await NamedAsync(db, Order(rows), cancellationToken);
    }

    /// <summary>Every row, most recent first (capped), for the overview.</summary>
    public async Task<IReadOnlyList<AccessAdvisorEntry>> RecentAsync(int max = 500, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<AccessAdvisorRecord>().AsNoTracking().ToListAsync(cancellationToken);
        return await NamedAsync(db, Order(rows).Take(max).ToList(), cancellationToken);
    }

    public static string ServiceOf(string action)
    {
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? action[..colon].ToLowerInvariant() : action.ToLowerInvariant();
    }

    /// <summary>The entries with the names of their permission sets and accounts (two queries for the whole list).</summary>
    private static async Task<IReadOnlyList<AccessAdvisorEntry>> NamedAsync(IdentityCenterDbContext db, List<AccessAdvisorEntry> entries, CancellationToken cancellationToken)
    {
        var setIds = entries.Select(e => e.PermissionSetId).Distinct().ToList();
        var accountIds = entries.Select(e => e.AccountId).Distinct().ToList();
        var sets = await db.PermissionSets.AsNoTracking().Where(p => setIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var accounts = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        return entries.Select(e => e with
        {
            PermissionSetName = sets.GetValueOrDefault(e.PermissionSetId, e.PermissionSetId),
            AccountName = accounts.GetValueOrDefault(e.AccountId, e.AccountId),
        }).ToList();
    }

    private static List<AccessAdvisorEntry> Order(IEnumerable<AccessAdvisorRecord> rows) => rows
        .OrderByDescending(r => r.LastUsedAt)
        .Select(r => new AccessAdvisorEntry(r.UserId, r.UserName, r.AccountId, r.PermissionSetId, r.ServiceNamespace, r.Action, r.LastUsedAt, r.LastDecision, r.AllowedCount, r.DeniedCount))
        .ToList();

    private readonly record struct Key(string UserId, string AccountId, string PermissionSetId, string Action);

    /// <summary>
    /// One key's counts and latest decision, updated without a lock (a busy service updates the same entry from every core):
    /// atomic increments, and the latest decision as one word (UTC ticks shifted left, the low bit set when allowed) raised
    /// by compare-and-swap, so the time and its decision always belong together.
    /// </summary>
    private sealed class Pending(string userName)
    {
        private long _allowed;
        private long _denied;
        private long _last = long.MinValue;

        public string UserName { get; } = userName;

        public void Add(bool allowed, DateTimeOffset at)
        {
            Interlocked.Increment(ref allowed ? ref _allowed : ref _denied);
            var word = (at.UtcTicks << 1) | (allowed ? 1L : 0L);
            var last = Volatile.Read(ref _last);
            while ((word >> 1) >= (last >> 1) && word != last)
            {
                var seen = Interlocked.CompareExchange(ref _last, word, last);
                if (seen == last)
                {
                    return;
                }

                last = seen;
            }
        }

        public (long Allowed, long Denied, DateTimeOffset Last, bool LastAllowed) Read()
        {
            var last = Volatile.Read(ref _last);
            return last == long.MinValue
                ? (Volatile.Read(ref _allowed), Volatile.Read(ref _denied), default, false)
                : (Volatile.Read(ref _allowed), Volatile.Read(ref _denied), new DateTimeOffset(last >> 1, TimeSpan.Zero), (last & 1) == 1);
        }
    }
}
