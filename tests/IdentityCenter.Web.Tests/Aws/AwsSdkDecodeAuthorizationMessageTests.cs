using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Credentials;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Aws;

/// <summary>
/// A denial of <c>/api/authorize</c> carries an encoded authorization message; the official AWS SDK for .NET
/// (AWSSDK.SecurityToken), unmodified, decodes it with STS <c>DecodeAuthorizationMessage</c> at <c>/aws/sts</c>,
/// signed with role credentials whose policies allow <c>sts:DecodeAuthorizationMessage</c> (the workshop's
/// AdministratorAccess does; Billing does not). The AWS CLI does the same with <c>--endpoint-url</c>.
/// </summary>
public sealed class AwsSdkDecodeAuthorizationMessageTests(AwsApiHost host) : IClassFixture<AwsApiHost>
{
    [Fact]
    public async Task DecodeAuthorizationMessage_AllowedPrincipal_DecodesAnApiAuthorizeDenial_NamingTheDecidingPolicyAndStatement()
    {
        var (account, _, c) = await host.RoleCredentialsAsync("ana.admin");
        var denied = await AuthorizeAsync(c, "cloudtrail:DeleteTrail", "*");
        Assert.Equal("ExplicitDeny", denied["decision"]!.GetValue<string>());
        Assert.Null(denied["explain"]);
        var encoded = denied["encodedAuthorizationMessage"]!.GetValue<string>();
        Assert.DoesNotContain("cloudtrail", encoded, StringComparison.OrdinalIgnoreCase);
        Assert.True(encoded.Length <= 10240, encoded.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var sts = host.StsClient(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken));
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        var response = await sts.DecodeAuthorizationMessageAsync(new DecodeAuthorizationMessageRequest { EncodedMessage = encoded });

        Assert.Equal(HttpStatusCode.OK, response.HttpStatusCode);
        var message = JsonNode.Parse(response.DecodedMessage)!;
        Assert.False(message["allowed"]!.GetValue<bool>());
        Assert.True(message["explicitDeny"]!.GetValue<bool>());
        // An explicit deny is explained by the Deny statements only, as AWS lists them.
        var statement = Assert.Single(message["matchedStatements"]!["items"]!.AsArray())!;
        Assert.Equal("DENY", statement["effect"]!.GetValue<string>());
        Assert.Equal("DenyCloudTrailTampering", statement["statementId"]!.GetValue<string>());
        Assert.Equal("scp", statement["policyType"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(statement["policyName"]!.GetValue<string>()));
        Assert.Contains("cloudtrail:DeleteTrail", Values(statement["actions"]));
        Assert.Equal(["*"], Values(statement["resources"]));
        Assert.Equal([identity.UserId.Split(':')[0]], Values(statement["principals"]));
        Assert.Equal("scp", message["explanation"]!["decidedBy"]!.GetValue<string>());

        var context = message["context"]!;
        Assert.Equal(identity.UserId, context["principal"]!["id"]!.GetValue<string>());
        Assert.Equal(identity.Arn, context["principal"]!["arn"]!.GetValue<string>());
        Assert.Equal("cloudtrail:DeleteTrail", context["action"]!.GetValue<string>());
        Assert.Equal("*", context["resource"]!.GetValue<string>());
        var keys = context["conditions"]!["items"]!.AsArray().ToDictionary(i => i!["key"]!.GetValue<string>(), i => Values(i!["values"]));
        Assert.Equal(["eu-west-1"], keys["aws:RequestedRegion"]);
        Assert.Matches($"^arn:aws:iam::{account}:role/aws-reserved/sso\\.amazonaws\\.com/.*AWSReservedSSO_", Assert.Single(keys["aws:PrincipalArn"]));
        Assert.Equal([account], keys["aws:PrincipalAccount"]);
    }

    [Fact]
    public async Task DecodeAuthorizationMessage_ScpOnRequestedRegion_DecidesOnTheRegionTheRequestWasSignedFor()
    {
        // As S3: a region guard without a Null guard denies every request that carries no aws:RequestedRegion; STS sets it
        // to the region of the signature's credential scope.
        var (account, _, c) = await host.RoleCredentialsAsync("ana.admin");
        var encoded = (await AuthorizeAsync(c, "cloudtrail:DeleteTrail", "*"))["encodedAuthorizationMessage"]!.GetValue<string>();
        await using var scope = host.Services.CreateAsyncScope();
        var organizations = scope.ServiceProvider.GetRequiredService<IOrganizationService>();
        const string Document = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"sts:DecodeAuthorizationMessage","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}""";
        var scp = await organizations.CreatePolicyAsync(new OrganizationPolicyInput("StsOnlyEuWest1", "STS region test", OrganizationPolicyType.ServiceControlPolicy, Document), Actor.System);
        Assert.True(scp.Succeeded, scp.Summary);
        Assert.True((await organizations.AttachPolicyAsync(scp.Value!.Id, account, Actor.System)).Succeeded);
        try
        {
            var credentials = new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken);
            using var usEast1 = host.StsClient(credentials);
            var denied = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(() =>
                usEast1.DecodeAuthorizationMessageAsync(new DecodeAuthorizationMessageRequest { EncodedMessage = encoded }));
            Assert.Equal("AccessDenied", denied.ErrorCode);

            using var euWest1 = new AmazonSecurityTokenServiceClient(credentials, new AmazonSecurityTokenServiceConfig { ServiceURL = host.StsUrl, AuthenticationRegion = "eu-west-1", MaxErrorRetry = 0 });
            var decoded = await euWest1.DecodeAuthorizationMessageAsync(new DecodeAuthorizationMessageRequest { EncodedMessage = encoded });
            Assert.Equal(HttpStatusCode.OK, decoded.HttpStatusCode);
        }
        finally
        {
            Assert.True((await organizations.DetachPolicyAsync(scp.Value!.Id, account, Actor.System)).Succeeded);
        }
    }

    [Fact]
    public async Task ApiAuthorize_AllowedDecision_HasNoEncodedMessage_DenialWithExplainHasBoth()
    {
        var (_, _, c) = await host.RoleCredentialsAsync("ana.admin");

        var allowed = await AuthorizeAsync(c, "s3:GetObject", "arn:aws:s3:::demo/key");
        Assert.Equal("Allow", allowed["decision"]!.GetValue<string>());
        Assert.Null(allowed["encodedAuthorizationMessage"]);

        var explained = await AuthorizeAsync(c, "cloudtrail:StopLogging", "*", explain: true);
        Assert.Equal("ExplicitDeny", explained["decision"]!.GetValue<string>());
        Assert.NotNull(explained["explain"]);
        Assert.False(string.IsNullOrEmpty(explained["encodedAuthorizationMessage"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DecodeAuthorizationMessage_PrincipalWithoutThePermission_AccessDenied()
    {
        // Billing allows no sts action: Finn is refused even for a message about his own request.
        var (_, _, c) = await host.RoleCredentialsAsync("finn.finance");
        var denied = await AuthorizeAsync(c, "ec2:TerminateInstances", "*");
        Assert.NotEqual("Allow", denied["decision"]!.GetValue<string>());
        using var sts = host.StsClient(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken));

        var error = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(() =>
            sts.DecodeAuthorizationMessageAsync(new DecodeAuthorizationMessageRequest { EncodedMessage = denied["encodedAuthorizationMessage"]!.GetValue<string>() }));

        Assert.Equal("AccessDenied", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Contains("is not authorized to perform: sts:DecodeAuthorizationMessage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecodeAuthorizationMessage_TamperedMalformedOrOtherAccountsMessage_InvalidAuthorizationMessageException()
    {
        var (account, _, c) = await host.RoleCredentialsAsync("ana.admin");
        var encoded = (await AuthorizeAsync(c, "cloudtrail:DeleteTrail", "*"))["encodedAuthorizationMessage"]!.GetValue<string>();
        var (financeAccount, _, finn) = await host.RoleCredentialsAsync("finn.finance");
        Assert.NotEqual(account, financeAccount);
        var foreign = (await AuthorizeAsync(finn, "ec2:TerminateInstances", "*"))["encodedAuthorizationMessage"]!.GetValue<string>();
        using var sts = host.StsClient(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken));
        var middle = encoded.Length / 2;
        string[] invalid =
        [
            encoded[..middle] + (encoded[middle] == 'A' ? 'B' : 'A') + encoded[(middle + 1)..],
            encoded[..^4],
            "not a message",
            foreign,
        ];

        foreach (var message in invalid)
        {
            var error = await Assert.ThrowsAsync<InvalidAuthorizationMessageException>(() =>
                sts.DecodeAuthorizationMessageAsync(new DecodeAuthorizationMessageRequest { EncodedMessage = message }));
            Assert.Equal("InvalidAuthorizationMessageException", error.ErrorCode);
            Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        }

        // The untouched message still decodes.
        Assert.False(string.IsNullOrEmpty((await sts.DecodeAuthorizationMessageAsync(new DecodeAuthorizationMessageRequest { EncodedMessage = encoded })).DecodedMessage));
    }

    [Fact]
    public async Task DecodeAuthorizationMessage_NoEncodedMessage_MissingParameter()
    {
        var (_, _, c) = await host.RoleCredentialsAsync("ana.admin");
        using var sts = host.StsClient(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken));

        var error = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(() => sts.DecodeAuthorizationMessageAsync(new DecodeAuthorizationMessageRequest()));

        Assert.Equal("MissingParameter", error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }

    [AwsCliFact]
    public async Task AwsCli_StsDecodeAuthorizationMessage_WithEndpointUrl()
    {
        var (_, _, c) = await host.RoleCredentialsAsync("ana.admin");
        var encoded = (await AuthorizeAsync(c, "cloudtrail:UpdateTrail", "*"))["encodedAuthorizationMessage"]!.GetValue<string>();

        var (exitCode, output, errors) = await ExternalTool.RunAsync(
            AwsCliFactAttribute.Executable,
            ["sts", "decode-authorization-message", "--encoded-message", encoded, "--endpoint-url", host.StsUrl, "--region", "us-east-1", "--output", "json"],
            new Dictionary<string, string>
            {
                ["AWS_ACCESS_KEY_ID"] = c.AccessKeyId,
                ["AWS_SECRET_ACCESS_KEY"] = c.SecretAccessKey,
                ["AWS_SESSION_TOKEN"] = c.SessionToken,
                ["AWS_PAGER"] = "",
            });

        Assert.True(exitCode == 0, errors);
        var message = JsonNode.Parse(JsonNode.Parse(output)!["DecodedMessage"]!.GetValue<string>())!;
        Assert.True(message["explicitDeny"]!.GetValue<bool>());
        Assert.Equal("cloudtrail:UpdateTrail", message["context"]!["action"]!.GetValue<string>());
        Assert.Contains(message["matchedStatements"]!["items"]!.AsArray(), s => s!["statementId"]!.GetValue<string>() == "DenyCloudTrailTampering");
    }

    private static List<string> Values(JsonNode? list) => list!["items"]!.AsArray().Select(i => i!["value"]!.GetValue<string>()).ToList();

    /// <summary>Asks <c>/api/authorize</c> as a registered resource service would (region eu-west-1, no explanation unless asked); the JSON answer.</summary>
    private async Task<JsonNode> AuthorizeAsync(Amazon.SSO.Model.RoleCredentials credentials, string action, string resource, bool explain = false)
    {
        var key = await ServiceKeyAsync();
        var body = JsonSerializer.Serialize(new
        {
            accessKeyId = credentials.AccessKeyId,
            sessionToken = credentials.SessionToken,
            action,
            resource,
            context = new Dictionary<string, string> { ["aws:RequestedRegion"] = "eu-west-1" },
            explain,
        });
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/authorize") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    private string? _serviceKey;

    private async Task<string> ServiceKeyAsync()
    {
        if (_serviceKey is null)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var registered = await scope.ServiceProvider.GetRequiredService<ResourceServiceRegistry>().RegisterAsync("decode-" + Guid.NewGuid().ToString("N")[..8], null, allowBareTokens: true, Actor.System);
            _serviceKey = registered.Value!.ApiKey;
        }

        return _serviceKey;
    }
}
