using System.Collections.Concurrent;

namespace IdentityCenter.Infrastructure.Sessions;

/// <summary>
/// Process-wide cache of session validity, so the per-request check rarely reaches the database.
/// Entries are refreshed from the database after <see cref="Lifetime"/>; ending a session through
/// <see cref="UserSessionService"/> overwrites the entry at once, so revocation is never delayed, and
/// other instances re-check their cached sessions when they see the change (<see cref="SessionStateSync"/>).
/// Also the <see cref="ISessionRevocationNotifier"/> for circuits.
/// </summary>
public sealed class SessionStateCache : ISessionRevocationNotifier
{
    internal static TimeSpan Lifetime { get; } = TimeSpan.FromSeconds(60);

    internal static TimeSpan TouchInterval { get; } = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Action>> subscribers = new(StringComparer.Ordinal);

    private readonly Lock epochGate = new();
    private long epoch;

    internal sealed record Entry(bool Active, DateTimeOffset ExpiresAt, DateTimeOffset CachedAt, DateTimeOffset LastTouchedAt);

    /// <summary>Moves on every re-check (<see cref="BeginRecheck"/>); take it before reading a session row and pass it to <see cref="SetIfCurrent"/>.</summary>
    internal long Epoch => Interlocked.Read(ref epoch);

    internal bool TryGet(string sessionId, DateTimeOffset now, out Entry entry)
    {
        if (entries.TryGetValue(sessionId, out entry!) && now - entry.CachedAt < Lifetime)
        {
            return true;
        }

        entry = null!;
        return false;
    }

    internal void Set(string sessionId, Entry entry)
    {
        if (entries.Count > 100_000)
        {
            // Stale entries are re-read from the database on demand, so dropping them only costs a query.
            foreach (var (key, value) in entries)
            {
                if (entry.CachedAt - value.CachedAt > Lifetime)
                {
                    entries.TryRemove(key, out _);
                }
            }
        }

        // An inactive entry is final (ended or expired sessions never come back): a concurrent refresh
        // that read the row just before a revocation must not resurrect it.
        entries.AddOrUpdate(sessionId, entry, (_, old) => old.Active ? entry : old);
    }

    /// <summary>
    /// Caches an entry read from the database, unless a re-check began after <paramref name="readEpoch"/>
    /// was taken: then the row may predate a change the re-check applied, and the next request reads again.
    /// </summary>
    internal void SetIfCurrent(string sessionId, Entry entry, long readEpoch)
    {
        lock (epochGate)
        {
            if (Interlocked.Read(ref epoch) == readEpoch)
            {
                Set(sessionId, entry);
            }
        }
    }

    /// <summary>Starts a re-check after another instance ended sessions: the sessions this instance relies on (cached as active, or watched by a circuit).</summary>
    internal IReadOnlyList<string> BeginRecheck(DateTimeOffset now)
    {
        lock (epochGate)
        {
            Interlocked.Increment(ref epoch);
        }

        return entries.Where(e => e.Value.Active && now - e.Value.CachedAt < Lifetime).Select(e => e.Key)
            .Union(subscribers.Where(s => !s.Value.IsEmpty).Select(s => s.Key), StringComparer.Ordinal)
            .ToList();
    }

    internal void Revoke(IEnumerable<string> sessionIds, DateTimeOffset now)
    {
        foreach (var id in sessionIds)
        {
            entries[id] = new Entry(false, now, now, now);
            if (subscribers.TryRemove(id, out var callbacks))
            {
                foreach (var callback in callbacks.Values)
                {
                    ThreadPool.QueueUserWorkItem(static cb => cb(), callback, preferLocal: false);
                }
            }
        }
    }

    public IDisposable Subscribe(string sessionId, Action onRevoked)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentNullException.ThrowIfNull(onRevoked);
        var key = Guid.NewGuid();
        subscribers.GetOrAdd(sessionId, _ => new()).TryAdd(key, onRevoked);
        return new Subscription(() =>
        {
            if (subscribers.TryGetValue(sessionId, out var callbacks))
            {
                callbacks.TryRemove(key, out _);
            }
        });
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? pending = dispose;

        public void Dispose() => Interlocked.Exchange(ref pending, null)?.Invoke();
    }
}
