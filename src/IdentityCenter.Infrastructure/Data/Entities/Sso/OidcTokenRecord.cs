namespace IdentityCenter.Infrastructure.Data.Entities.Sso;

/// <summary>
/// An access or refresh token, by its SHA-256 (the token itself is never stored). Tokens from one consent share
/// a <see cref="GrantId"/> (the authorization's id): a refresh rotates within the grant, and presenting a used
/// refresh token again revokes the whole grant. <see cref="SessionId"/> is the portal sign-in session that gave
/// consent: when it ends (sign-out, SSO <c>Logout</c>, an administrator's delete, a disabled user) the tokens stop working.
/// </summary>
public sealed class OidcTokenRecord
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N");

    public string GrantId { get; set; } = "";

    /// <summary><see cref="OidcTokenKinds"/>.</summary>
    public string Kind { get; set; } = "";

    public string TokenHash { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string UserId { get; set; } = "";

    public string SessionId { get; set; } = "";

    public string Scopes { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When a refresh token was exchanged (it is refused afterwards).</summary>
    public DateTimeOffset? UsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokeReason { get; set; }
}

public static class OidcTokenKinds
{
    public const string Access = "access";
    public const string Refresh = "refresh";
}
