namespace IdentityCenter.Infrastructure.Sso;

/// <summary>
/// An SSO-OIDC failure exactly as the service model names it: the exception shape (sent as <c>x-amzn-ErrorType</c>,
/// which is what the SDKs read), the OAuth <c>error</c> code of the body, the HTTP status, and a description that
/// says what to fix.
/// </summary>
public sealed record OidcError(string ExceptionName, string Code, int StatusCode, string Description)
{
    public static OidcError AuthorizationPending(string description) => new("AuthorizationPendingException", "authorization_pending", 400, description);

    public static OidcError SlowDown(string description) => new("SlowDownException", "slow_down", 400, description);

    public static OidcError ExpiredToken(string description) => new("ExpiredTokenException", "expired_token", 400, description);

    public static OidcError AccessDenied(string description) => new("AccessDeniedException", "access_denied", 400, description);

    public static OidcError InvalidGrant(string description) => new("InvalidGrantException", "invalid_grant", 400, description);

    public static OidcError InvalidClient(string description) => new("InvalidClientException", "invalid_client", 401, description);

    public static OidcError InvalidRequest(string description) => new("InvalidRequestException", "invalid_request", 400, description);

    public static OidcError InvalidScope(string description) => new("InvalidScopeException", "invalid_scope", 400, description);

    public static OidcError UnsupportedGrantType(string description) => new("UnsupportedGrantTypeException", "unsupported_grant_type", 400, description);

    public static OidcError UnauthorizedClient(string description) => new("UnauthorizedClientException", "unauthorized_client", 400, description);

    public static OidcError InvalidClientMetadata(string description) => new("InvalidClientMetadataException", "invalid_client_metadata", 400, description);

    public static OidcError InvalidRedirectUri(string description) => new("InvalidRedirectUriException", "invalid_redirect_uri", 400, description);

    public static OidcError InternalServer(string description) => new("InternalServerException", "server_error", 500, description);
}

/// <summary>A value or the <see cref="OidcError"/> that prevented it.</summary>
public sealed record OidcResult<T>(T? Value, OidcError? Error)
    where T : class
{
    public bool Succeeded => Error is null;

    public static implicit operator OidcResult<T>(T value) => new(value, null);

    public static implicit operator OidcResult<T>(OidcError error) => new(null, error);
}
