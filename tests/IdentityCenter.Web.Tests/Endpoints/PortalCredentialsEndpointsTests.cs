using System.Net;
using System.Text.Json.Nodes;
using IdentityCenter.Web.Tests.Fakes;
using IdentityCenter.Web.Tests.TestHost;

namespace IdentityCenter.Web.Tests.Endpoints;

public sealed class PortalCredentialsEndpointsTests : IClassFixture<CredentialsWebFactory>
{
    private const string Account = "222233334444";
    private const string OtherAccount = "555566667777";

    private readonly CredentialsWebFactory _factory;

    public PortalCredentialsEndpointsTests(CredentialsWebFactory factory)
    {
        _factory = factory;
        _factory.Entitlements.AddRole(FakeEntitlementService.Grant(Account, "Dev", "ps-2222222222222222", TimeSpan.FromHours(4)));
        _factory.Entitlements.AddRole(FakeEntitlementService.Grant(Account, "Ops", "ps-3333333333333333"));
        _factory.Entitlements.Assign("u-portal", Account, "Dev");
        _factory.Entitlements.AddRole(FakeEntitlementService.Grant(OtherAccount, "Dev", "ps-2222222222222222"));
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
    [InlineData("999999999999", "Dev")] // no such account
    [InlineData(OtherAccount, "Dev")] // an account that exists, where the caller has no role at all
    [InlineData(Account, "NoSuchRole")] // no such role in the caller's account
    [InlineData(Account, "Ops")] // a role that exists in the caller's account but is not theirs
    public async Task Credentials_EveryRefusal_SameForbiddenNoAccessAnswer(string account, string role)
    {
        using var client = Client("u-portal:paula");
        var reference = await client.GetAsync(new Uri($"/api/portal/credentials?account_id={Account}&role_name=Ops", UriKind.Relative));

        var response = await client.GetAsync(new Uri($"/api/portal/credentials?account_id={account}&role_name={role}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("""{"message":"No access"}""", body);
        Assert.Equal(await reference.Content.ReadAsStringAsync(), body);
        Assert.Equal(reference.Content.Headers.ContentType, response.Content.Headers.ContentType);
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
