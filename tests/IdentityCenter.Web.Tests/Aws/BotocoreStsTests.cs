using System.Diagnostics;
using System.Text.Json.Nodes;

namespace IdentityCenter.Web.Tests.Aws;

/// <summary>
/// Python's botocore calls STS with the credentials GetRoleCredentials issued, the endpoint given only as
/// AWS_ENDPOINT_URL_STS: signed POST, presigned GET URL, and a wrong secret. The AWS CLI does the same with
/// <c>--endpoint-url</c> (Debian's awscli 2.9 reads no endpoint variables).
/// </summary>
public sealed class BotocoreStsTests(AwsApiHost host) : IClassFixture<AwsApiHost>
{
    [BotocoreFact]
    public async Task Botocore_GetCallerIdentity_SignedAndPresigned_WrongSecretRefused()
    {
        var (account, role, c) = await host.RoleCredentialsAsync("ana.admin");
        var output = await RunAsync("python3", [Path.Combine(AppContext.BaseDirectory, "Aws", "botocore_sts.py")], c, ("AWS_ENDPOINT_URL_STS", host.StsUrl));

        var result = JsonNode.Parse(output)!;
        Assert.Equal(host.StsUrl, result["endpoint"]!.GetValue<string>());
        Assert.Equal(account, result["account"]!.GetValue<string>());
        Assert.Matches($"^arn:aws:sts::{account}:assumed-role/AWSReservedSSO_{role}_[0-9a-f]{{16}}/ana\\.admin$", result["arn"]!.GetValue<string>());
        Assert.Matches("^AROA[A-Z2-7]{17}:ana\\.admin$", result["userId"]!.GetValue<string>());
        var presigned = result["presignedArn"]!.GetValue<string>();
        Assert.True(presigned == result["arn"]!.GetValue<string>(), presigned);
        Assert.Equal("SignatureDoesNotMatch", result["wrongSecret"]!.GetValue<string>());
    }

    [AwsCliFact]
    public async Task AwsCli_StsGetCallerIdentity_WithEndpointUrl()
    {
        var (account, _, c) = await host.RoleCredentialsAsync("ana.admin");
        var output = await RunAsync("aws", ["sts", "get-caller-identity", "--endpoint-url", host.StsUrl, "--region", "us-east-1", "--output", "json"], c, ("AWS_PAGER", ""));

        var identity = JsonNode.Parse(output)!;
        Assert.Equal(account, identity["Account"]!.GetValue<string>());
        Assert.Matches($"^arn:aws:sts::{account}:assumed-role/AWSReservedSSO_[^/]+/ana\\.admin$", identity["Arn"]!.GetValue<string>());
        Assert.Matches("^AROA[A-Z2-7]{17}:ana\\.admin$", identity["UserId"]!.GetValue<string>());
    }

    /// <summary>Runs an AWS tool with the credentials in the environment (and no config files); its standard output.</summary>
    private static async Task<string> RunAsync(string tool, string[] arguments, Amazon.SSO.Model.RoleCredentials credentials, (string Name, string Value) setting)
    {
        var start = new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["AWS_ACCESS_KEY_ID"] = credentials.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = credentials.SecretAccessKey;
        start.Environment["AWS_SESSION_TOKEN"] = credentials.SessionToken;
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment[setting.Name] = setting.Value;
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await errors);
        return output;
    }
}

/// <summary>A fact that runs only where the AWS CLI is installed (test.sh installs Debian's awscli; otherwise the reason is shown).</summary>
public sealed class AwsCliFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("aws", ["--version"]) { RedirectStandardError = true, RedirectStandardOutput = true });
            return probe is not null && probe.WaitForExit(30_000) && probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public AwsCliFactAttribute()
    {
        if (!Available.Value)
        {
            Skip = "The AWS CLI is not installed: 'aws --version' failed (test.sh installs Debian's awscli with apt).";
        }
    }
}
