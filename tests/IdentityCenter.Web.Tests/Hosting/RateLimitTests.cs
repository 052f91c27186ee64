using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Web.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Hosting;

/// <summary>
/// Per-client rate limits of the sign-in and credential endpoints, as configured: the request over the limit gets
/// 429 with Retry-After and a message, other clients and other service keys are not affected, GETs of the pages are free.
/// </summary>
public sealed partial class RateLimitTests(RateLimitTests.Factory factory) : IClassFixture<RateLimitTests.Factory>
{
    /// <summary>Small limits in windows long enough that no test sees a window end.</summary>
    public sealed class Factory : CredentialsWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (policy, limit) in new[] { ("SignIn", 3), ("Credentials", 2), ("Authorize", 3) })
            {
                builder.UseSetting($"IdentityCenter:RateLimits:{policy}:PermitLimit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
                builder.UseSetting($"IdentityCenter:RateLimits:{policy}:Window", "01:00:00");
            }
        }
    }

    [Fact]
    public async Task SignInPosts_OverTheLimit_429WithRetryAfterForThatClientOnly()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await AntiforgeryTokenAsync(client, "198.51.100.10");

        for (var i = 0; i < 3; i++)
        {
            using var accepted = await PostLoginAsync(client, "198.51.100.10", token, "nobody-" + i);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        using var refused = await PostLoginAsync(client, "198.51.100.10", token, "nobody-3");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromHours(1), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("Wait 3600 seconds", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The same client's authenticator-code step shares the sign-in limit.
        using var totp = await SendAsync(client, HttpMethod.Post, "/Account/LoginWithTotp", "198.51.100.10", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.TooManyRequests, totp.StatusCode);

        // Reading the page stays free, and another client is not affected.
        using var page = await SendAsync(client, HttpMethod.Get, "/Account/Login", "198.51.100.10");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var other = await PostLoginAsync(client, "198.51.100.11", await AntiforgeryTokenAsync(client, "198.51.100.11"), "nobody");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task SignInPosts_FromOneIpv6Subscriber_ShareOneLimit()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        for (var i = 1; i <= 3; i++)
        {
            using var accepted = await SendAsync(client, HttpMethod.Post, "/Account/Login", $"2001:db8:7:7::{i}", new FormUrlEncodedContent([]));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, accepted.StatusCode);
        }

        using var refused = await SendAsync(client, HttpMethod.Post, "/Account/Login", "2001:db8:7:7:ffff::9", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        using var neighbour = await SendAsync(client, HttpMethod.Post, "/Account/Login", "2001:db8:7:8::1", new FormUrlEncodedContent([]));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, neighbour.StatusCode);
    }

    [Fact]
    public async Task PortalCredentials_OverTheLimit_429JsonWithRetryAfter()
    {
        using var client = factory.CreateClient();

        for (var i = 0; i < 2; i++)
        {
            using var accepted = await PortalAsync(client, "198.51.100.20");
            Assert.Equal(HttpStatusCode.Forbidden, accepted.StatusCode);
        }

        using var refused = await PortalAsync(client, "198.51.100.20");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromHours(1), refused.Headers.RetryAfter?.Delta);
        Assert.True(refused.Headers.CacheControl?.NoStore);
        var json = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("TooManyRequests", json["code"]!.GetValue<string>());
        Assert.Contains("3600 seconds", json["message"]!.GetValue<string>(), StringComparison.Ordinal);

        using var other = await PortalAsync(client, "198.51.100.21");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task Authorize_OverTheLimit_429PerServiceKeyNotPerAddress()
    {
        using var client = factory.CreateClient();
        var first = await RegisterAsync();
        var second = await RegisterAsync();

        for (var i = 0; i < 3; i++)
        {
            using var accepted = await AuthorizeAsync(client, first, "198.51.100.30");
            Assert.Equal(HttpStatusCode.BadRequest, accepted.StatusCode);
        }

        using var refused = await AuthorizeAsync(client, first, "198.51.100.31");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromHours(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("TooManyRequests", JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());

        using var otherKey = await AuthorizeAsync(client, second, "198.51.100.30");
        Assert.Equal(HttpStatusCode.BadRequest, otherKey.StatusCode);
    }

    [Fact]
    public async Task Authorize_UnknownKeys_LimitedPerAddress()
    {
        using var client = factory.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            using var accepted = await AuthorizeAsync(client, "icsk_unknown-key-number-" + i, "198.51.100.40");
            Assert.Equal(HttpStatusCode.Unauthorized, accepted.StatusCode);
        }

        using var refused = await AuthorizeAsync(client, "icsk_unknown-key-number-9", "198.51.100.40");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    private async Task<string> RegisterAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var registered = await scope.ServiceProvider.GetRequiredService<ResourceServiceRegistry>()
            .RegisterAsync("limits-" + Guid.NewGuid().ToString("N")[..8], null, allowBareTokens: true, Actor.System);
        return registered.Value!.ApiKey;
    }

    private static async Task<string> AntiforgeryTokenAsync(HttpClient client, string peer)
    {
        using var page = await SendAsync(client, HttpMethod.Get, "/Account/Login", peer);
        return AntiforgeryField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
    }

    private static Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string peer, string token, string userName) =>
        SendAsync(client, HttpMethod.Post, "/Account/Login", peer, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Step"] = "username",
            ["Input.UserName"] = userName,
        }));

    private static Task<HttpResponseMessage> PortalAsync(HttpClient client, string peer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/portal/credentials?account_id=999988887777&role_name=Nope", UriKind.Relative));
        request.Headers.Add(HeaderAuthenticationHandler.Header, "u-limits:lima");
        request.Headers.Add(TestPeerStartupFilter.Header, peer);
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> AuthorizeAsync(HttpClient client, string key, string peer)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/authorize", UriKind.Relative))
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Headers.Add(TestPeerStartupFilter.Header, peer);
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string peer, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.Add(TestPeerStartupFilter.Header, peer);
        return client.SendAsync(request);
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken"" value=""([^""]+)""")]
    private static partial Regex AntiforgeryField();
}
