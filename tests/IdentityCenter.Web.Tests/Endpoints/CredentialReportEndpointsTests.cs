using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Web.Endpoints;
using IdentityCenter.Web.Tests.Fakes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Web.Tests.Endpoints;

public sealed class CredentialReportEndpointsTests : IAsyncLifetime
{
    private readonly FakeAccessDashboardService _dashboard = new()
    {
        Report = new(
            ["user", "arn", "mfa_active"],
            [
                ["alice", "arn:aws:identitystore:::user/u-1", "true"],
                ["=HYPERLINK(\"//evil.example/x\")", "arn:aws:identitystore:::user/u-2", "false"],
                ["semi;colon", "tab\there", "-1+1"],
                ["multi\nline", "comma,inside", "@SUM(A1)"],
            ]),
    };
    private WebApplication _app = default!;
    private HttpClient _client = default!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IAccessDashboardService>(_dashboard);
        builder.Services.AddSingleton<TimeProvider>(new FixedTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 30, 0, TimeSpan.Zero)));
        builder.Services.AddAuthentication(TestAuthHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(IdentityCenterPolicies.Administrator, p => p.RequireClaim(IdentityCenterClaimTypes.Administrator, IdentityCenterClaimTypes.TrueValue));
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapCredentialReport();
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private Task<HttpResponseMessage> GetAsync(string? user)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(CredentialReportEndpoints.Path, UriKind.Relative));
        if (user is not null)
        {
            request.Headers.Add(TestAuthHandler.Header, user);
        }

        return _client.SendAsync(request);
    }

    [Fact]
    public async Task Get_Administrator_DownloadsCsvAttachment()
    {
        using var response = await GetAsync("admin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("identitycenter-credential-report-20260302-083000.csv", response.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal(
            "user,arn,mfa_active\r\n"
            + "alice,arn:aws:identitystore:::user/u-1,true\r\n"
            + "\"'=HYPERLINK(\"\"//evil.example/x\"\")\",arn:aws:identitystore:::user/u-2,false\r\n"
            + "\"semi;colon\",\"tab\there\",\"'-1+1\"\r\n"
            + "\"multi\nline\",\"comma,inside\",\"'@SUM(A1)\"\r\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_NotAdministrator_IsForbidden()
    {
        using var response = await GetAsync("bob");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Get_Anonymous_IsUnauthorized()
    {
        using var response = await GetAsync(null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>Signs in whoever the test header names; "admin" gets the administrator claim.</summary>
    private sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "Test";
        public const string Header = "X-Test-User";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var name))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var claims = new List<Claim> { new(ClaimTypes.Name, name.ToString()) };
            if (name == "admin")
            {
                claims.Add(new Claim(IdentityCenterClaimTypes.Administrator, IdentityCenterClaimTypes.TrueValue));
            }

            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName)));
        }
    }
}
