using System.Diagnostics;
using System.Text.Json.Nodes;

namespace IdentityCenter.Web.Tests.Aws;

/// <summary>
/// Python's botocore calls STS with the credentials GetRoleCredentials issued, the endpoint given only as
/// AWS_ENDPOINT_URL_STS: signed POST, presigned GET URL, and a wrong secret.
/// </summary>
public sealed class BotocoreStsTests(AwsApiHost host) : IClassFixture<AwsApiHost>
{
    [BotocoreFact]
    public async Task Botocore_GetCallerIdentity_SignedAndPresigned_WrongSecretRefused()
    {
        var (account, role, c) = await host.RoleCredentialsAsync("ana.admin");
        var start = new ProcessStartInfo("python3", [Path.Combine(AppContext.BaseDirectory, "Aws", "botocore_sts.py")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["AWS_ENDPOINT_URL_STS"] = host.StsUrl;
        start.Environment["AWS_ACCESS_KEY_ID"] = c.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = c.SecretAccessKey;
        start.Environment["AWS_SESSION_TOKEN"] = c.SessionToken;
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        using var python = Process.Start(start)!;
        var errors = python.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = await python.StandardOutput.ReadToEndAsync(timeout.Token);
        await python.WaitForExitAsync(timeout.Token);
        Assert.True(python.ExitCode == 0, await errors);

        var result = JsonNode.Parse(output)!;
        Assert.Equal(host.StsUrl, result["endpoint"]!.GetValue<string>());
        Assert.Equal(account, result["account"]!.GetValue<string>());
        Assert.Matches($"^arn:aws:sts::{account}:assumed-role/AWSReservedSSO_{role}_[0-9a-f]{{16}}/ana\\.admin$", result["arn"]!.GetValue<string>());
        Assert.Matches("^AROA[A-Z2-7]{17}:ana\\.admin$", result["userId"]!.GetValue<string>());
        var presigned = result["presignedArn"]!.GetValue<string>();
        Assert.True(presigned == result["arn"]!.GetValue<string>(), presigned);
        Assert.Equal("SignatureDoesNotMatch", result["wrongSecret"]!.GetValue<string>());
    }
}
