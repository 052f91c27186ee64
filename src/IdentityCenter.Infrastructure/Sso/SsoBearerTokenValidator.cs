using IdentityCenter.Core.Sso;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities.Sso;
using IdentityCenter.Infrastructure.Sessions;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Sso;

/// <summary>
/// Checks an SSO access token (the <c>x-amz-sso_bearer_token</c> header): known by its hash, not revoked, not
/// expired, and its portal sign-in session still active (not signed out, not deleted by an administrator, user
/// enabled). One call for every consumer of the portal API.
/// </summary>
public sealed class SsoBearerTokenValidator(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    SsoAccessTokenCache cache,
    IUserSessionService sessions,
    TimeProvider time)
{
    /// <summary>Tokens longer than this are refused without a lookup.</summary>
    public const int MaxTokenLength = 512;

    /// <summary>The token's facts when it may be used now; null otherwise (the caller answers UnauthorizedException).</summary>
    public async ValueTask<SsoAccessToken?> ValidateAsync(string? accessToken, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(accessToken) || accessToken.Length > MaxTokenLength)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var hash = OidcProtocol.Hash(accessToken);
        if (!cache.TryGet(hash, now, out var token))
        {
            var loaded = await LoadAsync(hash, cancellationToken);
            if (loaded is null)
            {
                return null;
            }

            token = loaded;
            cache.Set(hash, token, now);
        }

        if (token.ExpiresAt <= now || cache.IsRevoked(token.GrantId))
        {
            return null;
        }

        return await sessions.IsActiveAsync(token.SessionId, cancellationToken) ? token : null;
    }

    private async Task<SsoAccessToken?> LoadAsync(string hash, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.OidcTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.Kind == OidcTokenKinds.Access && t.RevokedAt == null)
            .Select(t => new
            {
                t.Id,
                t.GrantId,
                t.ClientId,
                t.UserId,
                UserName = db.Users.Where(u => u.Id == t.UserId).Select(u => u.UserName).FirstOrDefault(),
                t.SessionId,
                MfaUsed = db.UserSessions.Where(s => s.Id == t.SessionId).Select(s => s.MfaUsed).FirstOrDefault(),
                t.Scopes,
                t.ExpiresAt,
            })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null
            ? null
            : new SsoAccessToken(row.Id, row.GrantId, row.ClientId, row.UserId, row.UserName ?? "", row.SessionId, row.MfaUsed,
                SsoLists.Split(row.Scopes), row.ExpiresAt);
    }
}

/// <summary>The space-separated lists of the OIDC tables.</summary>
internal static class SsoLists
{
    public static IReadOnlyList<string> Split(string? joined) =>
        string.IsNullOrEmpty(joined) ? [] : joined.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static string Join(IEnumerable<string> items) => string.Join(' ', items);
}
