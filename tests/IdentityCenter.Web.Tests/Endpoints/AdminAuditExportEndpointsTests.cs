using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Audit;
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

public sealed class AdminAuditExportEndpointsTests : IAsyncLifetime
{
    private readonly FakeAuditLog _audit = new();
    private WebApplication _app = default!;
    private HttpClient _client = default!;

    public async Task InitializeAsync()
    {
        var at = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
        _audit.Events.Add(FakeAuditLog.NewEvent(AuditEventNames.CreateUser, at, target: "alice"));
        _audit.Events.Add(FakeAuditLog.NewEvent(AuditEventNames.CredentialVerification, at.AddMinutes(5), errorCode: "InvalidPassword"));

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IAuditLog>(_audit);
        builder.Services.AddSingleton<TimeProvider>(new FixedTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 30, 0, TimeSpan.Zero)));
        builder.Services.AddAuthentication(TestAuthHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(IdentityCenterPolicies.Administrator, p => p.RequireClaim(IdentityCenterClaimTypes.Administrator, IdentityCenterClaimTypes.TrueValue));
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapAdminAuditExport();
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private Task<HttpResponseMessage> GetAsync(string url, string? as_ = "admin")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (as_ is not null)
        {
            request.Headers.Add(TestAuthHandler.Header, as_);
        }

        return _client.SendAsync(request);
    }

    [Fact]
    public async Task Export_JsonLinesAsAdministrator_StreamsFileWithFilters()
    {
        var url = AuditExportQuery.BuildUrl(AuditExportQuery.JsonLines, new AuditQuery(
            From: new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), EventName: AuditEventNames.CreateUser, User: "alice", Outcome: AuditOutcome.Success));

        using var response = await GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("identitycenter-audit-20260302-083000.jsonl", response.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal("{\"eventName\":\"CreateUser\"}\n", await response.Content.ReadAsStringAsync());
        var (format, filter) = Assert.Single(_audit.Exports);
        Assert.Equal("jsonl", format);
        Assert.Equal(new AuditQuery(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), null, AuditEventNames.CreateUser, "alice", AuditOutcome.Success), filter);
    }

    [Fact]
    public async Task Export_Csv_ReturnsCsvAttachment()
    {
        using var response = await GetAsync("/admin/audit/export?format=csv&outcome=failure");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition!.FileName, StringComparison.Ordinal);
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.EndsWith(",CredentialVerification", lines[1], StringComparison.Ordinal);
        Assert.Equal(AuditOutcome.Failure, _audit.Exports[0].Filter.Outcome);
    }

    [Theory]
    [InlineData("format=xml", "format must be jsonl or csv.")]
    [InlineData("from=yesterday", "from must be an ISO 8601 time")]
    [InlineData("outcome=maybe", "outcome must be Success or Failure.")]
    [InlineData("from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "to must be later than from.")]
    public async Task Export_BadParameter_Returns400SayingWhatToFix(string query, string message)
    {
        using var response = await GetAsync("/admin/audit/export?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_audit.Exports);
    }

    [Fact]
    public async Task Export_SignedInNonAdministrator_Returns403()
    {
        using var response = await GetAsync("/admin/audit/export?format=csv", as_: "user");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_audit.Exports);
    }

    [Fact]
    public async Task Export_Anonymous_Returns401()
    {
        using var response = await GetAsync("/admin/audit/export?format=csv", as_: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_audit.Exports);
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
