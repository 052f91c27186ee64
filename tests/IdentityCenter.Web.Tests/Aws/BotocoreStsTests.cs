using System.Text.Json.Nodes;

namespace IdentityCenter.Web.Tests.Aws;

/// <summary>
/// Python's botocore calls STS with the credentials GetRoleCredentials issued, the endpoint given only as
/// AWS_ENDPOINT_URL_STS: signed POST, presigned GET URL, and a wrong secret. The AWS CLI does the same with
/// <c>--endpoint-url</c> (Debian's awscli 2.9 at /usr/bin/aws reads no endpoint variables).
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
        var output = await RunAsync(AwsCliFactAttribute.Executable, ["sts", "get-caller-identity", "--endpoint-url", host.StsUrl, "--region", "us-east-1", "--output", "json"], c, ("AWS_PAGER", ""));

        var identity = JsonNode.Parse(output)!;
        Assert.Equal(account, identity["Account"]!.GetValue<string>());
        Assert.Matches($"^arn:aws:sts::{account}:assumed-role/AWSReservedSSO_[^/]+/ana\\.admin$", identity["Arn"]!.GetValue<string>());
        Assert.Matches("^AROA[A-Z2-7]{17}:ana\\.admin$", identity["UserId"]!.GetValue<string>());
    }

    /// <summary>Runs an AWS tool with the credentials in the environment (ExternalTool: private HOME, no other AWS_* variables); its standard output.</summary>
    private static async Task<string> RunAsync(string tool, string[] arguments, Amazon.SSO.Model.RoleCredentials credentials, (string Name, string Value) setting)
    {
        var (exitCode, output, errors) = await ExternalTool.RunAsync(tool, arguments, new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = credentials.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = credentials.SecretAccessKey,
            ["AWS_SESSION_TOKEN"] = credentials.SessionToken,
            [setting.Name] = setting.Value,
        });
        Assert.True(exitCode == 0, errors);
        return output;
    }
}
