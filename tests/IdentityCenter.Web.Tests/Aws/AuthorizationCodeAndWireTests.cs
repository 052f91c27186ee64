using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.SSO.Model;
using Amazon.SSOOIDC.Model;
using IdentityCenter.Core.Sso;

namespace IdentityCenter.Web.Tests.Aws;

/// <summary>
/// The AWS CLI v2's default flow (authorization code with PKCE to a loopback listener on a random port, RFC 8252),
/// and the raw wire shapes the SDKs depend on (error type header, request id, body fields, status codes).
/// </summary>
public sealed class AuthorizationCodeAndWireTests(AwsApiHost host) : IClassFixture<AwsApiHost>
{
    private const string RegisteredRedirect = "http://127.0.0.1/oauth/callback";

    [Fact]
    public async Task AuthorizationCode_RandomLoopbackPort_WrongVerifierRefused_RightVerifierGetsTokens_ReuseRevokes()
    {
        using var oidc = host.OidcClient();
        var client = await oidc.RegisterClientAsync(new RegisterClientRequest
        {
            ClientName = "botocore-client-authcode",
            ClientType = "public",
            GrantTypes = [OidcGrantTypes.AuthorizationCode, OidcGrantTypes.RefreshToken],
            RedirectUris = [RegisteredRedirect],
            IssuerUrl = host.StartUrl,
            Scopes = [OidcScopes.AccountAccess],
        });
        var port = FreePort();
        var redirectUri = $"http://127.0.0.1:{port}/oauth/callback";
        var verifier = Verifier();
        var state = Guid.NewGuid().ToString();

        using var browser = Browser();
        var authorize = await browser.GetAsync(new Uri(host.BaseUrl, "aws/oidc/authorize?response_type=code"
            + "&client_id=" + Uri.EscapeDataString(client.ClientId)
            + "&redirect_uri=" + Uri.EscapeDataString(redirectUri)
            + "&state=" + state
            + "&code_challenge_method=S256"
            + "&scopes=" + Uri.EscapeDataString(OidcScopes.AccountAccess)
            + "&code_challenge=" + Challenge(verifier)));

        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var consent = authorize.Headers.Location!.ToString();
        Assert.StartsWith("/start/authorize?request=", consent, StringComparison.Ordinal);
        var decision = await host.DecideRequestAsync(AwsApiHost.QueryValue(consent, "request"), await host.SignInAsync("ana.admin"));
        Assert.StartsWith(redirectUri + "?code=", decision.RedirectUri, StringComparison.Ordinal);
        Assert.Equal(state, AwsApiHost.QueryValue(decision.RedirectUri!, "state"));
        var code = AwsApiHost.QueryValue(decision.RedirectUri!, "code");

        CreateTokenRequest Redeem(string codeVerifier, string redirect) => new()
        {
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            GrantType = OidcGrantTypes.AuthorizationCode,
            Code = code,
            RedirectUri = redirect,
            CodeVerifier = codeVerifier,
        };

        await Assert.ThrowsAsync<InvalidGrantException>(() => oidc.CreateTokenAsync(Redeem(Verifier(), redirectUri)));
        await Assert.ThrowsAsync<InvalidGrantException>(() => oidc.CreateTokenAsync(Redeem(verifier, $"http://127.0.0.1:{port + 1}/oauth/callback")));
        var token = await oidc.CreateTokenAsync(Redeem(verifier, redirectUri));
        using var sso = host.SsoClient();
        Assert.NotEmpty((await sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = token.AccessToken })).AccountList);

        // A code is single use; a second redemption revokes what the first one got.
        await Assert.ThrowsAsync<InvalidGrantException>(() => oidc.CreateTokenAsync(Redeem(verifier, redirectUri)));
        await Assert.ThrowsAsync<UnauthorizedException>(() => sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = token.AccessToken }));
    }

    [Fact]
    public async Task AuthorizationCode_UserDenies_RedirectCarriesAccessDeniedAndState()
    {
        using var oidc = host.OidcClient();
        var client = await oidc.RegisterClientAsync(new RegisterClientRequest
        {
            ClientName = "deny-me",
            ClientType = "public",
            GrantTypes = [OidcGrantTypes.AuthorizationCode],
            RedirectUris = [RegisteredRedirect],
        });
        using var browser = Browser();
        var redirectUri = $"http://127.0.0.1:{FreePort()}/oauth/callback";
        var authorize = await browser.GetAsync(new Uri(host.BaseUrl, $"aws/oidc/authorize?response_type=code&client_id={Uri.EscapeDataString(client.ClientId)}&redirect_uri={Uri.EscapeDataString(redirectUri)}&state=s1&code_challenge_method=S256&code_challenge={Challenge(Verifier())}"));

        var decision = await host.DecideRequestAsync(AwsApiHost.QueryValue(authorize.Headers.Location!.ToString(), "request"), await host.SignInAsync("ben.dev"), allow: false);

        Assert.StartsWith(redirectUri + "?error=access_denied", decision.RedirectUri, StringComparison.Ordinal);
        Assert.Equal("s1", AwsApiHost.QueryValue(decision.RedirectUri!, "state"));
    }

    [Theory]
    [InlineData("https://attacker.example/oauth/callback")]
    [InlineData("http://localhost:5000/oauth/callback")]
    [InlineData("http://127.0.0.1:5000/other/path")]
    public async Task Authorize_RedirectNotRegistered_ErrorPageNeverTheRedirect(string redirectUri)
    {
        using var oidc = host.OidcClient();
        var client = await oidc.RegisterClientAsync(new RegisterClientRequest
        {
            ClientName = "strict",
            ClientType = "public",
            GrantTypes = [OidcGrantTypes.AuthorizationCode],
            RedirectUris = [RegisteredRedirect],
        });
        using var browser = Browser();

        var authorize = await browser.GetAsync(new Uri(host.BaseUrl, $"aws/oidc/authorize?response_type=code&client_id={Uri.EscapeDataString(client.ClientId)}&redirect_uri={Uri.EscapeDataString(redirectUri)}&state=s&code_challenge_method=S256&code_challenge={Challenge(Verifier())}"));

        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        Assert.Equal("/start/authorize?problem=invalid", authorize.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Authorize_NoPkce_RedirectsBackWithInvalidRequest()
    {
        using var oidc = host.OidcClient();
        var client = await oidc.RegisterClientAsync(new RegisterClientRequest { ClientName = "no-pkce", ClientType = "public", GrantTypes = [OidcGrantTypes.AuthorizationCode], RedirectUris = [RegisteredRedirect] });
        using var browser = Browser();

        var authorize = await browser.GetAsync(new Uri(host.BaseUrl, $"aws/oidc/authorize?response_type=code&client_id={Uri.EscapeDataString(client.ClientId)}&redirect_uri={Uri.EscapeDataString("http://127.0.0.1:4444/oauth/callback")}&state=s2"));

        var location = authorize.Headers.Location!.ToString();
        Assert.StartsWith("http://127.0.0.1:4444/oauth/callback?error=invalid_request", location, StringComparison.Ordinal);
        Assert.Equal("s2", AwsApiHost.QueryValue(location, "state"));
    }

    [Fact]
    public async Task Wire_OidcError_ErrorTypeHeaderRequestIdStatusAndBody()
    {
        using var http = new HttpClient { BaseAddress = host.BaseUrl };

        var response = await http.PostAsync(new Uri("aws/oidc/token", UriKind.Relative), new StringContent("""{"clientId":"nobody","clientSecret":"x","grantType":"refresh_token","refreshToken":"r"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("InvalidClientException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.True(Guid.TryParse(response.Headers.GetValues("x-amzn-RequestId").Single(), out _));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["error_description"]!.GetValue<string>()));

        var notJson = await http.PostAsync(new Uri("aws/oidc/client/register", UriKind.Relative), new StringContent("clientName=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("InvalidRequestException", notJson.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task Wire_PortalError_UnauthorizedWithMessage_AndExpirationInMilliseconds()
    {
        using var http = new HttpClient { BaseAddress = host.BaseUrl };

        var anonymous = await http.GetAsync(new Uri("aws/sso/assignment/accounts", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("UnauthorizedException", anonymous.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.False(string.IsNullOrEmpty(JsonNode.Parse(await anonymous.Content.ReadAsStringAsync())!["message"]!.GetValue<string>()));

        var (_, token, _) = await host.SignInCliAsync("ana.admin");
        using var request = new HttpRequestMessage(HttpMethod.Get, "aws/sso/assignment/accounts?max_result=101");
        request.Headers.Add("x-amz-sso_bearer_token", token.AccessToken);
        var tooMany = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("InvalidRequestException", tooMany.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    private HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseUrl };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>64 characters from the unreserved set, as the AWS CLI makes them.</summary>
    private static string Verifier() => OidcProtocol.Base64Url(RandomNumberGenerator.GetBytes(48));

    private static string Challenge(string verifier) => OidcProtocol.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
