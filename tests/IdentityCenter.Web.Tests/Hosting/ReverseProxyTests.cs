using System.Net;
using System.Text.RegularExpressions;
using IdentityCenter.Web.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IdentityCenter.Web.Tests.Hosting;

/// <summary>
/// Behind a TLS-terminating reverse proxy: only a trusted proxy's X-Forwarded-Proto and X-Forwarded-For count
/// (cookies become Secure, the client is the forwarded address); with a public URL, redirects name it, never the
/// request's Host header.
/// </summary>
public sealed partial class ReverseProxyTests
{
    private const string Proxy = "10.0.0.1";
    private const string AdminPassword = "Proxy#Bootstrap-2026";

    /// <summary>A trusted proxy at 10.0.0.1 (and the 172.16.0.0/12 network), no public URL, two sign-in posts per client.</summary>
    public sealed class ProxyFactory : CredentialsWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("IdentityCenter:Proxy:KnownProxies", Proxy);
            builder.UseSetting("IdentityCenter:Proxy:KnownNetworks", "172.16.0.0/12");
            builder.UseSetting("IdentityCenter:Bootstrap:AdminUserName", "root");
            builder.UseSetting("IdentityCenter:Bootstrap:AdminPassword", AdminPassword);
            builder.UseSetting("IdentityCenter:RateLimits:SignIn:PermitLimit", "2");
            builder.UseSetting("IdentityCenter:RateLimits:SignIn:Window", "01:00:00");
        }
    }

    /// <summary>The same proxy and the public URL https://iam.example.com.</summary>
    public sealed class PublicUrlFactory : CredentialsWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("IdentityCenter:Proxy:KnownProxies", Proxy);
            builder.UseSetting("IdentityCenter:PublicUrl", "https://iam.example.com");
            builder.UseSetting("IdentityCenter:Bootstrap:AdminUserName", "root");
            builder.UseSetting("IdentityCenter:Bootstrap:AdminPassword", AdminPassword);
        }
    }

    public sealed class WithTrustedProxy(ProxyFactory factory) : IClassFixture<ProxyFactory>
    {
        [Theory]
        [InlineData(Proxy)]
        [InlineData("172.20.1.2")]
        public async Task SignIn_ThroughTrustedProxyOverHttps_EveryCookieSecure(string proxy)
        {
            var cookies = await SignInCookiesAsync(factory, proxy, new() { ["X-Forwarded-Proto"] = "https" });

            Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Identity.", StringComparison.Ordinal));
            Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public async Task SignIn_ForwardedProtoFromUntrustedPeer_Ignored()
        {
            var cookies = await SignInCookiesAsync(factory, "192.0.2.50", new() { ["X-Forwarded-Proto"] = "https" });

            Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Identity.", StringComparison.Ordinal));
            Assert.All(cookies, c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public async Task ForwardedFor_FromTrustedProxy_IsTheClientTheLimitCounts()
        {
            using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

            Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostAsync(client, Proxy, "203.0.113.1"));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostAsync(client, Proxy, "203.0.113.1"));
            Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(client, Proxy, "203.0.113.1"));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostAsync(client, Proxy, "203.0.113.2"));
        }

        [Fact]
        public async Task ForwardedFor_FromUntrustedPeer_Ignored()
        {
            using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

            Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostAsync(client, "192.0.2.60", "203.0.113.3"));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostAsync(client, "192.0.2.60", "203.0.113.4"));
            Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(client, "192.0.2.60", "203.0.113.5"));
        }

        private static async Task<HttpStatusCode> PostAsync(HttpClient client, string peer, string forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/Account/Login", UriKind.Relative)) { Content = new FormUrlEncodedContent([]) };
            request.Headers.Add(TestPeerStartupFilter.Header, peer);
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }
    }

    public sealed class WithPublicUrl(PublicUrlFactory factory) : IClassFixture<PublicUrlFactory>
    {
        [Fact]
        public async Task SignInChallenge_SpoofedHost_RedirectsToThePublicUrl()
        {
            using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/admin", UriKind.Relative));
            request.Headers.Host = "evil.example";

            using var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("https://iam.example.com/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task SignInForm_SpoofedHost_NoRedirectOrLinkNamesIt()
        {
            var (cookies, locations, html) = await SignInAsync(factory, "192.0.2.70", new() { ["Host"] = "evil.example" });

            Assert.NotEmpty(locations);
            Assert.All(locations, l => Assert.DoesNotContain("evil.example", l, StringComparison.OrdinalIgnoreCase));
            Assert.All(locations.Where(l => l.Contains("://", StringComparison.Ordinal)), l => Assert.StartsWith("https://iam.example.com/", l, StringComparison.Ordinal));
            Assert.DoesNotContain("evil.example", html, StringComparison.OrdinalIgnoreCase);
            Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public async Task ContentSecurityPolicy_NamesThePublicWebSocketOrigin()
        {
            using var client = factory.CreateClient();

            using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

            Assert.Contains("connect-src 'self' wss://iam.example.com", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        }
    }

    private static async Task<IReadOnlyList<string>> SignInCookiesAsync(CredentialsWebFactory factory, string peer, Dictionary<string, string> headers) =>
        (await SignInAsync(factory, peer, headers)).Cookies;

    /// <summary>
    /// The bootstrap administrator signs in through the real form (user name, then password); every Set-Cookie,
    /// Location and page seen. Cookies are carried by hand: a cookie jar would not send Secure cookies over the
    /// test server's plain http, as a browser would not, but here the browser's side of the proxy is https.
    /// </summary>
    private static async Task<(IReadOnlyList<string> Cookies, IReadOnlyList<string> Locations, string Html)> SignInAsync(CredentialsWebFactory factory, string peer, Dictionary<string, string> headers)
    {
        var cookies = new List<string>();
        var locations = new List<string>();
        var html = "";
        var jar = new Dictionary<string, string>(StringComparer.Ordinal);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        async Task<HttpResponseMessage> SendAsync(HttpMethod method, HttpContent? content = null)
        {
            var request = new HttpRequestMessage(method, new Uri("/Account/Login", UriKind.Relative)) { Content = content };
            request.Headers.Add(TestPeerStartupFilter.Header, peer);
            if (jar.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", jar.Select(c => c.Key + "=" + c.Value)));
            }

            foreach (var (name, value) in headers)
            {
                if (name == "Host")
                {
                    request.Headers.Host = value;
                }
                else
                {
                    request.Headers.Add(name, value);
                }
            }

            var response = await client.SendAsync(request);
            foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [])
            {
                cookies.Add(cookie);
                var pair = cookie.Split(';', 2)[0].Split('=', 2);
                jar[pair[0]] = pair[1];
            }

            if (response.Headers.Location is { } location)
            {
                locations.Add(location.ToString());
            }

            html += await response.Content.ReadAsStringAsync();
            return response;
        }

        using var page = await SendAsync(HttpMethod.Get);
        var token = AntiforgeryField().Match(html).Groups[1].Value;
        using var userName = await SendAsync(HttpMethod.Post, Form(token, "username", null));
        using var password = await SendAsync(HttpMethod.Post, Form(token, "password", AdminPassword));
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        return (cookies, locations, html);
    }

    private static FormUrlEncodedContent Form(string token, string step, string? password) => new(new Dictionary<string, string>
    {
        ["_handler"] = "login",
        ["__RequestVerificationToken"] = token,
        ["Input.Step"] = step,
        ["Input.UserName"] = "root",
        ["Input.Password"] = password ?? "",
    });

    [GeneratedRegex(@"name=""__RequestVerificationToken"" value=""([^""]+)""")]
    private static partial Regex AntiforgeryField();
}
