using IdentityCenter.Web.Aws;
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
        endpoints.MapAwsJsonService(IdentityStorePath, IdentityStoreApi.Service);
        endpoints.MapAwsJsonService(SsoAdminPath, SsoAdminApi.Service);
        endpoints.MapAwsJsonService(OrganizationsPath, OrganizationsApi.Service);
        return endpoints;
    }
}
