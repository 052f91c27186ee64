using System.Net;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SSO;
using Amazon.SSO.Model;
using Amazon.SSOOIDC;
using Amazon.SSOOIDC.Model;
using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Sessions;
using IdentityCenter.Infrastructure.Sso;
using IdentityCenter.Web.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace IdentityCenter.Web.Tests.Aws;

/// <summary>
/// The real app on real Kestrel (loopback, free port) with the workshop organization and a fake clock the tests
/// move (polling interval, device code expiry). The AWS SDK for .NET and botocore talk to it over HTTP, unmodified,
/// with only the endpoint URL pointed here.
/// </summary>
public partial class AwsApiHost : WebApplicationFactory<Program>
{
    private readonly SemaphoreSlim _seedGate = new(1, 1);
    private readonly IReadOnlyDictionary<string, string> _settings;
    private bool _seeded;

    public AwsApiHost()
        : this(new Dictionary<string, string>())
    {
    }

    /// <summary>A host with extra configuration settings (for example small or large rate limits).</summary>
    protected AwsApiHost(IReadOnlyDictionary<string, string> settings)
    {
        _settings = settings;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    public string DataDirectory { get; } = System.IO.Directory.CreateTempSubdirectory("ic-aws-").FullName;

    public Uri BaseUrl { get; }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public string OidcUrl => new Uri(BaseUrl, "aws/oidc").ToString();

    public string SsoUrl => new Uri(BaseUrl, "aws/sso").ToString();

    public string StartUrl => new Uri(BaseUrl, "start").ToString();

    public string StsUrl => new Uri(BaseUrl, "aws/sts").ToString();

    public AmazonSSOOIDCClient OidcClient() =>
        new(new AnonymousAWSCredentials(), new AmazonSSOOIDCConfig { ServiceURL = OidcUrl, AuthenticationRegion = "us-east-1" });

    public AmazonSSOClient SsoClient() =>
        new(new AnonymousAWSCredentials(), new AmazonSSOConfig { ServiceURL = SsoUrl, AuthenticationRegion = "us-east-1" });

    /// <summary>An STS client signing with <paramref name="credentials"/> (no retries: every answer is the first one).</summary>
    public AmazonSecurityTokenServiceClient StsClient(AWSCredentials credentials, HttpClientFactory? http = null) =>
        new(credentials, new AmazonSecurityTokenServiceConfig { ServiceURL = StsUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0, HttpClientFactory = http });

    /// <summary>Signs the user in as the CLI does and fetches role credentials for their first account and role.</summary>
    public async Task<(string AccountId, string RoleName, RoleCredentials Credentials)> RoleCredentialsAsync(string userName)
    {
        await EnsureSeededAsync();
        var (_, token, _) = await SignInCliAsync(userName);
        using var sso = SsoClient();
        var account = (await sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = token.AccessToken })).AccountList[0].AccountId;
        var role = (await sso.ListAccountRolesAsync(new ListAccountRolesRequest { AccessToken = token.AccessToken, AccountId = account })).RoleList[0].RoleName;
        var credentials = await sso.GetRoleCredentialsAsync(new GetRoleCredentialsRequest { AccessToken = token.AccessToken, AccountId = account, RoleName = role });
        return (account, role, credentials.RoleCredentials);
    }

    /// <summary>Seeds the workshop organization once (users such as ana.admin with assignments).</summary>
    public async Task EnsureSeededAsync()
    {
        await _seedGate.WaitAsync();
        try
        {
            if (!_seeded)
            {
                var result = await Services.SeedIdentityCenterWorkshopAsync(reset: false);
                Assert.True(result.Succeeded, result.Summary);
                _seeded = true;
            }
        }
        finally
        {
            _seedGate.Release();
        }
    }

    public async Task<string> UserIdAsync(string userName)
    {
        await EnsureSeededAsync();
        await using var scope = Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IUserDirectoryService>().FindByUserNameAsync(userName))!.Id;
    }

    /// <summary>A portal sign-in session for the user, as the sign-in pipeline creates one.</summary>
    public async Task<ConsentingUser> SignInAsync(string userName)
    {
        var userId = await UserIdAsync(userName);
        await using var scope = Services.CreateAsyncScope();
        var session = await scope.ServiceProvider.GetRequiredService<IUserSessionService>()
            .CreateAsync(new NewSession(userId, "127.0.0.1", "test-browser", MfaUsed: true, TrustedDevice: false));
        return new ConsentingUser(userId, userName, session.Id, "127.0.0.1", "test-browser");
    }

    /// <summary>The person answers the device page for a user code (the service the page calls).</summary>
    public async Task<ConsentDecisionResult> DecideDeviceAsync(string userCode, ConsentingUser user, bool allow = true)
    {
        await using var scope = Services.CreateAsyncScope();
        var oidc = scope.ServiceProvider.GetRequiredService<SsoOidcService>();
        var lookup = await oidc.FindByUserCodeAsync(userCode);
        Assert.Equal(ConsentLookup.Found, lookup.Outcome);
        return await oidc.DecideAsync(lookup.Request!.Id, allow, user);
    }

    public async Task<ConsentDecisionResult> DecideRequestAsync(string requestId, ConsentingUser user, bool allow = true)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SsoOidcService>().DecideAsync(requestId, allow, user);
    }

    public static async Task<RegisterClientResponse> RegisterAsync(AmazonSSOOIDCClient oidc, string name = "botocore-client-test") =>
        await oidc.RegisterClientAsync(new RegisterClientRequest { ClientName = name, ClientType = "public", Scopes = ["sso:account:access"] });

    /// <summary>Register, start a device authorization, approve it as <paramref name="userName"/>, create the token.</summary>
    public async Task<(RegisterClientResponse Client, CreateTokenResponse Token, ConsentingUser User)> SignInCliAsync(string userName)
    {
        using var oidc = OidcClient();
        var client = await RegisterAsync(oidc);
        var device = await oidc.StartDeviceAuthorizationAsync(new StartDeviceAuthorizationRequest { ClientId = client.ClientId, ClientSecret = client.ClientSecret, StartUrl = StartUrl });
        var user = await SignInAsync(userName);
        await DecideDeviceAsync(device.UserCode, user);
        var token = await oidc.CreateTokenAsync(new CreateTokenRequest
        {
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            GrantType = "urn:ietf:params:oauth:grant-type:device_code",
            DeviceCode = device.DeviceCode,
        });
        return (client, token, user);
    }

    /// <summary>Writes the queued audit events (the hot paths queue them) and reads the newest ones of a name.</summary>
    public async Task<List<AuditEvent>> AuditEventsAsync(string eventName)
    {
        await Services.GetRequiredService<CredentialAuditBuffer>().FlushAsync();
        await using var scope = Services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<IdentityCenter.Infrastructure.Audit.IAuditLog>();
        var page = await log.QueryAsync(new IdentityCenter.Infrastructure.Audit.AuditQuery(EventName: eventName, PageSize: 200));
        return page.Items.ToList();
    }

    public async Task<T> WithDbAsync<T>(Func<IdentityCenterDbContext, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<IdentityCenterDbContext>>().CreateDbContextAsync();
        return await read(db);
    }

    public async Task SetEnabledAsync(string userName, bool enabled)
    {
        var userId = await UserIdAsync(userName);
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IUserDirectoryService>().SetEnabledAsync(userId, enabled, Actor.System);
        Assert.True(result.Succeeded, result.Summary);
    }

    public static string QueryValue(string uri, string name) =>
        Regex.Match(uri, "[?&]" + Regex.Escape(name) + "=([^&]*)") is { Success: true } m ? Uri.UnescapeDataString(m.Groups[1].Value) : "";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("IdentityCenter:DataDirectory", DataDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _seedGate.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TestFolders.TryDelete(DataDirectory);
        }
    }
}
