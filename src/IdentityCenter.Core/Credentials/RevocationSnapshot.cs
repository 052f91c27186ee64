namespace IdentityCenter.Core.Credentials;

/// <summary>
/// Everything needed to decide whether an authentic token was revoked, held in memory by the web
/// layer (rebuilt from its persisted revocations at start-up) so checks never read a database.
/// Immutable: each change returns a new snapshot to swap in. A revocation at time T covers tokens
/// issued at or before T (ties revoke, erring on the safe side):
/// <list type="bullet">
/// <item>global watermark: every token;</item>
/// <item>per-user watermark: that user's tokens (disable, delete sessions, "revoke issued before now");</item>
/// <item>per-assignment (account, permission set, principal) and per-membership (group, user):
/// a token is revoked when every assignment that granted it (its <see cref="SessionClaims.GrantingPrincipalIds"/>)
/// has been removed since, so removing a group assignment leaves a direct one working.</item>
/// </list>
/// </summary>
public sealed class RevocationSnapshot
{
    private readonly Dictionary<string, DateTimeOffset> _users;
    private readonly Dictionary<(string Account, string PermissionSet, string Principal), DateTimeOffset> _assignments;
    private readonly Dictionary<(string Group, string User), DateTimeOffset> _memberships;

    private RevocationSnapshot(
        DateTimeOffset? global,
        Dictionary<string, DateTimeOffset> users,
        Dictionary<(string, string, string), DateTimeOffset> assignments,
        Dictionary<(string, string), DateTimeOffset> memberships)
    {
        GlobalRevokedBefore = global;
        _users = users;
        _assignments = assignments;
        _memberships = memberships;
    }

    public static RevocationSnapshot Empty { get; } = new(null, new(StringComparer.Ordinal), [], []);

    /// <summary>Rebuilds a snapshot from persisted revocations in one pass (at start-up); later entries for the same key keep the latest time.</summary>
    public static RevocationSnapshot Create(
        DateTimeOffset? globalRevokedBefore,
        IEnumerable<KeyValuePair<string, DateTimeOffset>> userWatermarks,
        IEnumerable<RevokedAssignment> assignments,
        IEnumerable<RevokedMembership> memberships)
    {
        ArgumentNullException.ThrowIfNull(userWatermarks);
        ArgumentNullException.ThrowIfNull(assignments);
        ArgumentNullException.ThrowIfNull(memberships);
        var users = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (user, at) in userWatermarks)
        {
            users[user] = Later(users.TryGetValue(user, out var t) ? t : null, at);
        }

        var removed = new Dictionary<(string, string, string), DateTimeOffset>();
        foreach (var a in assignments)
        {
            var key = (a.AccountId, a.PermissionSetId, a.PrincipalId);
            removed[key] = Later(removed.TryGetValue(key, out var t) ? t : null, a.At);
        }

        var left = new Dictionary<(string, string), DateTimeOffset>();
        foreach (var m in memberships)
        {
            var key = (m.GroupId, m.UserId);
            left[key] = Later(left.TryGetValue(key, out var t) ? t : null, m.At);
        }

        return new RevocationSnapshot(globalRevokedBefore, users, removed, left);
    }

    /// <summary>Tokens issued at or before this instant are revoked for everyone.</summary>
    public DateTimeOffset? GlobalRevokedBefore { get; }

    public IReadOnlyDictionary<string, DateTimeOffset> UserWatermarks => _users;

    public IReadOnlyDictionary<(string Account, string PermissionSet, string Principal), DateTimeOffset> AssignmentRevocations => _assignments;

    public IReadOnlyDictionary<(string Group, string User), DateTimeOffset> MembershipRevocations => _memberships;

    /// <summary>"Revoke credentials issued before now" for everyone.</summary>
    public RevocationSnapshot RevokeAll(DateTimeOffset at) =>
        new(Later(GlobalRevokedBefore, at), _users, _assignments, _memberships);

    /// <summary>Revokes a user's tokens issued at or before <paramref name="at"/>.</summary>
    public RevocationSnapshot RevokeUser(string userId, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var users = new Dictionary<string, DateTimeOffset>(_users, StringComparer.Ordinal);
        users[userId] = Later(users.TryGetValue(userId, out var t) ? t : null, at);
        return new(GlobalRevokedBefore, users, _assignments, _memberships);
    }

    /// <summary>Records that the assignment (account, permission set, user or group id) was removed at <paramref name="at"/>.</summary>
    public RevocationSnapshot RevokeAssignment(string accountId, string permissionSetId, string principalId, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(permissionSetId);
        ArgumentException.ThrowIfNullOrEmpty(principalId);
        var assignments = new Dictionary<(string, string, string), DateTimeOffset>(_assignments);
        var key = (accountId, permissionSetId, principalId);
        assignments[key] = Later(assignments.TryGetValue(key, out var t) ? t : null, at);
        return new(GlobalRevokedBefore, _users, assignments, _memberships);
    }

    /// <summary>Records that the user left the group at <paramref name="at"/>.</summary>
    public RevocationSnapshot RevokeMembership(string groupId, string userId, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var memberships = new Dictionary<(string, string), DateTimeOffset>(_memberships);
        var key = (groupId, userId);
        memberships[key] = Later(memberships.TryGetValue(key, out var t) ? t : null, at);
        return new(GlobalRevokedBefore, _users, _assignments, memberships);
    }

    /// <summary>
    /// Drops per-user, per-assignment and per-membership entries older than the longest token lifetime
    /// (default 12 hours): every token they could revoke has expired anyway. The global watermark stays.
    /// </summary>
    public RevocationSnapshot Prune(DateTimeOffset now, TimeSpan? maxTokenLifetime = null)
    {
        var cutoff = now - (maxTokenLifetime ?? TimeSpan.FromHours(12));
        return new(
            GlobalRevokedBefore,
            _users.Where(kv => kv.Value > cutoff).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
            _assignments.Where(kv => kv.Value > cutoff).ToDictionary(kv => kv.Key, kv => kv.Value),
            _memberships.Where(kv => kv.Value > cutoff).ToDictionary(kv => kv.Key, kv => kv.Value));
    }

    /// <summary>Null when the token stands, otherwise a <see cref="CredentialErrorCode.TokenRevoked"/> error saying why.</summary>
    public CredentialError? Check(SessionClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var issued = claims.IssuedAt;
        if (GlobalRevokedBefore is { } global && issued <= global)
        {
            return new CredentialError(CredentialErrorCode.TokenRevoked, "The credentials were revoked by an administrator; get new credentials from the portal.");
        }

        if (_users.Count > 0 && _users.TryGetValue(claims.UserId, out var user) && issued <= user)
        {
            return new CredentialError(CredentialErrorCode.TokenRevoked, "The credentials of this user were revoked; sign in to the portal again to get new ones.");
        }

        var grants = claims.GrantingPrincipalIds;
        if (grants.Count == 0 || (_assignments.Count == 0 && _memberships.Count == 0))
        {
            return null;
        }

        foreach (var principal in grants)
        {
            var removed = _assignments.TryGetValue((claims.AccountId, claims.PermissionSetId, principal), out var at) && issued <= at;
            var left = !string.Equals(principal, claims.UserId, StringComparison.Ordinal)
                && _memberships.TryGetValue((principal, claims.UserId), out var leftAt) && issued <= leftAt;
            if (!removed && !left)
            {
                return null;
            }
        }

        return new CredentialError(CredentialErrorCode.TokenRevoked, "The account assignment that granted these credentials was removed.");
    }

    private static DateTimeOffset Later(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } c && c > candidate ? c : candidate;
}
