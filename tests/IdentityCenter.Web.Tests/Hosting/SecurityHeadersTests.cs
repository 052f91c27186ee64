using System.Net;
using System.Text.RegularExpressions;
using IdentityCenter.Web.Tests.Fakes;
using IdentityCenter.Web.Tests.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IdentityCenter.Web.Tests.Hosting;

/// <summary>
/// The security headers of the real app: on every kind of response (pages, APIs, refusals, errors, static files),
/// a Content-Security-Policy without inline script, and no caching of anything that carries secrets.
/// </summary>
public sealed partial class SecurityHeadersTests : IClassFixture<CredentialsWebFactory>
{
    private const string Account = "444455556666";

    private readonly CredentialsWebFactory _factory;

    public SecurityHeadersTests(CredentialsWebFactory factory)
    {
        _factory = factory;
        _factory.Entitlements.AddRole(FakeEntitlementService.Grant(Account, "Reader", "ps-4444444444444444"));
        _factory.Entitlements.Assign("u-headers", Account, "Reader");
    }

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/Account/Login")]
    [InlineData("GET", "/no-such-page")]
    [InlineData("GET", "/admin")]
    [InlineData("GET", "/healthz")]
    [InlineData("POST", "/api/authorize")]
    [InlineData("GET", "/api/portal/accounts")]
    [InlineData("GET", "/css/identitycenter.css")]
    [InlineData("GET", "/_content/MudBlazor/MudBlazor.min.css")]
    public async Task AnyResponse_CarriesTheSecurityHeaders(string method, string path)
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)));

        var csp = Directives(Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal(["'self'"], csp["script-src"]);
        Assert.Equal(["'none'"], csp["frame-ancestors"]);
        Assert.Equal(["'none'"], csp["object-src"]);
        Assert.Equal(["'self'"], csp["base-uri"]);
        Assert.Contains("'self'", csp["connect-src"]);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Account/Login")]
    [InlineData("/Account/AccessDenied")]
    [InlineData("/not-found")]
    public async Task Page_HasNoInlineScriptOrEventHandler(string path)
    {
        using var client = _factory.CreateClient();

        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative));

        Assert.Contains("<script", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(EventHandlerAttribute(), html);
    }

    [Theory]
    [InlineData("/api/portal/credentials?account_id=" + Account + "&role_name=Reader", false)]
    [InlineData("/api/portal/accounts", false)]
    [InlineData("/admin/reports/credentials.csv", true)]
    [InlineData("/admin/audit/export?format=csv", true)]
    [InlineData("/start", false)]
    [InlineData("/Account/Login", false)]
    public async Task ResponseWithSecrets_IsNeverStored(string path, bool administrator)
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add(HeaderAuthenticationHandler.Header, "u-headers:hedda");
        if (administrator)
        {
            request.Headers.Add(HeaderAuthenticationHandler.AdminHeader, "true");
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control was '{response.Headers.CacheControl}'");
    }

    [Fact]
    public async Task FingerprintedStaticAsset_StaysCacheable()
    {
        using var client = _factory.CreateClient();
        var html = await client.GetStringAsync(new Uri("/Account/Login", UriKind.Relative));
        var stylesheet = MudStylesheet().Match(html).Groups[1].Value;

        using var response = await client.GetAsync(new Uri("/" + stylesheet, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
    }

    private static Dictionary<string, string[]> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0], d => d[1..], StringComparer.Ordinal);

    // A <script> element without a src attribute (inline code, an import map or JSON island).
    [GeneratedRegex(@"<script\b(?![^>]*\bsrc\s*=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<[a-z][^>]*\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();

    [GeneratedRegex(@"href=""(_content/MudBlazor/MudBlazor\.min\.[a-z0-9]+\.css)""")]
    private static partial Regex MudStylesheet();
}
