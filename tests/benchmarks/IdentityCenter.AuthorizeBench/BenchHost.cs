using IdentityCenter.Infrastructure.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace IdentityCenter.AuthorizeBench;

/// <summary>
/// The real IdentityCenter app (its Program, database, middleware) on Kestrel, with the credentials feature and
/// the benchmark's fixed access model. Maps the credentials endpoints itself unless Program.cs already does.
/// </summary>
internal sealed class BenchHost : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory;

    public BenchHost(int port, string dataDirectory)
    {
        _dataDirectory = dataDirectory;
        UseKestrel(port);
    }

    public BenchAccessModel Model { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("IdentityCenter:DataDirectory", _dataDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IEntitlementService>();
            services.AddSingleton<IEntitlementService>(Model);
            services.RemoveAll<IPolicySetProvider>();
            services.AddSingleton<IPolicySetProvider>(Model);
            services.AddIdentityCenterCredentials();
            services.TryAddSingleton<CredentialsEndpointsMarker>();
            services.AddTransient<IStartupFilter, MapCredentialsFilter>();
        });
    }

    private sealed class MapCredentialsFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            if (!CredentialsEndpointRouteBuilderExtensions.IsMapped(app.ApplicationServices))
            {
                app.UseWhen(
                    c => c.Request.Path.StartsWithSegments("/api/authorize") || c.Request.Path.StartsWithSegments("/api/bare"),
                    branch =>
                    {
                        branch.UseRouting();
                        branch.UseEndpoints(e => e.MapIdentityCenterCredentials());
                    });
            }

            next(app);
        };
    }
}
