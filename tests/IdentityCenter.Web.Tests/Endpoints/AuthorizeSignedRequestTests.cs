using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Web.Tests.Aws;
using IdentityCenter.Web.Tests.Fakes;
using IdentityCenter.Web.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Endpoints;

/// <summary>
/// <c>/api/authorize</c> with proof of the secret: a resource service forwards the request its client signed (with
/// botocore, AWS's own signer, using the credentials IdentityCenter issued), and IdentityCenter verifies the
/// signature before it evaluates. Services registered now must do so; bare tokens work only where allowed.
/// </summary>
public sealed class AuthorizeSignedRequestTests : IClassFixture<CredentialsWebFactory>, IAsyncLifetime
{
    private const string Account = "444455556666";
    private const string PermissionSetId = "ps-4444444444444444";
    private const string RoleName = "Reader";
    private const string ObjectUrl = "https://orders.example.com/demo-bucket/report.csv";
    private const string ObjectArn = "arn:aws:s3:::demo-bucket/report.csv";
    private const string ApiUrl = "https://orders.example.com/v1/orders/42?expand=items&format=json";

    private readonly CredentialsWebFactory _factory;
    private readonly HttpClient _client;
    private ResourceService _service = default!;
    private string _serviceKey = "";

    public AuthorizeSignedRequestTests(CredentialsWebFactory factory)
    {
        _factory = factory;
        _factory.Entitlements.AddRole(FakeEntitlementService.Grant(Account, RoleName, PermissionSetId));
        _factory.PolicySets.Set(
            Account,
            PermissionSetId,
            """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":["s3:GetObject","execute-api:Invoke","ec2:TerminateInstances"],"Resource":"*"},
              {"Sid":"OnlyInIreland","Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}
            """,
            """{"Version":"2012-10-17","Statement":[{"Sid":"NoTerminate","Effect":"Deny","Action":"ec2:TerminateInstances","Resource":"*"}]}""");
        _client = factory.CreateClient();
    }

    public async Task InitializeAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var registered = (await scope.ServiceProvider.GetRequiredService<ResourceServiceRegistry>().RegisterAsync("orders-" + Guid.NewGuid().ToString("N")[..8], null, Actor.System)).Value!;
        _service = registered.Service;
        _serviceKey = registered.ApiKey;
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [PythonFact]
    public async Task SignedRequest_VerifiedThenEvaluated_AllowedAndDeniedPerPolicy()
    {
        var c = await IssueAsync("u-signed", "sam");
        var signed = SignGetObject(c);

        var allowed = await PostAsync(Body(signed, "GET", "s3", "s3:GetObject", ObjectArn));
        var denied = await PostAsync(Body(signed, "GET", "s3", "ec2:TerminateInstances", $"arn:aws:ec2:us-east-1:{Account}:instance/i-0abc", explain: true));

        Assert.False(_service.AllowBareTokens);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var json = await ReadAsync(allowed);
        Assert.Equal("Allow", json["decision"]!.GetValue<string>());
        Assert.Equal(c.AssumedRoleArn, json["principal"]!["arn"]!.GetValue<string>());
        Assert.Equal("sam", json["principal"]!["userName"]!.GetValue<string>());
        var deny = await ReadAsync(denied);
        Assert.Equal("ExplicitDeny", deny["decision"]!.GetValue<string>());
        Assert.Equal("scp", deny["explain"]!["decidedBy"]!.GetValue<string>());
    }

    [PythonTheory]
    [InlineData("path")]
    [InlineData("query")]
    [InlineData("header")]
    [InlineData("payloadHash")]
    [InlineData("method")]
    public async Task SignedRequest_OneByteChanged_SignatureDoesNotMatch(string changed)
    {
        var c = await IssueAsync("u-tamper");
        const string payload = """{"quantity":3}""";
        var signed = Sign(c, "execute-api", "POST", ApiUrl, [("Content-Type", "application/json"), ("X-Tenant", "blue")], payload);
        var original = Forwarded(signed, "POST", "execute-api", Sha256(payload));
        Assert.Equal("Allow", (await ReadAsync(await PostAsync(Wrap(original, "execute-api:Invoke", "*")))).AsObject()["decision"]!.GetValue<string>());

        var forwarded = Forwarded(signed, "POST", "execute-api", Sha256(payload));
        switch (changed)
        {
            case "path":
                forwarded["path"] = "/v1/orders/43";
                break;
            case "query":
                forwarded["query"] = "expand=items&format=jsoN";
                break;
            case "header":
                forwarded["headers"]!["X-Tenant"] = "blUe";
                break;
            case "payloadHash":
                forwarded["payloadHash"] = Sha256("""{"quantity":4}""");
                break;
            default:
                forwarded["method"] = "PUT";
                break;
        }

        var response = await PostAsync(Wrap(forwarded, "execute-api:Invoke", "*"));

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "SignatureDoesNotMatch");
    }

    [PythonFact]
    public async Task SignedRequest_WrongSecret_SignatureDoesNotMatch()
    {
        var c = await IssueAsync("u-wrong-secret");
        var wrong = c with { SecretAccessKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)) };

        var response = await PostAsync(Body(SignGetObject(wrong), "GET", "s3", "s3:GetObject", ObjectArn));

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "SignatureDoesNotMatch");
    }

    [PythonFact]
    public async Task SignedRequest_WithoutSessionToken_InvalidAccessKeyId()
    {
        var c = await IssueAsync("u-no-token");
        var signed = Sign(c with { SessionToken = null! }, "s3", "GET", ObjectUrl, []);

        var response = await PostAsync(Body(signed, "GET", "s3", "s3:GetObject", ObjectArn));

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "InvalidAccessKeyId");
    }

    [PythonFact]
    public async Task SignedRequest_CredentialsRevoked_TokenRevoked()
    {
        var c = await IssueAsync("u-signed-revoked");
        var body = Body(SignGetObject(c), "GET", "s3", "s3:GetObject", ObjectArn);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(body)).StatusCode);

        await _factory.Services.GetRequiredService<ICredentialRevocation>().RevokeUserAsync("u-signed-revoked", Actor.System);
        var response = await PostAsync(body);

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "TokenRevoked");
    }

    [PythonFact]
    public async Task SignedRequest_SignedSixMinutesAgo_SignatureExpired()
    {
        var c = await IssueAsync("u-old");
        var signed = Sign(c, "execute-api", "GET", ApiUrl, [], at: _factory.Time.GetUtcNow().AddMinutes(-6));

        var response = await PostAsync(Wrap(Forwarded(signed, "GET", "execute-api", Sha256("")), "execute-api:Invoke", "*"));

        var json = await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "SignatureDoesNotMatch");
        Assert.StartsWith("Signature expired", json["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [PythonFact]
    public async Task PresignedUrl_Verified_TamperedQuerySignatureDoesNotMatch()
    {
        var c = await IssueAsync("u-presigned");
        var signed = Sign(c, "s3", "GET", ObjectUrl, [], presign: true);
        Assert.Contains("X-Amz-Security-Token=", signed.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(signed.Headers, h => h.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase));

        var allowed = await PostAsync(Wrap(Forwarded(signed, "GET", "s3", null), "s3:GetObject", ObjectArn));
        var tampered = Forwarded(signed, "GET", "s3", null);
        tampered["query"] = tampered["query"]!.GetValue<string>().Replace("X-Amz-Expires=300", "X-Amz-Expires=900", StringComparison.Ordinal);
        var refused = await PostAsync(Wrap(tampered, "s3:GetObject", ObjectArn));

        Assert.Equal("Allow", (await ReadAsync(allowed))["decision"]!.GetValue<string>());
        await AssertErrorAsync(refused, HttpStatusCode.Unauthorized, "SignatureDoesNotMatch");
    }

    [PythonFact]
    public async Task SignedRequest_RequestedRegionIsTheSignedOne_CallerCannotClaimAnother()
    {
        var c = await IssueAsync("u-region");
        var ireland = Sign(c, "s3", "PUT", ObjectUrl, [], region: "eu-west-1");
        var virginia = Sign(c, "s3", "PUT", ObjectUrl, []);

        var inIreland = await PostAsync(Wrap(Forwarded(ireland, "PUT", "s3", null), "s3:PutObject", ObjectArn));
        var claimed = Wrap(Forwarded(virginia, "PUT", "s3", null), "s3:PutObject", ObjectArn);
        claimed["context"] = new JsonObject { ["aws:RequestedRegion"] = "eu-west-1" };
        var inVirginia = await PostAsync(claimed);

        Assert.Equal("Allow", (await ReadAsync(inIreland))["decision"]!.GetValue<string>());
        Assert.Equal("ImplicitDeny", (await ReadAsync(inVirginia))["decision"]!.GetValue<string>());
    }

    [PythonFact]
    public async Task SignedRequest_BodyNamesOtherCredentials_400NamingTheField()
    {
        var c = await IssueAsync("u-mismatch");
        var other = await IssueAsync("u-mismatch");
        var same = Wrap(Forwarded(SignGetObject(c), "GET", "s3", null), "s3:GetObject", ObjectArn);
        same["accessKeyId"] = c.AccessKeyId;
        same["sessionToken"] = c.SessionToken;
        var differentKey = Wrap(Forwarded(SignGetObject(c), "GET", "s3", null), "s3:GetObject", ObjectArn);
        differentKey["accessKeyId"] = other.AccessKeyId;
        var differentToken = Wrap(Forwarded(SignGetObject(c), "GET", "s3", null), "s3:GetObject", ObjectArn);
        differentToken["sessionToken"] = other.SessionToken;

        Assert.Equal("Allow", (await ReadAsync(await PostAsync(same)))["decision"]!.GetValue<string>());
        Assert.Equal("accessKeyId", (await AssertErrorAsync(await PostAsync(differentKey), HttpStatusCode.BadRequest, "InvalidRequest"))["field"]!.GetValue<string>());
        Assert.Equal("sessionToken", (await AssertErrorAsync(await PostAsync(differentToken), HttpStatusCode.BadRequest, "InvalidRequest"))["field"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"method":"GET","path":"/x","headers":{"host":"h"}}""", "signedRequest.service")]
    [InlineData("""{"path":"/x","headers":{"host":"h"},"service":"s3"}""", "signedRequest.method")]
    [InlineData("""{"method":"GET","path":"x","headers":{"host":"h"},"service":"s3"}""", "signedRequest.path")]
    [InlineData("""{"method":"GET","path":"/x","service":"s3"}""", "signedRequest.headers")]
    [InlineData("""{"method":"GET","path":"/x","headers":{"host":5},"service":"s3"}""", "signedRequest.headers.host")]
    [InlineData("""{"method":"GET","path":"/x","headers":{"host":"h"},"service":"execute-api"}""", "signedRequest.payloadHash")]
    [InlineData("""{"method":"GET","path":"/x","headers":{"host":"h"},"service":"s3","payloadHash":"abc"}""", "signedRequest.payloadHash")]
    [InlineData("\"GET /x\"", "signedRequest")]
    public async Task SignedRequest_Malformed_400NamingTheField(string signedRequest, string field)
    {
        var response = await PostAsync($$"""{"action":"s3:GetObject","resource":"*","signedRequest":{{signedRequest}}}""");

        var json = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "InvalidRequest");
        Assert.Equal(field, json["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task BareToken_ServiceMustSign_401SignatureRequired()
    {
        var c = await IssueAsync("u-bare");

        var response = await PostAsync(BareBody(c, "s3:GetObject"));

        var json = await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "SignatureRequired");
        Assert.Contains("must forward the client's signed request", json["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BareToken_ServiceAllowedBareTokens_StillChecked_UntilTheSwitchIsTurnedOff()
    {
        var c = await IssueAsync("u-bare-ok");
        await using var scope = _factory.Services.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<ResourceServiceRegistry>();
        var legacy = (await registry.RegisterAsync("legacy-" + Guid.NewGuid().ToString("N")[..8], null, allowBareTokens: true, Actor.System)).Value!;

        var allowed = await PostAsync(BareBody(c, "s3:GetObject"), legacy.ApiKey);
        Assert.True((await registry.SetAllowBareTokensAsync(legacy.Service.Id, false, Actor.System)).Succeeded);
        var refused = await PostAsync(BareBody(c, "s3:GetObject"), legacy.ApiKey);

        Assert.Equal("Allow", (await ReadAsync(allowed))["decision"]!.GetValue<string>());
        await AssertErrorAsync(refused, HttpStatusCode.Unauthorized, "SignatureRequired");
    }

    private async Task<RoleCredentials> IssueAsync(string userId, string userName = "user")
    {
        _factory.Entitlements.Assign(userId, Account, RoleName);
        await using var scope = _factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<CredentialService>()
            .IssueAsync(new CredentialCaller(userId, userName, MfaPresent: true), Account, RoleName);
        return result.Credentials ?? throw new InvalidOperationException(result.Message);
    }

    private (string Url, List<(string Name, string Value)> Headers) SignGetObject(RoleCredentials c) => Sign(c, "s3", "GET", ObjectUrl, []);

    /// <summary>The client signs with the credentials it was issued, at the server's (fake) time unless told otherwise.</summary>
    private (string Url, List<(string Name, string Value)> Headers) Sign(
        RoleCredentials c, string service, string method, string url, IEnumerable<(string, string)> headers, string body = "", bool presign = false, string region = "us-east-1", DateTimeOffset? at = null) =>
        Python.Sign(service, region, method, url, c.AccessKeyId, c.SecretAccessKey, c.SessionToken, at ?? _factory.Time.GetUtcNow(), headers, body, presign);

    /// <summary>What the resource service forwards: the request as it received it (path and query raw, every header).</summary>
    private static JsonObject Forwarded((string Url, List<(string Name, string Value)> Headers) signed, string method, string service, string? payloadHash)
    {
        var target = signed.Url[(signed.Url.IndexOf('/', signed.Url.IndexOf("://", StringComparison.Ordinal) + 3))..];
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var headers = new JsonObject();
        foreach (var (name, value) in signed.Headers)
        {
            headers[name] = value;
        }

        var forwarded = new JsonObject
        {
            ["method"] = method,
            ["path"] = question < 0 ? target : target[..question],
            ["headers"] = headers,
            ["service"] = service,
        };
        if (question >= 0)
        {
            forwarded["query"] = target[(question + 1)..];
        }

        if (payloadHash is not null)
        {
            forwarded["payloadHash"] = payloadHash;
        }

        return forwarded;
    }

    private static JsonObject Wrap(JsonObject forwarded, string action, string resource, bool explain = false) => new()
    {
        ["action"] = action,
        ["resource"] = resource,
        ["explain"] = explain,
        ["signedRequest"] = forwarded,
    };

    private static JsonObject Body((string Url, List<(string Name, string Value)> Headers) signed, string method, string service, string action, string resource, bool explain = false) =>
        Wrap(Forwarded(signed, method, service, null), action, resource, explain);

    private static string BareBody(RoleCredentials c, string action) =>
        JsonSerializer.Serialize(new { accessKeyId = c.AccessKeyId, sessionToken = c.SessionToken, action, resource = ObjectArn });

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private Task<HttpResponseMessage> PostAsync(JsonObject body) => PostAsync(body.ToJsonString(), _serviceKey);

    private Task<HttpResponseMessage> PostAsync(string body) => PostAsync(body, _serviceKey);

    private async Task<HttpResponseMessage> PostAsync(string body, string serviceKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/authorize", UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", serviceKey);
        return await _client.SendAsync(request);
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task<JsonNode> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var json = await ReadAsync(response);
        Assert.True(status == response.StatusCode, $"Expected {(int)status} {code}, got {(int)response.StatusCode}: {json.ToJsonString()}");
        Assert.Equal(code, json["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(json["message"]!.GetValue<string>()));
        return json;
    }
}
