using System.Text.Json.Nodes;
using IdentityCenter.Infrastructure.Access;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Aws;

/// <summary>
/// Debian's AWS CLI v2 (<c>awscli</c> 2.9, <c>/usr/bin/aws</c>), unmodified, against the real Kestrel host with
/// <c>--endpoint-url &lt;base&gt;/aws/sso</c>: <c>aws sso list-accounts</c>, <c>list-account-roles</c>,
/// <c>get-role-credentials</c> with an access token from the device flow, and a refused token as the CLI reports it.
/// </summary>
public sealed class AwsCliTests(AwsApiHost host) : IClassFixture<AwsApiHost>
{
    [AwsCliFact]
    public async Task AwsCliV2_ListsAccountsAndRoles_GetsRoleCredentials_RefusedTokenIsUnauthorized()
    {
        var (_, token, user) = await host.SignInCliAsync("dan.ops");
        await using var scope = host.Services.CreateAsyncScope();
        var entitlements = scope.ServiceProvider.GetRequiredService<IEntitlementService>();
        var accounts = await entitlements.ListAccountsAsync(user.UserId);
        var roles = await entitlements.ListRolesAsync(user.UserId, accounts[0].AccountId);

        var listed = await AwsAsync("sso", "list-accounts", "--access-token", token.AccessToken, "--max-items", "100");
        Assert.Equal(accounts.Select(a => a.AccountId), listed["accountList"]!.AsArray().Select(a => a!["accountId"]!.GetValue<string>()));
        Assert.Equal(accounts.Select(a => a.AccountName), listed["accountList"]!.AsArray().Select(a => a!["accountName"]!.GetValue<string>()));

        var roleList = await AwsAsync("sso", "list-account-roles", "--access-token", token.AccessToken, "--account-id", accounts[0].AccountId);
        Assert.Equal(roles.Select(r => r.RoleName), roleList["roleList"]!.AsArray().Select(r => r!["roleName"]!.GetValue<string>()));
        Assert.All(roleList["roleList"]!.AsArray(), r => Assert.Equal(accounts[0].AccountId, r!["accountId"]!.GetValue<string>()));

        var credentials = (await AwsAsync("sso", "get-role-credentials", "--access-token", token.AccessToken, "--account-id", accounts[0].AccountId, "--role-name", roles[0].RoleName))["roleCredentials"]!;
        Assert.Matches("^ASIA[A-Z2-7]{16}$", credentials["accessKeyId"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(credentials["secretAccessKey"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(credentials["sessionToken"]!.GetValue<string>()));
        Assert.True(credentials["expiration"]!.GetValue<long>() > host.Time.GetUtcNow().ToUnixTimeMilliseconds());

        var (exitCode, _, errors) = await RunAsync("sso", "list-accounts", "--access-token", "aoa-not-a-token");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("(UnauthorizedException) when calling the ListAccounts operation", errors, StringComparison.Ordinal);
    }

    private async Task<JsonNode> AwsAsync(params string[] arguments)
    {
        var (exitCode, output, errors) = await RunAsync(arguments);
        Assert.True(exitCode == 0, $"aws {string.Join(' ', arguments.Take(2))} exited {exitCode}: {errors}");
        return JsonNode.Parse(output)!;
    }

    private Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments) => ExternalTool.RunAsync(
        AwsCliFactAttribute.Executable,
        [.. arguments, "--endpoint-url", host.SsoUrl, "--region", "us-east-1", "--output", "json"],
        new Dictionary<string, string> { ["AWS_PAGER"] = "" });
}

/// <summary>A fact that runs only where Debian's AWS CLI v2 is installed at /usr/bin/aws (test.sh installs it as root; otherwise the reason is shown).</summary>
public sealed class AwsCliFactAttribute : FactAttribute
{
    public const string Executable = "/usr/bin/aws";

    private static readonly Lazy<bool> Available = new(() => ExternalTool.Probe(Executable, ["--version"], output => output.StartsWith("aws-cli/2.", StringComparison.Ordinal)));

    public AwsCliFactAttribute()
    {
        if (!Available.Value)
        {
            Skip = $"The AWS CLI v2 is not installed at {Executable} (test.sh installs Debian's 'awscli' with apt as root; sudo apt-get install awscli).";
        }
    }
}
