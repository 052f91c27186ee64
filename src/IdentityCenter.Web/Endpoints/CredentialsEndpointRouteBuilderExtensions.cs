namespace Microsoft.AspNetCore.Routing;

public static class CredentialsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the credentials feature's HTTP endpoints: <c>POST /api/authorize</c> (resource services, bearer
    /// service key), <c>/api/bare</c> (benchmark baseline) and <c>GET /api/portal/credentials</c> (the signed-in
    /// user's role credentials, SSO <c>GetRoleCredentials</c> shape). The portal pages are Razor components and need no mapping.
    /// </summary>
    public static IEndpointRouteBuilder MapIdentityCenterCredentials(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapAuthorizeEndpoints();
        endpoints.MapPortalCredentialsEndpoints();
        return endpoints;
    }
}
