using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Hosted;

/// <summary>
/// The access-model pages prerendered by the real app on SQLite with the real services and the workshop
/// demo organization seeded: catches missing registrations and render failures the fakes cannot.
/// </summary>
public sealed class AccessPagesHostedTests(AccessPagesHostedTests.Factory factory) : IClassFixture<AccessPagesHostedTests.Factory>
{
    private async Task<HttpClient> SignedInAsync()
    {
        string adminId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            adminId = (await scope.ServiceProvider.GetRequiredService<IUserDirectoryService>().FindByUserNameAsync("root"))!.Id;
        }

        await factory.SeedOnceAsync();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestAuthHandler.UserIdHeader, adminId);
        client.DefaultRequestHeaders.Add(TestAuthHandler.AdminHeader, "true");
        return client;
    }

    [Theory]
    [InlineData("/admin", "Dashboard")]
    [InlineData("/admin/organization", "Organization")]
    [InlineData("/admin/organization/policies", "Service and resource control policies")]
    [InlineData("/admin/policies", "IAM policies")]
    [InlineData("/admin/permission-sets", "Permission sets")]
    [InlineData("/admin/permission-sets/new", "Create permission set")]
    [InlineData("/admin/assignments/new", "Assign users and groups to AWS accounts")]
    [InlineData("/admin/events", "Workshop events")]
    [InlineData("/admin/access/matrix", "Effective access")]
    [InlineData("/admin/settings/abac", "Attributes for access control")]
    [InlineData("/admin/simulator", "Policy simulator")]
    [InlineData("/admin/reports/credentials", "Credential report")]
    public async Task Get_AccessPage_PrerendersWithHeading(string path, string heading)
    {
        using var client = await SignedInAsync();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {html[..Math.Min(html.Length, 2000)]}");
        Assert.Contains($">{heading}</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be loaded", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_SeededPermissionSetAndAccount_RenderTheirDetails()
    {
        using var client = await SignedInAsync();
        PermissionSetSummary ps;
        AccountInfo account;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            ps = (await scope.ServiceProvider.GetRequiredService<IPermissionSetService>().ListAsync())[0];
            account = (await scope.ServiceProvider.GetRequiredService<IOrganizationService>().ListAccountsAsync()).First(a => !a.IsManagement);
        }

        var psHtml = await client.GetStringAsync(new Uri($"/admin/permission-sets/{ps.Id}", UriKind.Relative));
        var accountHtml = await client.GetStringAsync(new Uri($"/admin/accounts/{account.Id}/assignments", UriKind.Relative));

        Assert.Contains($">{ps.Name}</h1>", psHtml, StringComparison.Ordinal);
        Assert.Contains(account.Name, accountHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be loaded", psHtml + accountHtml, StringComparison.Ordinal);
    }

    public sealed class Factory : WebApplicationFactory<Program>
    {
        public string DataDirectory { get; } = System.IO.Directory.CreateTempSubdirectory("ic-access-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("IdentityCenter:DataDirectory", DataDirectory);
            builder.UseSetting("IdentityCenter:Bootstrap:AdminUserName", "root");
            builder.UseSetting("IdentityCenter:Bootstrap:AdminPassword", "Bootstrap#Pass-2026");
            builder.ConfigureTestServices(services =>
            {
                services.AddIdentityCenterAdminConsole();
                // Program registers the access model once the lead wires it; registering here too is harmless (last wins).
                services.AddIdentityCenterAccessModel();
                services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
                services.PostConfigure<AuthenticationOptions>(o =>
                {
                    o.DefaultScheme = TestAuthHandler.SchemeName;
                    o.DefaultAuthenticateScheme = TestAuthHandler.SchemeName;
                    o.DefaultChallengeScheme = TestAuthHandler.SchemeName;
                    o.DefaultForbidScheme = TestAuthHandler.SchemeName;
                });
            });
        }

        private readonly SemaphoreSlim _seedLock = new(1, 1);
        private bool _seeded;

        /// <summary>Seeds the workshop organization once for the class.</summary>
        public async Task SeedOnceAsync()
        {
            await _seedLock.WaitAsync();
            try
            {
                if (!_seeded)
                {
                    var result = await Services.SeedIdentityCenterWorkshopAsync(reset: false);
                    Assert.True(result.Succeeded, result.Summary);
                    _seeded = true;
                }
            }
            finally
            {
                _seedLock.Release();
            }
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                _seedLock.Dispose();
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                IdentityCenter.Web.Tests.TestHost.TestFolders.TryDelete(DataDirectory);
            }
        }
    }

    /// <summary>Signs in the user id in a header; the admin header adds the claims the Administrator policy needs.</summary>
    private sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "AccessPagesTest";
        public const string UserIdHeader = "X-Test-User-Id";
        public const string AdminHeader = "X-Test-Admin";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(UserIdHeader, out var id))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, id.ToString()), new(ClaimTypes.Name, "root") };
            if (Request.Headers.ContainsKey(AdminHeader))
            {
                claims.Add(new Claim(IdentityCenterClaimTypes.Administrator, IdentityCenterClaimTypes.TrueValue));
                claims.Add(new Claim(IdentityCenterClaimTypes.MfaAuthenticated, IdentityCenterClaimTypes.TrueValue));
            }

            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
        }
    }
}
