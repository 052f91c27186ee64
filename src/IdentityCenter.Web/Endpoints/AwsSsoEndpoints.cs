using System.Text.Json;
using System.Text.Json.Serialization;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Sso;
using IdentityCenter.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Microsoft.AspNetCore.Routing;

/// <summary>
/// The AWS-compatible sign-in APIs, wire-compatible with the SDKs' service models (rest-json, camelCase):
/// SSO-OIDC under <c>/aws/oidc</c> (<c>POST /client/register</c>, <c>POST /device_authorization</c>,
/// <c>POST /token</c>, and the browser's <c>GET /authorize</c>) and the SSO portal API under <c>/aws/sso</c>
/// (<c>GET /federation/credentials</c>, <c>GET /assignment/accounts</c>, <c>GET /assignment/roles</c>,
/// <c>POST /logout</c>, bearer token in <c>x-amz-sso_bearer_token</c>; rate limited per client with the
/// credentials policy). Errors carry <c>x-amzn-ErrorType</c>
/// (the only thing the SDKs read for the error code) and every answer <c>x-amzn-RequestId</c>.
/// </summary>
public static class AwsSsoEndpoints
{
    public const string OidcPrefix = "/aws/oidc";
    public const string PortalPrefix = "/aws/sso";
    public const string BearerHeader = "x-amz-sso_bearer_token";
    public const string ErrorTypeHeader = "x-amzn-ErrorType";
    public const string RequestIdHeader = "x-amzn-RequestId";

    /// <summary>The portal page that shows an authorization-code request for consent (the device page handles both).</summary>
    public const string ConsentPath = "/start/authorize";

    private const int MaxBodyBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static IEndpointRouteBuilder MapAwsSsoEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var oidc = endpoints.MapGroup(OidcPrefix).DisableAntiforgery().AddEndpointFilter(AddRequestIdAsync);
        oidc.MapPost("/client/register", RegisterClientAsync);
        oidc.MapPost("/device_authorization", StartDeviceAuthorizationAsync);
        oidc.MapPost("/token", CreateTokenAsync);
        oidc.MapGet("/authorize", AuthorizeAsync);

        // The portal API issues role credentials: it shares the per-client credentials limit with /api/portal (429 TooManyRequestsException).
        var portal = endpoints.MapGroup(PortalPrefix).DisableAntiforgery().AddEndpointFilter(AddRequestIdAsync).RequireRateLimiting(RateLimitPolicies.Credentials);
        portal.MapGet("/federation/credentials", GetRoleCredentialsAsync);
        portal.MapGet("/assignment/accounts", ListAccountsAsync);
        portal.MapGet("/assignment/roles", ListAccountRolesAsync);
        portal.MapPost("/logout", LogoutAsync);
        return endpoints;
    }

    private static async Task<IResult> RegisterClientAsync(HttpContext http, SsoOidcService oidc)
    {
        var body = await ReadAsync<RegisterClientBody>(http);
        if (body is null)
        {
            return Failure(http, OidcError.InvalidRequest("The body must be a JSON object such as {\"clientName\":\"my-cli\",\"clientType\":\"public\"}."));
        }

        var result = await oidc.RegisterClientAsync(
            new RegisterClientInput(body.ClientName, body.ClientType, body.Scopes, body.RedirectUris, body.GrantTypes, body.IssuerUrl, body.EntitledApplicationArn),
            Caller(http), http.RequestAborted);
        return result.Value is { } c
            ? Results.Json(new { clientId = c.ClientId, clientSecret = c.ClientSecret, clientIdIssuedAt = c.ClientIdIssuedAt, clientSecretExpiresAt = c.ClientSecretExpiresAt }, Json)
            : Failure(http, result.Error!);
    }

    private static async Task<IResult> StartDeviceAuthorizationAsync(HttpContext http, SsoOidcService oidc)
    {
        var body = await ReadAsync<StartDeviceAuthorizationBody>(http);
        if (body is null)
        {
            return Failure(http, OidcError.InvalidRequest("The body must be a JSON object with clientId, clientSecret and startUrl."));
        }

        var result = await oidc.StartDeviceAuthorizationAsync(new StartDeviceAuthorizationInput(body.ClientId, body.ClientSecret, body.StartUrl), PortalBaseUrl(http), Caller(http), http.RequestAborted);
        return result.Value is { } d
            ? Results.Json(new { deviceCode = d.DeviceCode, userCode = d.UserCode, verificationUri = d.VerificationUri, verificationUriComplete = d.VerificationUriComplete, expiresIn = d.ExpiresIn, interval = d.Interval }, Json)
            : Failure(http, result.Error!);
    }

    private static async Task<IResult> CreateTokenAsync(HttpContext http, SsoOidcService oidc)
    {
        if (http.Request.Query.ContainsKey("aws_iam"))
        {
            return Failure(http, OidcError.InvalidRequest("CreateTokenWithIAM is not supported: IdentityCenter has no IAM-authenticated applications. Use CreateToken."));
        }

        var body = await ReadAsync<CreateTokenBody>(http);
        if (body is null)
        {
            return Failure(http, OidcError.InvalidRequest("The body must be a JSON object with clientId, clientSecret and grantType."));
        }

        var result = await oidc.CreateTokenAsync(
            new CreateTokenInput(body.ClientId, body.ClientSecret, body.GrantType, body.DeviceCode, body.Code, body.RefreshToken, body.Scope, body.RedirectUri, body.CodeVerifier),
            Caller(http), http.RequestAborted);
        return result.Value is { } t
            ? Results.Json(new { accessToken = t.AccessToken, tokenType = t.TokenType, expiresIn = t.ExpiresIn, refreshToken = t.RefreshToken }, Json)
            : Failure(http, result.Error!);
    }

    // Not in the service model: the AWS CLI opens it in the browser (response_type=code, PKCE S256, scopes space-joined).
    private static async Task<IResult> AuthorizeAsync(
        HttpContext http,
        SsoOidcService oidc,
        [FromQuery(Name = "response_type")] string? responseType,
        [FromQuery(Name = "client_id")] string? clientId,
        [FromQuery(Name = "redirect_uri")] string? redirectUri,
        [FromQuery(Name = "state")] string? state,
        [FromQuery(Name = "code_challenge_method")] string? codeChallengeMethod,
        [FromQuery(Name = "code_challenge")] string? codeChallenge,
        [FromQuery(Name = "scopes")] string? scopes)
    {
        var outcome = await oidc.BeginAuthorizeAsync(
            new AuthorizeInput(responseType, clientId, redirectUri, state, codeChallengeMethod, codeChallenge, scopes), Caller(http), http.RequestAborted);
        if (outcome.ErrorRedirect is { } errorRedirect)
        {
            return Results.Redirect(errorRedirect);
        }

        var target = outcome.ConsentRequestId is { } id
            ? $"{ConsentPath}?request={Uri.EscapeDataString(id)}"
            : $"{ConsentPath}?problem=invalid";
        return Results.Redirect(http.Request.PathBase + target);
    }

    private static async Task<IResult> GetRoleCredentialsAsync(
        HttpContext http,
        SsoPortalService portal,
        [FromQuery(Name = "account_id")] string? accountId,
        [FromQuery(Name = "role_name")] string? roleName)
    {
        var result = await portal.GetRoleCredentialsAsync(Bearer(http), accountId, roleName, Caller(http), http.RequestAborted);
        return result.Value is { } c
            ? Results.Json(new
            {
                roleCredentials = new
                {
                    accessKeyId = c.AccessKeyId,
                    secretAccessKey = c.SecretAccessKey,
                    sessionToken = c.SessionToken,
                    expiration = c.ExpirationEpochMilliseconds,
                },
            }, Json)
            : Failure(http, result.Error!);
    }

    private static async Task<IResult> ListAccountsAsync(
        HttpContext http,
        SsoPortalService portal,
        [FromQuery(Name = "next_token")] string? nextToken,
        [FromQuery(Name = "max_result")] string? maxResult)
    {
        var result = await portal.ListAccountsAsync(Bearer(http), nextToken, maxResult, Caller(http), http.RequestAborted);
        return result.Value is { } page
            ? Results.Json(new { nextToken = page.NextToken, accountList = page.Items.Select(a => new { accountId = a.AccountId, accountName = a.AccountName, emailAddress = a.EmailAddress }) }, Json)
            : Failure(http, result.Error!);
    }

    private static async Task<IResult> ListAccountRolesAsync(
        HttpContext http,
        SsoPortalService portal,
        [FromQuery(Name = "account_id")] string? accountId,
        [FromQuery(Name = "next_token")] string? nextToken,
        [FromQuery(Name = "max_result")] string? maxResult)
    {
        var result = await portal.ListAccountRolesAsync(Bearer(http), accountId, nextToken, maxResult, Caller(http), http.RequestAborted);
        return result.Value is { } page
            ? Results.Json(new { nextToken = page.NextToken, roleList = page.Items.Select(r => new { roleName = r.RoleName, accountId = r.AccountId }) }, Json)
            : Failure(http, result.Error!);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, SsoPortalService portal)
    {
        var result = await portal.LogoutAsync(Bearer(http), Caller(http), http.RequestAborted);
        return result.Succeeded ? Results.Ok() : Failure(http, result.Error!);
    }

    /// <summary>The answer the SDKs map to an OIDC exception: <c>x-amzn-ErrorType</c>, the model's status, <c>{"error","error_description"}</c>.</summary>
    public static IResult Failure(HttpContext http, OidcError error)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(error);
        http.Response.Headers[ErrorTypeHeader] = error.ExceptionName;
        return Results.Json(new { error = error.Code, error_description = error.Description }, Json, statusCode: error.StatusCode);
    }

    /// <summary>The answer the SDKs map to an SSO portal exception: <c>x-amzn-ErrorType</c>, the model's status, <c>{"message"}</c>.</summary>
    public static IResult Failure(HttpContext http, SsoPortalError error)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(error);
        http.Response.Headers[ErrorTypeHeader] = error.ExceptionName;
        return Results.Json(new { message = error.Message }, Json, statusCode: error.StatusCode);
    }

    /// <summary>The portal's absolute base URL as this request reached it (scheme, host, path base), ending in '/'.</summary>
    public static string PortalBaseUrl(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/";
    }

    private static RequestOrigin Caller(HttpContext http) => RequestOrigin.From(http);

    private static string? Bearer(HttpContext http) =>
        http.Request.Headers.TryGetValue(BearerHeader, out var value) ? value.ToString() : null;

    private static ValueTask<object?> AddRequestIdAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.Response.Headers[RequestIdHeader] = Guid.NewGuid().ToString();
        return next(context);
    }

    /// <summary>The JSON body as <typeparamref name="T"/>, or null when it is missing, too large or not an object of that shape.</summary>
    private static async Task<T?> ReadAsync<T>(HttpContext http)
        where T : class
    {
        if (http.Request.ContentLength is > MaxBodyBytes)
        {
            return null;
        }

        try
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            return buffer.Length is 0 or > MaxBodyBytes ? null : JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record RegisterClientBody(string? ClientName, string? ClientType, List<string>? Scopes, List<string>? RedirectUris, List<string>? GrantTypes, string? IssuerUrl, string? EntitledApplicationArn);

    private sealed record StartDeviceAuthorizationBody(string? ClientId, string? ClientSecret, string? StartUrl);

    private sealed record CreateTokenBody(string? ClientId, string? ClientSecret, string? GrantType, string? DeviceCode, string? Code, string? RefreshToken, List<string>? Scope, string? RedirectUri, string? CodeVerifier);
}
