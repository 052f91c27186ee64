namespace Microsoft.AspNetCore.Routing;

public static class CredentialsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the credentials feature's HTTP endpoints: <c>POST /api/authorize</c> (resource services, bearer
    /// service key) and <c>GET /api/portal/credentials</c> (the signed-in
    /// user's role credentials, SSO <c>GetRoleCredentials</c> shape). The portal pages are Razor components and need no mapping.
    /// </summary>
    public static IEndpointRouteBuilder MapIdentityCenterCredentials(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.ServiceProvider.GetService<CredentialsEndpointsMarker>()?.MarkMapped();
        endpoints.MapAuthorizeEndpoints();
        endpoints.MapPortalCredentialsEndpoints();
        return endpoints;
    }

    /// <summary>True once <see cref="MapIdentityCenterCredentials"/> ran on this application (lets hosts that add the endpoints themselves avoid mapping them twice).</summary>
    public static bool IsMapped(IServiceProvider services) =>
        services?.GetService<CredentialsEndpointsMarker>()?.Mapped == true;
}

/// <summary>Remembers whether the credentials endpoints were mapped.</summary>
public sealed class CredentialsEndpointsMarker
{
    private int _mapped;

    public bool Mapped => Volatile.Read(ref _mapped) == 1;

    public void MarkMapped() => Interlocked.Exchange(ref _mapped, 1);
}
