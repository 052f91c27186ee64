using System.Collections.Concurrent;

namespace IdentityCenter.Infrastructure.Sessions;

/// <summary>
/// Process-wide cache of session validity, so the per-request check rarely reaches the database.
/// Entries are refreshed from the database after <see cref="Lifetime"/>; ending a session through
/// <see cref="UserSessionService"/> overwrites the entry at once, so revocation is never delayed.
/// Also the <see cref="ISessionRevocationNotifier"/> for circuits.
/// </summary>
public sealed class SessionStateCache : ISessionRevocationNotifier
{
    internal static TimeSpan Lifetime { get; } = TimeSpan.FromSeconds(60);

    internal static TimeSpan TouchInterval { get; } = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Action>> subscribers = new(StringComparer.Ordinal);

    internal sealed record Entry(bool Active, DateTimeOffset ExpiresAt, DateTimeOffset CachedAt, DateTimeOffset LastTouchedAt);

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
