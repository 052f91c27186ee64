using System.Collections.Concurrent;

namespace IdentityCenter.Infrastructure.Sso;

/// <summary>A valid SSO access token as the portal API uses it: who, through which sign-in session, until when.</summary>
public sealed record SsoAccessToken(
    string TokenId,
    string GrantId,
    string ClientId,
    string UserId,
    string UserName,
    string SessionId,
    bool MfaUsed,
    IReadOnlyList<string> Scopes,
    DateTimeOffset ExpiresAt);

/// <summary>
/// Process-wide cache of access tokens by hash, so the portal API's bearer check rarely reaches the database.
/// Entries are re-read after <see cref="Lifetime"/>; a revoked grant is remembered here at once (and in the
/// database), so revocation is never delayed. Session ends are checked on every call through the session cache.
/// </summary>
public sealed class SsoAccessTokenCache
{
    internal static TimeSpan Lifetime { get; } = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revokedGrants = new(StringComparer.Ordinal);

    internal sealed record Entry(SsoAccessToken Token, DateTimeOffset CachedAt);

    internal bool TryGet(string tokenHash, DateTimeOffset now, out SsoAccessToken token)
    {
        if (_entries.TryGetValue(tokenHash, out var entry) && now - entry.CachedAt < Lifetime)
        {
            token = entry.Token;
            return true;
        }

        token = null!;
        return false;
    }

    internal void Set(string tokenHash, SsoAccessToken token, DateTimeOffset now)
    {
        if (_entries.Count > 100_000)
        {
            foreach (var (key, value) in _entries)
            {
                if (now - value.CachedAt >= Lifetime)
                {
                    _entries.TryRemove(key, out _);
                }
            }
        }

        _entries[tokenHash] = new Entry(token, now);
    }

    /// <summary>True when the grant was revoked within the cache lifetime (older revocations are in the database rows).</summary>
    internal bool IsRevoked(string grantId) => _revokedGrants.ContainsKey(grantId);

    internal void RevokeGrant(string grantId, DateTimeOffset now)
    {
        _revokedGrants[grantId] = now;
        foreach (var (key, value) in _revokedGrants)
        {
            // A database read older than this could not have missed the revocation once the entry lifetime passed.
            if (now - value > Lifetime + Lifetime)
            {
                _revokedGrants.TryRemove(key, out _);
            }
        }
    }
}
