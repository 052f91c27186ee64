using System.Net;
using System.Text.Json.Nodes;
using IdentityCenter.Web.Tests.Fakes;
using IdentityCenter.Web.Tests.Infrastructure;

namespace IdentityCenter.Web.Tests.Endpoints;

public sealed class PortalCredentialsEndpointsTests : IClassFixture<CredentialsWebFactory>
{
    private const string Account = "222233334444";

    private readonly CredentialsWebFactory _factory;

    public PortalCredentialsEndpointsTests(CredentialsWebFactory factory)
    {
        _factory = factory;
        _factory.Entitlements.AddRole(FakeEntitlementService.Grant(Account, "Dev", "ps-2222222222222222", TimeSpan.FromHours(4)));
        _factory.Entitlements.AddRole(FakeEntitlementService.Grant(Account, "Ops", "ps-3333333333333333"));
        _factory.Entitlements.Assign("u-portal", Account, "Dev");
    }

    [Fact]
    public async Task Credentials_AssignedRole_SsoShapeWithExpirationInMilliseconds()
    {
        using var client = Client("u-portal:paula");
        var before = _factory.Time.GetUtcNow();

        var response = await client.GetAsync(new Uri($"/api/portal/credentials?account_id={Account}&role_name=Dev", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var c = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["roleCredentials"]!;
        Assert.Matches("^ASIA[A-Z2-7]{16}$", c["accessKeyId"]!.GetValue<string>());
        Assert.Equal(40, c["secretAccessKey"]!.GetValue<string>().Length);
        Assert.False(string.IsNullOrEmpty(c["sessionToken"]!.GetValue<string>()));
        Assert.InRange(c["expiration"]!.GetValue<long>(), (before + TimeSpan.FromHours(4)).ToUnixTimeMilliseconds() - 1, (_factory.Time.GetUtcNow() + TimeSpan.FromHours(4)).ToUnixTimeMilliseconds());
    }

    [Theory]
    [InlineData("999999999999", "Dev", HttpStatusCode.NotFound)]
    [InlineData(Account, "NoSuchRole", HttpStatusCode.NotFound)]
    [InlineData(Account, "Ops", HttpStatusCode.Forbidden)]
    public async Task Credentials_RefusedRequests_StatusAndMessageWithoutCredentials(string account, string role, HttpStatusCode status)
    {
        using var client = Client("u-portal:paula");

        var response = await client.GetAsync(new Uri($"/api/portal/credentials?account_id={account}&role_name={role}", UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Null(body["roleCredentials"]);
        var message = body["message"]!.GetValue<string>();
        if (status == HttpStatusCode.Forbidden)
        {
            Assert.Equal("No access", message);
        }
        else
        {
            Assert.Contains(status == HttpStatusCode.NotFound && account != Account ? account : role, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AccountsAndRoles_OnlyTheCallersAssignments()
    {
        using var client = Client("u-portal:paula");

        var accounts = JsonNode.Parse(await client.GetStringAsync(new Uri("/api/portal/accounts", UriKind.Relative)))!["accountList"]!.AsArray();
        var roles = JsonNode.Parse(await client.GetStringAsync(new Uri($"/api/portal/roles?account_id={Account}", UriKind.Relative)))!["roleList"]!.AsArray();

        Assert.Equal([Account], accounts.Select(a => a!["accountId"]!.GetValue<string>()));
        Assert.Equal(["Dev"], roles.Select(r => r!["roleName"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Credentials_NotSignedIn_NoCredentials()
    {
        using var client = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri($"/api/portal/credentials?account_id={Account}&role_name=Dev", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("ASIA", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private HttpClient Client(string user)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add(HeaderAuthenticationHandler.Header, user);
        return client;
    }
}
