using System.Diagnostics;
using System.Text.Json.Nodes;
using IdentityCenter.Infrastructure.Access;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Aws;

/// <summary>
/// Python's botocore (the library under the AWS CLI v2 and boto3) signs in through its own sso-oidc and sso
/// clients, with the endpoints given only as AWS_ENDPOINT_URL_SSO_OIDC and AWS_ENDPOINT_URL_SSO.
/// </summary>
public sealed class BotocoreSignInTests(AwsApiHost host) : IClassFixture<AwsApiHost>
{
    [BotocoreFact]
    public async Task Botocore_DeviceFlow_ListsAccountsAndRoles_GetsCredentials_RefreshesAndLogsOut()
    {
        await host.EnsureSeededAsync();
        var start = new ProcessStartInfo("python3", [Path.Combine(AppContext.BaseDirectory, "Aws", "botocore_sso_flow.py")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["AWS_ENDPOINT_URL_SSO_OIDC"] = host.OidcUrl;
        start.Environment["AWS_ENDPOINT_URL_SSO"] = host.SsoUrl;
        start.Environment["IC_START_URL"] = host.StartUrl;
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        using var python = Process.Start(start)!;
        var errors = python.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        async Task<JsonNode> NextAsync()
        {
            var line = await python.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                Assert.Fail("botocore script ended early: " + await errors);
            }

            return JsonNode.Parse(line)!;
        }

        var endpoints = await NextAsync();
        Assert.Equal(host.OidcUrl, endpoints["oidcEndpoint"]!.GetValue<string>());
        Assert.Equal(host.SsoUrl, endpoints["ssoEndpoint"]!.GetValue<string>());

        var device = await NextAsync();
        Assert.Equal("AuthorizationPendingException", device["pending"]!.GetValue<string>());
        Assert.Equal(5, device["interval"]!.GetValue<int>());
        var user = await host.SignInAsync("dan.ops");
        await host.DecideDeviceAsync(device["userCode"]!.GetValue<string>(), user);
        await python.StandardInput.WriteLineAsync("approved");
        await python.StandardInput.FlushAsync();

        var result = await NextAsync();
        await python.WaitForExitAsync(timeout.Token);
        Assert.True(python.ExitCode == 0, python.ExitCode == 0 ? "" : await errors);

        await using var scope = host.Services.CreateAsyncScope();
        var entitlements = scope.ServiceProvider.GetRequiredService<IEntitlementService>();
        var accounts = await entitlements.ListAccountsAsync(user.UserId);
        Assert.Equal(accounts.Select(a => a.AccountId), result["accounts"]!.AsArray().Select(a => a!.GetValue<string>()));
        var roles = await entitlements.ListRolesAsync(user.UserId, accounts[0].AccountId);
        Assert.Equal(roles.Select(r => r.RoleName), result["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Matches("^ASIA[A-Z2-7]{16}$", result["accessKeyId"]!.GetValue<string>());
        Assert.True(result["expiration"]!.GetValue<long>() > host.Time.GetUtcNow().ToUnixTimeMilliseconds());
        Assert.Equal("UnauthorizedException", result["afterLogout"]!.GetValue<string>());
    }

    [BotocoreFact]
    public async Task Botocore_TokenProvider_RefreshesAnExpiringCachedToken_CredentialProviderGetsRoleCredentials()
    {
        var (client, token, user) = await host.SignInCliAsync("dan.ops");
        await using var scope = host.Services.CreateAsyncScope();
        var entitlements = scope.ServiceProvider.GetRequiredService<IEntitlementService>();
        var account = (await entitlements.ListAccountsAsync(user.UserId))[0].AccountId;
        var role = (await entitlements.ListRolesAsync(user.UserId, account))[0].RoleName;
        var (exitCode, output, errors) = await ExternalTool.RunAsync("python3", [Path.Combine(AppContext.BaseDirectory, "Aws", "botocore_sso_refresh.py")], new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_SSO_OIDC"] = host.OidcUrl,
            ["AWS_ENDPOINT_URL_SSO"] = host.SsoUrl,
            ["IC_START_URL"] = host.StartUrl,
            ["IC_ACCOUNT"] = account,
            ["IC_ROLE"] = role,
            ["IC_TOKEN"] = new JsonObject
            {
                ["clientId"] = client.ClientId,
                ["clientSecret"] = client.ClientSecret,
                ["accessToken"] = token.AccessToken,
                ["refreshToken"] = token.RefreshToken,
                ["registrationExpiresAt"] = DateTimeOffset.FromUnixTimeSeconds(client.ClientSecretExpiresAt!.Value).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            }.ToJsonString(),
        });
        Assert.True(exitCode == 0, "botocore script failed: " + errors);
        var result = JsonNode.Parse(output)!;

        // botocore refreshed through /aws/oidc (rotated tokens, written back to its cache) ...
        Assert.Equal("sso", result["method"]!.GetValue<string>());
        var refreshed = result["cachedAccessToken"]!.GetValue<string>();
        Assert.StartsWith("aoa", refreshed, StringComparison.Ordinal);
        Assert.NotEqual(token.AccessToken, refreshed);
        Assert.NotEqual(token.RefreshToken, result["cachedRefreshToken"]!.GetValue<string>());
        Assert.True(DateTimeOffset.Parse(result["cachedExpiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddHours(1));

        // ... and fetched role credentials from /aws/sso with the new token, which stays valid.
        Assert.Matches("^ASIA[A-Z2-7]{16}$", result["accessKeyId"]!.GetValue<string>());
        Assert.True(result["hasSecret"]!.GetValue<bool>() && result["hasSessionToken"]!.GetValue<bool>());
        using var sso = host.SsoClient();
        Assert.NotEmpty((await sso.ListAccountsAsync(new Amazon.SSO.Model.ListAccountsRequest { AccessToken = refreshed })).AccountList);
    }
}

/// <summary>A fact that runs only where Python 3 can import botocore (test.sh installs it; otherwise the reason is shown).</summary>
public sealed class BotocoreFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Available = new(() => ExternalTool.Probe("python3", ["-c", "import botocore"]));

    public BotocoreFactAttribute()
    {
        if (!Available.Value)
        {
            Skip = "botocore is not installed: python3 -c 'import botocore' failed (test.sh installs python3-botocore with apt).";
        }
    }
}
