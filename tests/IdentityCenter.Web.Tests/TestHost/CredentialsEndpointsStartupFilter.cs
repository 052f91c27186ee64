using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.TestHost;

/// <summary>Maps the credentials endpoints in a branch of their own, unless Program.cs already mapped them.</summary>
internal sealed class CredentialsEndpointsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (!CredentialsEndpointRouteBuilderExtensions.IsMapped(app.ApplicationServices))
        {
            app.UseWhen(
                c => c.Request.Path.StartsWithSegments("/api/authorize") || c.Request.Path.StartsWithSegments("/api/portal"),
                branch =>
                {
                    branch.UseRouting();
                    branch.UseAuthentication();
                    branch.UseAuthorization();
                    branch.UseEndpoints(e => e.MapIdentityCenterCredentials());
                });
        }

        next(app);
    };
}
