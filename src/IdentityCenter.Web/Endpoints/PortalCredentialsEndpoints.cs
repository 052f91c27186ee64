using System.Security.Claims;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Web;
using IdentityCenter.Web.Hosting;
using IdentityCenter.Web.Services;

namespace Microsoft.AspNetCore.Routing;

/// <summary>
/// The signed-in user's portal API over the sign-in cookie, shaped like the SSO portal API:
/// <c>GET /api/portal/accounts</c>, <c>GET /api/portal/roles?account_id=</c> and
/// <c>GET /api/portal/credentials?account_id=&amp;role_name=</c> (expiration in epoch milliseconds).
/// Every refusal (unknown account, unknown role, or one the user is not assigned) is the same 403
/// <c>{"message":"No access"}</c>, as AWS's <c>ForbiddenException</c>: the answer never tells which accounts or roles exist.
/// Rate limited per client; responses are never cached (they carry secrets).
/// </summary>
public static class PortalCredentialsEndpoints
{
    internal static IEndpointRouteBuilder MapPortalCredentialsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/portal")
            .RequireAuthorization(IdentityCenterPolicies.SignedIn)
            .RequireRateLimiting(RateLimitPolicies.Credentials)
            .WithSecurityHeadersPolicy(SecurityHeaderPolicies.NoStore);
        group.MapGet("/accounts", async (HttpContext http, IEntitlementService entitlements) =>
        {
            var accounts = await entitlements.ListAccountsAsync(UserId(http), http.RequestAborted);
            return TypedResults.Ok(new { accountList = accounts.Select(a => new { accountId = a.AccountId, accountName = a.AccountName, emailAddress = a.EmailAddress }) });
        });
        group.MapGet("/roles", async (HttpContext http, IEntitlementService entitlements, string? account_id) =>
        {
            if (string.IsNullOrWhiteSpace(account_id))
            {
                return Results.BadRequest(new { message = "account_id is required." });
            }

            var roles = await entitlements.ListRolesAsync(UserId(http), account_id, http.RequestAborted);
            return Results.Ok(new { roleList = roles.Select(r => new { roleName = r.RoleName, accountId = r.AccountId }) });
        });
        group.MapGet("/credentials", async (HttpContext http, CredentialService credentials, CurrentActor actor, string? account_id, string? role_name) =>
        {
            if (string.IsNullOrWhiteSpace(account_id))
            {
                return Results.BadRequest(new { message = "account_id is required." });
            }

            if (string.IsNullOrWhiteSpace(role_name))
            {
                return Results.BadRequest(new { message = "role_name is required." });
            }

            var result = await credentials.IssueAsync(await actor.GetCredentialCallerAsync(), account_id, role_name, CredentialPurpose.AccessKeys, http.RequestAborted);
            if (result.Credentials is not { } c)
            {
                return Results.Json(new { message = result.Message }, statusCode: result.StatusCode);
            }

            return Results.Ok(new
            {
                roleCredentials = new
                {
                    accessKeyId = c.AccessKeyId,
                    secretAccessKey = c.SecretAccessKey,
                    sessionToken = c.SessionToken,
                    expiration = c.ExpirationEpochMilliseconds,
                },
            });
        });
        return endpoints;
    }

    private static string UserId(HttpContext http) => http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
}
