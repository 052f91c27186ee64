namespace IdentityCenter.Infrastructure.Sso;

/// <summary><c>RegisterClient</c>'s input (the JSON body, camelCase on the wire).</summary>
public sealed record RegisterClientInput(
    string? ClientName,
    string? ClientType,
    IReadOnlyList<string>? Scopes,
    IReadOnlyList<string>? RedirectUris,
    IReadOnlyList<string>? GrantTypes,
    string? IssuerUrl,
    string? EntitledApplicationArn);

public sealed record RegisteredClient(string ClientId, string ClientSecret, long ClientIdIssuedAt, long ClientSecretExpiresAt);

public sealed record StartDeviceAuthorizationInput(string? ClientId, string? ClientSecret, string? StartUrl);

/// <summary><c>StartDeviceAuthorization</c>'s output; the URIs are absolute, built on <c>portalBaseUrl</c>.</summary>
public sealed record DeviceAuthorization(string DeviceCode, string UserCode, string VerificationUri, string VerificationUriComplete, int ExpiresIn, int Interval);

public sealed record CreateTokenInput(
    string? ClientId,
    string? ClientSecret,
    string? GrantType,
    string? DeviceCode,
    string? Code,
    string? RefreshToken,
    IReadOnlyList<string>? Scope,
    string? RedirectUri,
    string? CodeVerifier);

public sealed record IssuedTokens(string AccessToken, string TokenType, int ExpiresIn, string? RefreshToken);

/// <summary>The query of the browser's <c>GET /authorize</c> (not in the service model; the CLI builds it).</summary>
public sealed record AuthorizeInput(
    string? ResponseType,
    string? ClientId,
    string? RedirectUri,
    string? State,
    string? CodeChallengeMethod,
    string? CodeChallenge,
    string? Scopes);

/// <summary>
/// What <c>/authorize</c> leads to: the consent page for the new request, or (for a request that names a good
/// client and redirect URI but is otherwise bad) a redirect back with <c>error</c>, or an error page when the
/// redirect URI cannot be trusted.
/// </summary>
public sealed record AuthorizeOutcome(string? ConsentRequestId, string? ErrorRedirect, string? ErrorMessage);

/// <summary>A consent request as the approval page shows it.</summary>
public sealed record ConsentRequest(
    string Id,
    string Kind,
    string ClientName,
    string? UserCode,
    IReadOnlyList<string> Scopes,
    DateTimeOffset ExpiresAt,
    string Status);

/// <summary>Why a consent request cannot be shown or decided.</summary>
public enum ConsentLookup
{
    Found,
    NotFound,
    Expired,
    AlreadyDecided,
}

public sealed record ConsentLookupResult(ConsentLookup Outcome, ConsentRequest? Request);

/// <summary>The outcome of Allow or Deny; <see cref="RedirectUri"/> is set for authorization-code requests.</summary>
public sealed record ConsentDecisionResult(ConsentLookup Outcome, bool Allowed, string? RedirectUri, string? ClientName = null);

/// <summary>The person deciding on the portal, with the sign-in session the tokens will depend on.</summary>
public sealed record ConsentingUser(string UserId, string UserName, string SessionId, string? SourceIpAddress, string? UserAgent);
