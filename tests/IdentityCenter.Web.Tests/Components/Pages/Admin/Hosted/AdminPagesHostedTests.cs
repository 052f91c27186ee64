using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Hosted;

/// <summary>
/// The admin pages prerendered by the real app on SQLite (real services, real DI), signed in through a
/// test scheme as the bootstrap administrator. Catches missing registrations and render failures that
/// fakes cannot. Sign-in itself is not exercised here.
/// </summary>
public sealed class AdminPagesHostedTests(AdminPagesHostedTests.Factory factory) : IClassFixture<AdminPagesHostedTests.Factory>
{
    private async Task<(HttpClient Client, string AdminId)> SignedInAsync(bool administrator = true)
    {
        string adminId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            adminId = (await scope.ServiceProvider.GetRequiredService<IUserDirectoryService>().FindByUserNameAsync("root"))!.Id;
        }

        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestAuthHandler.UserIdHeader, adminId);
        if (administrator)
        {
            client.DefaultRequestHeaders.Add(TestAuthHandler.AdminHeader, "true");
        }

        return (client, adminId);
    }

    [Theory]
    [InlineData("/admin/users", "Users")]
    [InlineData("/admin/users/import", "Import users from CSV")]
    [InlineData("/admin/groups", "Groups")]
    [InlineData("/admin/settings/password-policy", "Password policy")]
    [InlineData("/admin/settings/mfa", "MFA and sign-in settings")]
    [InlineData("/admin/audit", "Audit log")]
    [InlineData("/admin/environment", "Export and import the environment")]
    public async Task Get_AdminPage_PrerendersWithHeading(string path, string heading)
    {
        var (client, _) = await SignedInAsync();
        using (client)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {html[..Math.Min(html.Length, 2000)]}");
            Assert.Contains($">{heading}</h1>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Get_UserDetail_ShowsBootstrapAdministratorAndTheirGroup()
    {
        var (client, adminId) = await SignedInAsync();
        using (client)
        {
            var html = await client.GetStringAsync(new Uri($"/admin/users/{adminId}", UriKind.Relative));

            Assert.Contains(">root</h1>", html, StringComparison.Ordinal);
            Assert.Contains(BuiltInGroups.AdministratorsName, html, StringComparison.Ordinal);
            Assert.Contains("Administrator", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Get_BuiltInGroup_ShowsNameAndRefusesDelete()
    {
        var (client, _) = await SignedInAsync();
        using (client)
        {
            var html = await client.GetStringAsync(new Uri($"/admin/groups/{BuiltInGroups.AdministratorsId}", UriKind.Relative));

            Assert.Contains($">{BuiltInGroups.AdministratorsName}</h1>", html, StringComparison.Ordinal);
            Assert.Contains("Built-in", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Get_AdminPage_SignedInWithoutAdministratorClaim_IsRefused()
    {
        var (client, _) = await SignedInAsync(administrator: false);
        using (client)
        {
            using var response = await client.GetAsync(new Uri("/admin/users", UriKind.Relative));

            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }
    }

    public sealed class Factory : WebApplicationFactory<Program>
    {
        public string DataDirectory { get; } = System.IO.Directory.CreateTempSubdirectory("ic-admin-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("IdentityCenter:DataDirectory", DataDirectory);
            builder.UseSetting("IdentityCenter:Bootstrap:AdminUserName", "root");
            builder.UseSetting("IdentityCenter:Bootstrap:AdminPassword", "Bootstrap#Pass-2026");
            builder.ConfigureTestServices(services =>
            {
                services.AddIdentityCenterAdminConsole();
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

    /// <summary>Signs in the user id in a header; the admin header adds the claims the Administrator policy needs.</summary>
    private sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "AdminPagesTest";
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
