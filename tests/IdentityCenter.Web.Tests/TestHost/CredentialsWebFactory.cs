using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Web.Tests.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace IdentityCenter.Web.Tests.TestHost;

/// <summary>
/// The real app with the credentials feature, fake entitlements and policy sets (the access model is
/// another component), and a fake clock. Rate limits are out of the way (subclasses that test them set their own);
/// <see cref="TestPeerStartupFilter"/> lets a request say which address it comes from.
/// </summary>
public class CredentialsWebFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("ic-web-cred-").FullName;

    public FakeEntitlementService Entitlements { get; } = new();

    public FakePolicySetProvider PolicySets { get; } = new();

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("IdentityCenter:DataDirectory", DataDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var policy in new[] { "SignIn", "Credentials", "Authorize" })
        {
            builder.UseSetting($"IdentityCenter:RateLimits:{policy}:PermitLimit", "1000000");
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddTransient<IStartupFilter, TestPeerStartupFilter>();
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            services.RemoveAll<IEntitlementService>();
            services.AddSingleton<IEntitlementService>(Entitlements);
            services.RemoveAll<IPolicySetProvider>();
            services.AddSingleton<IPolicySetProvider>(PolicySets);
            services.AddIdentityCenterCredentials();
            services.TryAddSingleton<CredentialsEndpointsMarker>();
            services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, HeaderAuthenticationHandler>(HeaderAuthenticationHandler.SchemeName, null);
            services.PostConfigure<Microsoft.AspNetCore.Authentication.AuthenticationOptions>(o => o.DefaultAuthenticateScheme = HeaderAuthenticationHandler.SchemeName);
            services.AddTransient<IStartupFilter, CredentialsEndpointsStartupFilter>();
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            IdentityCenter.Web.Tests.TestHost.TestFolders.TryDelete(DataDirectory);
        }
    }
}
