using System.Net;
using System.Text;
using System.Text.Json;
using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.UserAccessKeys;
using IdentityCenter.Web.Aws;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Aws;

/// <summary>
/// SigV4 with users' long-term access keys on the awsJson1_1 administrative APIs, driven by boto3 (AWS's SDK) and
/// botocore's signer against the real host: the bootstrap key from configuration works, and each refusal is the
/// error code botocore reads (<c>__type</c>) with <c>x-amzn-ErrorType</c>.
/// </summary>
public sealed class AdminApiSignatureTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    private const string StoreId = "d-1234567890";

    /// <summary>Calls an identitystore operation with boto3; returns the output, or the error code, message and status.</summary>
    private JsonElement Boto3(string operation, object parameters, string key, string secret, string region = "us-east-1")
    {
        const string script = """
            import json, sys, boto3
            from botocore.config import Config
            from botocore.exceptions import ClientError
            a = json.loads(sys.stdin.read())
            c = boto3.client("identitystore", endpoint_url=a["url"], region_name=a["region"], aws_access_key_id=a["key"],
                             aws_secret_access_key=a["secret"], config=Config(retries={"total_max_attempts": 1}))
            try:
                r = getattr(c, a["op"])(**a["params"])
                r.pop("ResponseMetadata", None)
                print(json.dumps({"ok": r}, default=str))
            except ClientError as e:
                print(json.dumps({"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"],
                                  "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}))
            """;
        var input = JsonSerializer.Serialize(new { url = host.IdentityStoreUrl, region, key, secret, op = operation, @params = parameters });
        Assert.True(Python.Run(script, [], input, out var output) == 0, output);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private async Task<(string UserId, string KeyId, string Secret)> UserWithKeyAsync(string userName)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<IUserDirectoryService>();
        var created = await users.CreateUserAsync(new CreateUserRequest(userName, userName), Actor.System);
        Assert.True(created.Succeeded, created.Summary);
        var key = await host.Services.GetRequiredService<IAccessKeyService>().CreateAsync(created.Value!.User.Id, Actor.System);
        return (created.Value.User.Id, key.Value!.Key.AccessKeyId, key.Value.SecretAccessKey);
    }

    private static void AssertError(JsonElement result, string code)
    {
        Assert.True(result.TryGetProperty("code", out var actual), result.ToString());
        Assert.Equal(code, actual.GetString());
        Assert.Equal(400, result.GetProperty("status").GetInt32());
    }

    [PythonFact]
    public async Task BootstrapKey_Boto3Call_ReachesTheOperationAsTheAdministrator_LastUseRecorded()
    {
        var result = Boto3("list_users", new { IdentityStoreId = StoreId }, AdminApiHost.BootstrapKeyId, AdminApiHost.BootstrapSecret, region: "eu-west-1");

        var user = result.GetProperty("ok").GetProperty("Users")[0];
        Assert.Equal("admin", user.GetProperty("UserName").GetString());
        Assert.Equal(StoreId, user.GetProperty("IdentityStoreId").GetString());
        Assert.Equal($"{AdminApiHost.BootstrapKeyId} eu-west-1 identitystore", user.GetProperty("DisplayName").GetString());
        var usage = host.Services.GetRequiredService<AccessKeyUsage>();
        Assert.Equal(("identitystore", "eu-west-1"), (usage.Pending(AdminApiHost.BootstrapKeyId)!.Value.Service, usage.Pending(AdminApiHost.BootstrapKeyId)!.Value.Region));
        await usage.FlushAsync();
        var row = await host.WithDbAsync(db => db.AccessKeys.AsNoTracking().SingleAsync(k => k.Id == AdminApiHost.BootstrapKeyId));
        Assert.Equal(("identitystore", "eu-west-1"), (row.LastUsedService, row.LastUsedRegion));
    }

    [PythonFact]
    public void UnknownOperation_UnknownOperationException() =>
        AssertError(Boto3("describe_group", new { IdentityStoreId = StoreId, GroupId = "g-1" }, AdminApiHost.BootstrapKeyId, AdminApiHost.BootstrapSecret), AwsJsonProtocol.UnknownOperation);

    [PythonFact]
    public void UnknownKey_UnrecognizedClientException()
    {
        var result = Boto3("list_users", new { IdentityStoreId = StoreId }, "AKIAAAAAAAAAAAAAAAAA", AdminApiHost.BootstrapSecret);

        AssertError(result, AwsJsonProtocol.UnrecognizedClient);
        Assert.Equal("The security token included in the request is invalid.", result.GetProperty("message").GetString());
    }

    [PythonFact]
    public void WrongSecret_InvalidSignatureException() =>
        AssertError(Boto3("list_users", new { IdentityStoreId = StoreId }, AdminApiHost.BootstrapKeyId, AdminApiHost.BootstrapSecret.Replace('w', 'W')), AwsJsonProtocol.InvalidSignature);

    [PythonFact]
    public async Task InactiveKey_UnrecognizedClientException_ActiveAgainWorks()
    {
        var (userId, keyId, secret) = await UserWithKeyAsync("kim.keys");
        var keys = host.Services.GetRequiredService<IAccessKeyService>();
        Assert.True(Boto3("list_users", new { IdentityStoreId = StoreId }, keyId, secret).TryGetProperty("ok", out _));

        Assert.True((await keys.SetStatusAsync(userId, keyId, AccessKeyStatus.Inactive, Actor.System)).Succeeded);
        AssertError(Boto3("list_users", new { IdentityStoreId = StoreId }, keyId, secret), AwsJsonProtocol.UnrecognizedClient);

        Assert.True((await keys.SetStatusAsync(userId, keyId, AccessKeyStatus.Active, Actor.System)).Succeeded);
        Assert.Equal("kim.keys", Boto3("list_users", new { IdentityStoreId = StoreId }, keyId, secret).GetProperty("ok").GetProperty("Users")[0].GetProperty("UserName").GetString());
    }

    [PythonFact]
    public async Task DisabledUser_KeyRefusedAtOnce()
    {
        var (_, keyId, secret) = await UserWithKeyAsync("lou.keys");
        Assert.True(Boto3("list_users", new { IdentityStoreId = StoreId }, keyId, secret).TryGetProperty("ok", out _));

        await host.SetEnabledAsync("lou.keys", false);

        AssertError(Boto3("list_users", new { IdentityStoreId = StoreId }, keyId, secret), AwsJsonProtocol.UnrecognizedClient);
    }

    [PythonFact]
    public async Task BotocoreSignedRequest_OneByteChanged_InvalidSignatureException_UnchangedSucceeds()
    {
        const string body = """{"IdentityStoreId":"d-1234567890"}""";
        var headers = Python.SignHeaders("identitystore", "POST", host.IdentityStoreUrl, AdminApiHost.BootstrapKeyId, AdminApiHost.BootstrapSecret,
            [("Content-Type", AwsJsonProtocol.ContentType), ("X-Amz-Target", "AWSIdentityStore.ListUsers")], body);
        using var http = new HttpClient();

        using var unchanged = await http.SendAsync(Request(headers, body));
        using var changed = await http.SendAsync(Request(headers, body.Replace("d-1234567890", "d-1234567891", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        Assert.Contains("\"UserName\":\"admin\"", await unchanged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, changed.StatusCode);
        Assert.Equal(AwsJsonProtocol.InvalidSignature, changed.Headers.GetValues("x-amzn-ErrorType").Single());
        using var error = JsonDocument.Parse(await changed.Content.ReadAsStringAsync());
        Assert.Equal(AwsJsonProtocol.InvalidSignature, error.RootElement.GetProperty("__type").GetString());
        Assert.False(string.IsNullOrEmpty(error.RootElement.GetProperty("message").GetString()));
        Assert.True(changed.Headers.Contains("x-amzn-RequestId"));
    }

    [Fact]
    public async Task Unsigned_MissingAuthenticationToken_IncompleteHeader_IncompleteSignature()
    {
        using var http = new HttpClient();
        var content = new StringContent("{}", Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(AwsJsonProtocol.ContentType);
        using var unsigned = new HttpRequestMessage(HttpMethod.Post, host.IdentityStoreUrl) { Content = content };
        unsigned.Headers.Add("X-Amz-Target", "AWSIdentityStore.ListUsers");
        using var incomplete = new HttpRequestMessage(HttpMethod.Post, host.IdentityStoreUrl) { Content = new StringContent("{}") };
        incomplete.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={AdminApiHost.BootstrapKeyId}/20261207/us-east-1/identitystore/aws4_request");
        incomplete.Headers.Add("X-Amz-Date", "20261207T080000Z");

        using var missing = await http.SendAsync(unsigned);
        using var partial = await http.SendAsync(incomplete);

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(AwsJsonProtocol.MissingAuthenticationToken, missing.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Contains("\"__type\":\"MissingAuthenticationTokenException\"", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(AwsJsonProtocol.ContentType, missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, partial.StatusCode);
        Assert.Equal(AwsJsonProtocol.IncompleteSignature, partial.Headers.GetValues("x-amzn-ErrorType").Single());
        using var partialError = JsonDocument.Parse(await partial.Content.ReadAsStringAsync());
        Assert.Contains("Authorization header requires 'Signature' parameter.", partialError.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [PythonFact]
    public async Task SignedWithASessionToken_UnrecognizedClientException()
    {
        const string body = """{"IdentityStoreId":"d-1234567890"}""";
        var (_, headers) = Python.Sign("identitystore", "us-east-1", "POST", host.IdentityStoreUrl, AdminApiHost.BootstrapKeyId, AdminApiHost.BootstrapSecret, "session-token",
            DateTimeOffset.UtcNow, [("Content-Type", AwsJsonProtocol.ContentType), ("X-Amz-Target", "AWSIdentityStore.ListUsers")], body);
        using var http = new HttpClient();

        using var response = await http.SendAsync(Request(headers, body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(AwsJsonProtocol.UnrecognizedClient, response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    private HttpRequestMessage Request(List<(string Name, string Value)> headers, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, host.IdentityStoreUrl) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }
}
