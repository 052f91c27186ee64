using System.Collections.Concurrent;
using IdentityCenter.Core.Audit;

namespace IdentityCenter.Infrastructure.Credentials;

/// <summary>
/// Allowed authorize decisions are counted in memory per (user, account, permission set, action, resource)
/// and become one audit event per key and window (with the count, first and last time), so a busy
/// service does not write an audit row per request. Denied decisions bypass this and are audited one by one.
/// </summary>
public sealed class AllowedDecisionAggregator
{
    private ConcurrentDictionary<Key, Counter> _window = new();

    public void Record(SessionKey session, string action, string resource, string? sourceIp, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(session);
        var counter = _window.GetOrAdd(new Key(session, action, resource), static (_, state) => new Counter(state.at, state.sourceIp), (at, sourceIp));
        counter.Add(at);
    }

    /// <summary>Closes the current window and returns its audit events.</summary>
    public IReadOnlyList<AuditEvent> Drain()
    {
        if (_window.IsEmpty)
        {
            return [];
        }

        var closed = Interlocked.Exchange(ref _window, new ConcurrentDictionary<Key, Counter>());
        var events = new List<AuditEvent>(closed.Count);
        foreach (var (key, counter) in closed)
        {
            var (count, first, last) = counter.Read();
            events.Add(AuthorizeAudit.Decision(key.Session, key.Action, key.Resource, "Allow", counter.SourceIp, last, new Dictionary<string, string?>
            {
                ["aggregated"] = "true",
                ["count"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["firstTime"] = first.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["lastTime"] = last.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            }));
        }

        return events;
    }

    /// <summary>Who acted, as far as the audit trail cares.</summary>
    public sealed record SessionKey(string UserId, string UserName, string AccountId, string PermissionSetId, string AssumedRoleArn, string AccessKeyId);

    private readonly record struct Key(SessionKey Session, string Action, string Resource);

    /// <summary>
    /// One key's count and first and last time, updated without a lock (every allowed request of a busy service updates the
    /// same counter from every core): an atomic increment, and the last time as UTC ticks raised by compare-and-swap.
    /// </summary>
    private sealed class Counter(DateTimeOffset first, string? sourceIp)
    {
        private readonly DateTimeOffset _first = first;
        private long _count;
        private long _lastTicks = first.UtcTicks;

        public string? SourceIp { get; } = sourceIp;

        public void Add(DateTimeOffset at)
        {
            Interlocked.Increment(ref _count);
            var ticks = at.UtcTicks;
            var last = Volatile.Read(ref _lastTicks);
            while (ticks > last)
            {
                var seen = Interlocked.CompareExchange(ref _lastTicks, ticks, last);
                if (seen == last)
                {
                    return;
                }

                last = seen;
            }
        }

        public (long Count, DateTimeOffset First, DateTimeOffset Last) Read() =>
            (Volatile.Read(ref _count), _first, new DateTimeOffset(Volatile.Read(ref _lastTicks), TimeSpan.Zero));
    }
}
