using IdentityCenter.Infrastructure.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace IdentityCenter.AuthorizeBench;

/// <summary>
/// The real IdentityCenter app (its Program, database, middleware) on Kestrel, with the benchmark's fixed access
/// model and the benchmark-only baseline endpoint <c>/api/bare</c>.
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

        // The rate limiter runs on every authorize and GetRoleCredentials request, but wrk (one service key, one client) must not be refused.
        builder.UseSetting("IdentityCenter:RateLimits:Authorize:PermitLimit", "100000000");
        builder.UseSetting("IdentityCenter:RateLimits:Credentials:PermitLimit", "100000000");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IEntitlementService>();
            services.AddSingleton<IEntitlementService>(Model);
            services.RemoveAll<IPolicySetProvider>();
            services.AddSingleton<IPolicySetProvider>(Model);
            services.AddTransient<IStartupFilter, BareEndpointFilter>();
        });
    }

    /// <summary>
    /// <c>POST|GET /api/bare</c>, the benchmark's baseline: a constant answer shaped like an authorize answer. The
    /// request is given its endpoint up front (routing then skips matching, as it does for any request whose
    /// endpoint is already set), so it runs through the app's own pipeline like <c>/api/authorize</c> and
    /// <c>/aws/sso</c> (forwarded headers, security headers, rate limiter, authentication, authorization, endpoint
    /// middleware) and the comparison measures the endpoints' own work. The app has no such route.
    /// </summary>
    private sealed class BareEndpointFilter : IStartupFilter
    {
        public const string Path = "/api/bare";

        private static readonly byte[] Body = """{"decision":"Allow","principal":{"arn":"arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Bare_0000000000000000/bench","account":"111122223333","userName":"bench"}}"""u8.ToArray();

        private static readonly Endpoint Bare = new(
            context =>
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/json";
                context.Response.ContentLength = Body.Length;
                return context.Response.Body.WriteAsync(Body).AsTask();
            },
            EndpointMetadataCollection.Empty,
            "Benchmark baseline " + Path);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, rest) =>
            {
                if (context.Request.Path.Equals(Path, StringComparison.Ordinal))
                {
                    context.SetEndpoint(Bare);
                }

                return rest(context);
            });
            next(app);
        };
    }
}
