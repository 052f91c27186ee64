using System.Security.Cryptography;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Generations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.UserAccessKeys;

/// <summary>
/// Resolves an access key id to its user and secret for signature verification, from memory: every key is
/// loaded at start-up (an unknown id costs no database read), and an entry is read again from the database only
/// <list type="bullet">
/// <item>after a change made here (<see cref="InvalidateAsync"/>, called once the change has committed);</item>
/// <item>after a revocation of its user's credentials (a user is disabled or deleted, or an administrator revoked
/// the user's credentials): the revocation snapshot is already in memory, so this costs nothing per request until
/// one happens, and a disabled or deleted user's keys stop working at the very next request;</item>
/// <item>when it is older than <see cref="MaxEntryAge"/> (bounds how long any change missed on another instance could go unseen).</item>
/// </list>
/// Changes other instances make reach here through <see cref="ChangeConcerns.AccessKeys"/> (a full reload at the
/// next maintenance tick). Singleton.
/// </summary>
public sealed class AccessKeyCache(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    IDataProtectionProvider dataProtection,
    RevocationSnapshotHolder revocations,
    TimeProvider time) : IChangeGenerationListener
{
    /// <summary>The Data Protection purpose that seals access key secrets.</summary>
    public const string ProtectorPurpose = "IdentityCenter.AccessKey.Secret.v1";

    /// <summary>An entry older than this is read again before it is used.</summary>
    public static readonly TimeSpan MaxEntryAge = TimeSpan.FromMinutes(1);

    private const int MaxAttempts = 3;

    private readonly IDataProtector _protector = dataProtection.CreateProtector(ProtectorPurpose);
    private readonly Lock _lock = new();

    // Null until the first load: until then every lookup reads its row.
    private Dictionary<string, Entry>? _entries;

    // Moves on every invalidation: a read that started before one is not stored (it may predate the change).
    private long _epoch;

    string IChangeGenerationListener.Concern => ChangeConcerns.AccessKeys;

    Task IChangeGenerationListener.OnChangedAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    /// <summary>
    /// The credential for <paramref name="accessKeyId"/> when the key exists, is Active and its user exists and is
    /// enabled; otherwise null (AWS gives every such caller the same answer).
    /// </summary>
    public async ValueTask<AccessKeyCredential?> ResolveAsync(string accessKeyId, CancellationToken cancellationToken = default)
    {
        if (!AccessKeys.IsLongTermAccessKeyId(accessKeyId))
        {
            return null;
        }

        Entry? entry;
        bool loaded;
        lock (_lock)
        {
            loaded = _entries is not null;
            entry = _entries?.GetValueOrDefault(accessKeyId);
        }

        if (entry is null ? !loaded : IsStale(entry))
        {
            entry = await ReadAsync(accessKeyId, cancellationToken);
        }

        if (entry is not { Usable: true })
        {
            return null;
        }

        var secret = entry.Secret ??= Unprotect(entry.ProtectedSecret);
        return secret is null ? null : new AccessKeyCredential(entry.AccessKeyId, entry.UserId, entry.UserName, secret);
    }

    /// <summary>Loads every key (start-up, and when another instance changed one).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            long epoch;
            lock (_lock)
            {
                epoch = _epoch;
            }

            var loadedAt = time.GetUtcNow();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var rows = await Query(db, null).ToListAsync(cancellationToken);
            var entries = rows.ToDictionary(r => r.AccessKeyId, r => r.ToEntry(loadedAt), StringComparer.Ordinal);
            lock (_lock)
            {
                if (_epoch == epoch)
                {
                    _entries = entries;
                    return;
                }
            }
        }

        // Changes kept landing while loading: the entries they invalidated are read again on use, and the
        // rest are at most MaxEntryAge old.
    }

    /// <summary>Reads one key again after a change to it has committed (create, status, delete, its user's keys).</summary>
    public async Task InvalidateAsync(string accessKeyId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _epoch++;
            _entries?.Remove(accessKeyId);
        }

        await ReadAsync(accessKeyId, cancellationToken);
    }

    private bool IsStale(Entry entry)
    {
        if (time.GetUtcNow() - entry.LoadedAt > MaxEntryAge)
        {
            return true;
        }

        var snapshot = revocations.Current;
        return snapshot.GlobalRevokedBefore >= entry.LoadedAt
            || (snapshot.UserWatermarks.TryGetValue(entry.UserId, out var revokedAt) && revokedAt >= entry.LoadedAt);
    }

    /// <summary>Reads the key's row and its user, stores the entry (unless an invalidation raced the read) and returns it.</summary>
    private async Task<Entry?> ReadAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        Entry? entry = null;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            long epoch;
            lock (_lock)
            {
                epoch = _epoch;
            }

            var loadedAt = time.GetUtcNow();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var row = await Query(db, accessKeyId).FirstOrDefaultAsync(cancellationToken);
            entry = row?.ToEntry(loadedAt);
            lock (_lock)
            {
                if (_epoch != epoch)
                {
                    continue;
                }

                if (_entries is not null)
                {
                    if (entry is null)
                    {
                        _entries.Remove(accessKeyId);
                    }
                    else
                    {
                        _entries[accessKeyId] = entry;
                    }
                }

                return entry;
            }
        }

        // Not stored: the last read answers this request only.
        return entry;
    }

    private static IQueryable<Row> Query(IdentityCenterDbContext db, string? accessKeyId) =>
        from k in accessKeyId is null ? db.AccessKeys.AsNoTracking() : db.AccessKeys.AsNoTracking().Where(k => k.Id == accessKeyId)
        join u in db.Users.AsNoTracking() on k.UserId equals u.Id
        select new Row(k.Id, k.UserId, u.UserName ?? u.Id, u.Enabled, k.Status, k.ProtectedSecret);

    private string? Unprotect(string protectedSecret)
    {
        try
        {
            return _protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            // Sealed with a key the ring no longer holds: the key cannot be verified (a key ring reset removes such keys).
            return null;
        }
    }

    private sealed record Row(string AccessKeyId, string UserId, string UserName, bool UserEnabled, string Status, string ProtectedSecret)
    {
        public Entry ToEntry(DateTimeOffset loadedAt) => new(
            AccessKeyId, UserId, UserName, UserEnabled && Status == nameof(AccessKeyStatus.Active), ProtectedSecret, loadedAt);
    }

    private sealed class Entry(string accessKeyId, string userId, string userName, bool usable, string protectedSecret, DateTimeOffset loadedAt)
    {
        public string AccessKeyId { get; } = accessKeyId;

        public string UserId { get; } = userId;

        public string UserName { get; } = userName;

        /// <summary>Active, and its user enabled.</summary>
        public bool Usable { get; } = usable;

        public string ProtectedSecret { get; } = protectedSecret;

        public DateTimeOffset LoadedAt { get; } = loadedAt;

        /// <summary>Unsealed on first use.</summary>
        public string? Secret { get; set; }
    }
}
