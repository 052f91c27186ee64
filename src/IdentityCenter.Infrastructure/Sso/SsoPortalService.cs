using System.Globalization;
using System.Text;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Sso;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Sessions;

namespace IdentityCenter.Infrastructure.Sso;

/// <summary>An SSO portal API failure as the <c>sso</c> service model names it (plus AWS's unmodelled ForbiddenException).</summary>
public sealed record SsoPortalError(string ExceptionName, int StatusCode, string Message)
{
    public static SsoPortalError Unauthorized(string message = "Session token not found or invalid") => new("UnauthorizedException", 401, message);

    /// <summary>One answer for a role that does not exist, an account that does not exist and a role the user lacks.</summary>
    public static SsoPortalError Forbidden() => new("ForbiddenException", 403, "No access");

    public static SsoPortalError ResourceNotFound(string message) => new("ResourceNotFoundException", 404, message);

    public static SsoPortalError TooManyRequests(string message = "Too many requests; slow down and try again.") => new("TooManyRequestsException", 429, message);

    public static SsoPortalError InvalidRequest(string message) => new("InvalidRequestException", 400, message);
}

/// <summary>A value or the <see cref="SsoPortalError"/> that prevented it.</summary>
public sealed record SsoPortalResult<T>(T? Value, SsoPortalError? Error)
    where T : class
{
    public bool Succeeded => Error is null;

    public static implicit operator SsoPortalResult<T>(T value) => new(value, null);

    public static implicit operator SsoPortalResult<T>(SsoPortalError error) => new(null, error);
}

public sealed record SsoPage<T>(IReadOnlyList<T> Items, string? NextToken);

public sealed record SsoLogoutDone;

/// <summary>
/// The SSO portal API (service model <c>sso</c> 2019-06-10) behind the <c>x-amz-sso_bearer_token</c> header:
/// the same entitlements as the portal page (<see cref="IEntitlementService"/>) and the same credential issue and
/// <c>GetRoleCredentials</c> audit (<see cref="CredentialService"/>), with the caller's address and user agent.
/// Paging tokens are opaque to clients.
/// </summary>
public sealed class SsoPortalService(
    SsoBearerTokenValidator tokens,
    IEntitlementService entitlements,
    CredentialService credentials,
    IUserSessionService sessions,
    SsoOidcService oidc,
    CredentialAuditBuffer audit,
    TimeProvider time)
{
    public const int MaxResults = 100;

    public async Task<SsoPortalResult<SsoPage<EntitledAccount>>> ListAccountsAsync(string? accessToken, string? nextToken, string? maxResults, RequestOrigin caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var token = await AuthenticateAsync(accessToken, cancellationToken);
        if (token is null)
        {
            return SsoPortalError.Unauthorized();
        }

        if (ParsePaging(nextToken, maxResults) is not { } paging)
        {
            return InvalidPaging(SsoAuditNames.ListAccounts, token, caller, nextToken, maxResults);
        }

        var accounts = await entitlements.ListAccountsAsync(token.UserId, cancellationToken);
        var page = Page(accounts, paging.Offset, paging.Size);
        Audit(SsoAuditNames.ListAccounts, token, caller, new() { ["maxResults"] = maxResults, ["nextToken"] = nextToken }, null);
        return page;
    }

    public async Task<SsoPortalResult<SsoPage<EntitledRole>>> ListAccountRolesAsync(string? accessToken, string? accountId, string? nextToken, string? maxResults, RequestOrigin caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var token = await AuthenticateAsync(accessToken, cancellationToken);
        if (token is null)
        {
            return SsoPortalError.Unauthorized();
        }

        if (string.IsNullOrWhiteSpace(accountId))
        {
            return SsoPortalError.InvalidRequest("account_id is required.");
        }

        if (ParsePaging(nextToken, maxResults) is not { } paging)
        {
            return InvalidPaging(SsoAuditNames.ListAccountRoles, token, caller, nextToken, maxResults);
        }

        // An account the user has no role in lists no roles, exactly like one that does not exist.
        var roles = await entitlements.ListRolesAsync(token.UserId, accountId.Trim(), cancellationToken);
        Audit(SsoAuditNames.ListAccountRoles, token, caller, new() { ["accountId"] = accountId, ["maxResults"] = maxResults, ["nextToken"] = nextToken }, null);
        return Page(roles, paging.Offset, paging.Size);
    }

    /// <summary>Role credentials through <see cref="CredentialService"/> (which audits GetRoleCredentials); any refusal is "No access".</summary>
    public async Task<SsoPortalResult<RoleCredentials>> GetRoleCredentialsAsync(string? accessToken, string? accountId, string? roleName, RequestOrigin caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var token = await AuthenticateAsync(accessToken, cancellationToken);
        if (token is null)
        {
            return SsoPortalError.Unauthorized();
        }

        if (string.IsNullOrWhiteSpace(accountId) || string.IsNullOrWhiteSpace(roleName))
        {
            return SsoPortalError.InvalidRequest("account_id and role_name are required.");
        }

        var result = await credentials.IssueAsync(CallerOf(token, caller), accountId, roleName, CredentialPurpose.AccessKeys, cancellationToken);
        return result.Credentials is { } issued ? issued : SsoPortalError.Forbidden();
    }

    /// <summary>Ends the portal sign-in session behind the token (so every token from it stops working). Role credentials already issued keep working, as in AWS.</summary>
    public async Task<SsoPortalResult<SsoLogoutDone>> LogoutAsync(string? accessToken, RequestOrigin caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var token = await AuthenticateAsync(accessToken, cancellationToken);
        if (token is null)
        {
            return SsoPortalError.Unauthorized();
        }

        await oidc.RevokeGrantAsync(token.GrantId, "Logout", cancellationToken);
        await sessions.EndOnSignOutAsync(token.SessionId, cancellationToken);
        Audit(SsoAuditNames.Logout, token, caller, new() { ["clientId"] = token.ClientId }, new() { ["sessionId"] = token.SessionId });
        return new SsoLogoutDone();
    }

    /// <summary>The credential caller of a token: the user, the MFA of the sign-in that approved it, and this request's origin.</summary>
    public static CredentialCaller CallerOf(SsoAccessToken token, RequestOrigin caller)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(caller);
        return new CredentialCaller(token.UserId, token.UserName, token.MfaUsed, caller.SourceIpAddress, caller.UserAgent);
    }

    private async ValueTask<SsoAccessToken?> AuthenticateAsync(string? accessToken, CancellationToken cancellationToken)
    {
        var token = await tokens.ValidateAsync(accessToken, cancellationToken);
        return token is not null && OidcScopes.AllowsAccountAccess(token.Scopes.ToList()) ? token : null;
    }

    private SsoPortalError InvalidPaging(string eventName, SsoAccessToken token, RequestOrigin caller, string? nextToken, string? maxResults)
    {
        var error = SsoPortalError.InvalidRequest($"max_result must be a whole number from 1 to {MaxResults}, and next_token must come from the previous page.");
        Audit(eventName, token, caller, new() { ["maxResults"] = maxResults, ["nextToken"] = nextToken }, null, error);
        return error;
    }

    private static (int Offset, int Size)? ParsePaging(string? nextToken, string? maxResults)
    {
        var size = MaxResults;
        if (!string.IsNullOrEmpty(maxResults)
            && (!int.TryParse(maxResults, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxResults))
        {
            return null;
        }

        var offset = 0;
        if (!string.IsNullOrEmpty(nextToken) && !TryDecodeToken(nextToken, out offset))
        {
            return null;
        }

        return (offset, size);
    }

    private static SsoPage<T> Page<T>(IReadOnlyList<T> all, int offset, int size)
    {
        var items = all.Skip(offset).Take(size).ToList();
        var next = offset + items.Count;
        return new SsoPage<T>(items, next < all.Count ? EncodeToken(next) : null);
    }

    // Opaque to clients (base64url); they pass it back unchanged. Tampering only moves within the caller's own list.
    private static string EncodeToken(int offset) =>
        OidcProtocol.Base64Url(Encoding.UTF8.GetBytes("v1:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static bool TryDecodeToken(string token, out int offset)
    {
        offset = 0;
        if (token.Length > 64)
        {
            return false;
        }

        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            return text.StartsWith("v1:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private void Audit(string eventName, SsoAccessToken token, RequestOrigin caller, Dictionary<string, string?> request, Dictionary<string, string?>? response, SsoPortalError? error = null) =>
        audit.Enqueue(new AuditEvent
        {
            EventTime = time.GetUtcNow(),
            EventSource = AuditEventSources.Sso,
            EventName = eventName,
            UserIdentity = new AuditUserIdentity("IdentityCenterUser", token.UserId, token.UserName),
            SourceIpAddress = caller.SourceIpAddress,
            UserAgent = caller.UserAgent,
            TargetUserId = token.UserId,
            TargetUserName = token.UserName,
            RequestParameters = request,
            ResponseElements = response ?? [],
            ErrorCode = error?.ExceptionName,
            ErrorMessage = error?.Message,
        });
}
