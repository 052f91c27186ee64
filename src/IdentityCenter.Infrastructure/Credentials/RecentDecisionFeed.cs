using System.Collections.Concurrent;
using IdentityCenter.Core.Policies.Evaluation;

namespace IdentityCenter.Infrastructure.Credentials;

/// <summary>
/// One decision <see cref="AuthorizeService"/> made (for <c>/api/authorize</c>, the S3 store, the playground), as the
/// room view shows it. <see cref="Reason"/> is the evaluator's reason; <see cref="DecidingStatement"/> the statement
/// that decided (<see cref="DecidingStatements.Of"/>; none for an implicit deny).
/// </summary>
public sealed record RecentDecision(
    long Sequence,
    string UserId,
    string UserName,
    string AccountId,
    string PermissionSetId,
    string Action,
    string Resource,
    Decision Decision,
    DateTimeOffset At,
    string Reason,
    StatementTrace? DecidingStatement)
{
    public bool Allowed => Decision == Decision.Allow;
}

/// <summary>
/// The latest decisions of this instance, in memory and bounded: the last <see cref="Capacity"/> decisions of everyone,
/// and per user the latest allowed and the latest denied one (at most <see cref="MaxTrackedUsers"/> users; past that
/// the per-user part starts over). Recording costs one small object and no evaluation: the deciding statement of an
/// allowed decision is worked out (with the evaluator's explanation) only when it is read; a denial's comes from the
/// explanation <see cref="AuthorizeService"/> already made for its authorization message. Nothing is written to the
/// database (denials are audited, allowed decisions aggregated, by <see cref="AuthorizeService"/> as before); other
/// instances keep their own feed.
/// </summary>
public sealed class RecentDecisionFeed
{
    public const int Capacity = 500;

    public const int MaxTrackedUsers = 10_000;

    private readonly Entry?[] _ring = new Entry?[Capacity];
    private readonly ConcurrentDictionary<string, UserSlot> _users = new(StringComparer.Ordinal);
    private long _sequence;
    private int _trackedUsers;

    /// <summary>Records one evaluated request. <paramref name="explanation"/>: the evaluator's, when it was made (denials).</summary>
    public void Record(
        string userId, string userName, string accountId, string permissionSetId,
        AuthorizationRequest request, PolicySet policies, Decision decision, Explanation? explanation, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policies);
        var sequence = Interlocked.Increment(ref _sequence);
        var entry = new Entry(sequence, userId, userName, accountId, permissionSetId, decision, at, request, policies, explanation);
        Volatile.Write(ref _ring[(int)((sequence - 1) % Capacity)], entry);
        if (!_users.TryGetValue(userId, out var slot))
        {
            // Counted here, not with _users.Count: that takes every lock of the dictionary, and this runs on every request.
            if (Interlocked.Increment(ref _trackedUsers) > MaxTrackedUsers)
            {
                _users.Clear();
                Volatile.Write(ref _trackedUsers, 1);
            }

            slot = _users.GetOrAdd(userId, static _ => new UserSlot());
        }

        if (decision == Decision.Allow)
        {
            slot.SetAllowed(entry);
        }
        else
        {
            slot.SetDenied(entry);
        }
    }

    /// <summary>The latest decisions (newest first, at most <paramref name="max"/>) of the given users, from the last <see cref="Capacity"/> of everyone.</summary>
    public IReadOnlyList<RecentDecision> Latest(IReadOnlySet<string> userIds, int max)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var found = new List<Entry>();
        foreach (var entry in _ring)
        {
            if (entry is not null && userIds.Contains(entry.UserId))
            {
                found.Add(entry);
            }
        }

        return [.. found.OrderByDescending(e => e.Sequence).Take(Math.Max(0, max)).Select(e => e.Read())];
    }

    /// <summary>The user's latest allowed and latest denied decision on this instance (null when none since it started).</summary>
    public (RecentDecision? Allowed, RecentDecision? Denied) LatestOf(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        return _users.TryGetValue(userId, out var slot) ? (slot.Allowed?.Read(), slot.Denied?.Read()) : (null, null);
    }

    private sealed class UserSlot
    {
        private Entry? _allowed;
        private Entry? _denied;

        public Entry? Allowed => Volatile.Read(ref _allowed);

        public Entry? Denied => Volatile.Read(ref _denied);

        public void SetAllowed(Entry entry) => Replace(ref _allowed, entry);

        public void SetDenied(Entry entry) => Replace(ref _denied, entry);

        /// <summary>Keeps the newer entry when two requests of one user race.</summary>
        private static void Replace(ref Entry? field, Entry entry)
        {
            var current = Volatile.Read(ref field);
            while (current is null || current.Sequence < entry.Sequence)
            {
                var seen = Interlocked.CompareExchange(ref field, entry, current);
                if (ReferenceEquals(seen, current))
                {
                    return;
                }

                current = seen;
            }
        }
    }

    /// <summary>A recorded decision; its reason and deciding statement are worked out at the first read.</summary>
    private sealed class Entry(
        long sequence, string userId, string userName, string accountId, string permissionSetId, Decision decision, DateTimeOffset at,
        AuthorizationRequest request, PolicySet policies, Explanation? explanation)
    {
        private RecentDecision? _read;

        public long Sequence { get; } = sequence;

        public string UserId { get; } = userId;

        public RecentDecision Read()
        {
            if (Volatile.Read(ref _read) is { } read)
            {
                return read;
            }

            // Two readers racing may both evaluate; the evaluation is pure, and the first answer stays.
            var explained = explanation ?? PolicyEvaluator.Evaluate(request, policies, explain: true).Explanation!;
            var made = new RecentDecision(Sequence, UserId, userName, accountId, permissionSetId, request.Action, request.Resource, decision, at,
                explained.Reason, DecidingStatements.Of(explained));
            return Interlocked.CompareExchange(ref _read, made, null) ?? made;
        }
    }
}
