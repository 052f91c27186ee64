using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SSO;
using Amazon.SSO.Model;
using Microsoft.AspNetCore.Routing;

namespace IdentityCenter.Web.Tests.Aws;

/// <summary>
/// The SSO portal API over the per-client credentials limit (<c>IdentityCenter:RateLimits:Credentials</c>, shared
/// with <c>/api/portal</c>): 429 with <c>x-amzn-ErrorType: TooManyRequestsException</c>, the model's
/// <c>{"message"}</c> and Retry-After, which the unmodified AWS SDK for .NET surfaces as its TooManyRequestsException.
/// </summary>
public sealed class AwsRateLimitTests(AwsRateLimitTests.Host host) : IClassFixture<AwsRateLimitTests.Host>
{
    /// <summary>Three portal API calls per client in a window no test sees end.</summary>
    public sealed class Host() : AwsApiHost(new Dictionary<string, string>
    {
        ["IdentityCenter:RateLimits:Credentials:PermitLimit"] = "3",
        ["IdentityCenter:RateLimits:Credentials:Window"] = "01:00:00",
    });

    [Fact]
    public async Task PortalApi_OverTheCredentialsLimit_TooManyRequestsException_AsTheSdkExpects()
    {
        var (_, token, _) = await host.SignInCliAsync("ana.admin");
        using var sso = new AmazonSSOClient(new AnonymousAWSCredentials(), new AmazonSSOConfig { ServiceURL = host.SsoUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

        // Within the limit: list accounts, list roles, role credentials.
        var account = (await sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = token.AccessToken })).AccountList[0].AccountId;
        var role = (await sso.ListAccountRolesAsync(new ListAccountRolesRequest { AccessToken = token.AccessToken, AccountId = account })).RoleList[0].RoleName;
        var credentials = new GetRoleCredentialsRequest { AccessToken = token.AccessToken, AccountId = account, RoleName = role };
        Assert.StartsWith("ASIA", (await sso.GetRoleCredentialsAsync(credentials)).RoleCredentials.AccessKeyId, StringComparison.Ordinal);

        // Over it: the SDK's own exception type, from the x-amzn-ErrorType header.
        var refused = await Assert.ThrowsAsync<TooManyRequestsException>(() => sso.GetRoleCredentialsAsync(credentials));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Wait 3600 seconds", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<TooManyRequestsException>(() => sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = token.AccessToken }));

        // On the wire: status, Retry-After, the error type header and the model's body.
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "aws/sso/logout");
        request.Headers.Add(AwsSsoEndpoints.BearerHeader, token.AccessToken);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromHours(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal("TooManyRequestsException", Assert.Single(response.Headers.GetValues(AwsSsoEndpoints.ErrorTypeHeader)));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(["message"], body.Select(m => m.Key));
        Assert.StartsWith("Too many requests from this client.", body["message"]!.GetValue<string>(), StringComparison.Ordinal);

        // The OIDC sign-in API is not under this limit.
        using var oidc = host.OidcClient();
        Assert.False(string.IsNullOrEmpty((await AwsApiHost.RegisterAsync(oidc)).ClientId));
    }
}
