using IdentityCenter.Web.Aws;
using IdentityCenter.Web.Hosting;
using IdentityCenter.Web.Aws.IdentityStore;
using IdentityCenter.Web.Aws.Organizations;
using IdentityCenter.Web.Aws.SsoAdmin;

namespace Microsoft.AspNetCore.Routing;

/// <summary>
/// The administrative AWS APIs (awsJson1_1, SigV4 with users' long-term access keys, every operation decided by the shared
/// evaluator): Identity Store at <c>/aws/identitystore</c>, SSO Admin at <c>/aws/sso-admin</c>, Organizations at
/// <c>/aws/organizations</c>.
/// </summary>
public static class AwsAdministrationEndpoints
{
    public const string IdentityStorePath = "/aws/identitystore";
    public const string SsoAdminPath = "/aws/sso-admin";
    public const string OrganizationsPath = "/aws/organizations";

    public static IEndpointRouteBuilder MapAwsAdministrationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapAwsJsonService(IdentityStorePath, IdentityStoreApi.Service).RequireRateLimiting(RateLimitPolicies.Administration);
        endpoints.MapAwsJsonService(SsoAdminPath, SsoAdminApi.Service).RequireRateLimiting(RateLimitPolicies.Administration);
        endpoints.MapAwsJsonService(OrganizationsPath, OrganizationsApi.Service).RequireRateLimiting(RateLimitPolicies.Administration);
        return endpoints;
    }

    /// <summary>
    /// The answer to a caller over the administration rate limit on one of these paths, as each model names it
    /// (<c>ThrottlingException</c> for identitystore and sso-admin, <c>TooManyRequestsException</c> for organizations; HTTP 400
    /// as these awsJson services send it, so the SDKs' retry logic reads the code), or null for other paths.
    /// </summary>
    public static AwsError? ThrottlingError(PathString path, string message) =>
        path.StartsWithSegments(OrganizationsPath) ? new AwsError("TooManyRequestsException", message, StatusCodes.Status400BadRequest) { Members = new Dictionary<string, string> { ["Type"] = "RequestLimitExceeded" } }
        : path.StartsWithSegments(IdentityStorePath) || path.StartsWithSegments(SsoAdminPath) ? new AwsError("ThrottlingException", message, StatusCodes.Status400BadRequest)
        : null;
}
