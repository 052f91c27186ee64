using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Web.Tests.Fakes;
using IdentityCenter.Web.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Endpoints;

public sealed class AuthorizeEndpointsTests : IClassFixture<CredentialsWebFactory>, IAsyncLifetime
{
    private const string Account = "111122223333";
    private const string PermissionSetId = "ps-0123456789abcdef";
    private const string RoleName = "S3Reader";
    private const string Bucket = "arn:aws:s3:::demo-bucket";

    private readonly CredentialsWebFactory _factory;
    private readonly HttpClient _client;
    private string _serviceKey = "";

    public AuthorizeEndpointsTests(CredentialsWebFactory factory)
    {
        _factory = factory;
        _factory.Entitlements.AddRole(FakeEntitlementService.Grant(Account, RoleName, PermissionSetId, tags: new Dictionary<string, string> { ["team"] = "blue" }));
        _factory.PolicySets.Set(
            Account,
            PermissionSetId,
            """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket","ec2:TerminateInstances"],"Resource":"*"},
              {"Sid":"TeamTag","Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"blue"}}},
              {"Sid":"TagTheSessionLacks","Effect":"Allow","Action":"s3:DeleteObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/x":"yes"}}},
              {"Sid":"OtherOrganization","Effect":"Allow","Action":"s3:GetObjectAcl","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-injected00"}}},
              {"Sid":"NoMfaOnly","Effect":"Allow","Action":"s3:PutObjectAcl","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}},
              {"Sid":"OldTokensOnly","Effect":"Allow","Action":"s3:GetObjectVersion","Resource":"*","Condition":{"DateLessThan":{"aws:TokenIssueTime":"2001-01-01T00:00:00Z"}}},
              {"Sid":"OurOrganization","Effect":"Allow","Action":"s3:GetObjectTagging","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-exampleorg1"}}}]}
            """,
            """{"Version":"2012-10-17","Statement":[{"Sid":"NoTerminate","Effect":"Deny","Action":"ec2:TerminateInstances","Resource":"*"}]}""");
        _client = factory.CreateClient();
    }

    public async Task InitializeAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<ResourceServiceRegistry>();
        var registered = await registry.RegisterAsync("svc-" + Guid.NewGuid().ToString("N")[..8], null, allowBareTokens: true, Actor.System);
        _serviceKey = registered.Value!.ApiKey;
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Authorize_NoAuthorizationHeader_Returns401MissingServiceKey()
    {
        var credentials = await IssueAsync("u-nokey");

        var response = await _client.PostAsync(new Uri("/api/authorize", UriKind.Relative), Json(Body(credentials, "s3:GetObject")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("MissingServiceKey", (await ReadAsync(response))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Authorize_WrongServiceKey_Returns401InvalidServiceKey()
    {
        var credentials = await IssueAsync("u-wrongkey");

        var response = await PostAsync(Body(credentials, "s3:GetObject"), "icsk_not-a-registered-key-at-all-000000");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("InvalidServiceKey", (await ReadAsync(response))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Authorize_DeletedServiceKey_Returns401InvalidServiceKey()
    {
        var credentials = await IssueAsync("u-deleted");
        await using var scope = _factory.Services.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<ResourceServiceRegistry>();
        var registered = (await registry.RegisterAsync("doomed-" + Guid.NewGuid().ToString("N")[..6], null, allowBareTokens: true, Actor.System)).Value!;
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Body(credentials, "s3:GetObject"), registered.ApiKey)).StatusCode);

        await registry.DeleteAsync(registered.Service.Id, Actor.System);
        var response = await PostAsync(Body(credentials, "s3:GetObject"), registered.ApiKey);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("not json", "body")]
    [InlineData("[1,2]", "body")]
    [InlineData("""{"sessionToken":"x","action":"s3:GetObject","resource":"*"}""", "accessKeyId")]
    [InlineData("""{"accessKeyId":5,"sessionToken":"x","action":"s3:GetObject","resource":"*"}""", "accessKeyId")]
    [InlineData("""{"accessKeyId":"ASIAAAAAAAAAAAAAAAAA","action":"s3:GetObject","resource":"*"}""", "sessionToken")]
    [InlineData("""{"accessKeyId":"ASIAAAAAAAAAAAAAAAAA","sessionToken":"x","resource":"*"}""", "action")]
    [InlineData("""{"accessKeyId":"ASIAAAAAAAAAAAAAAAAA","sessionToken":"x","action":"GetObject","resource":"*"}""", "action")]
    [InlineData("""{"accessKeyId":"ASIAAAAAAAAAAAAAAAAA","sessionToken":"x","action":["s3:GetObject"],"resource":"*"}""", "action")]
    [InlineData("""{"accessKeyId":"ASIAAAAAAAAAAAAAAAAA","sessionToken":"x","action":"s3:GetObject"}""", "resource")]
    [InlineData("""{"accessKeyId":"ASIAAAAAAAAAAAAAAAAA","sessionToken":"x","action":"s3:GetObject","resource":"*","context":"ip"}""", "context")]
    [InlineData("""{"accessKeyId":"ASIAAAAAAAAAAAAAAAAA","sessionToken":"x","action":"s3:GetObject","resource":"*","context":{"aws:SourceIp":{"a":1}}}""", "context.aws:SourceIp")]
    [InlineData("""{"accessKeyId":"ASIAAAAAAAAAAAAAAAAA","sessionToken":"x","action":"s3:GetObject","resource":"*","explain":"yes"}""", "explain")]
    public async Task Authorize_MalformedBody_Returns400NamingTheField(string body, string field)
    {
        var response = await PostAsync(body, _serviceKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await ReadAsync(response);
        Assert.Equal("InvalidRequest", json["code"]!.GetValue<string>());
        Assert.Equal(field, json["field"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(json["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Authorize_TamperedToken_Returns401InvalidClientTokenId()
    {
        var credentials = await IssueAsync("u-tamper");
        var token = credentials.SessionToken.ToCharArray();
        token[token.Length / 2] = token[token.Length / 2] == 'A' ? 'B' : 'A';

        var response = await PostAsync(Body(credentials with { SessionToken = new string(token) }, "s3:GetObject"), _serviceKey);

        await AssertCredentialErrorAsync(response, "InvalidClientTokenId");
    }

    [Fact]
    public async Task Authorize_TokenWithAnotherAccessKeyId_Returns401InvalidClientTokenId()
    {
        var first = await IssueAsync("u-swap");
        var second = await IssueAsync("u-swap");

        var response = await PostAsync(Body(first with { AccessKeyId = second.AccessKeyId }, "s3:GetObject"), _serviceKey);

        await AssertCredentialErrorAsync(response, "InvalidClientTokenId");
    }

    [Fact]
    public async Task Authorize_ExpiredToken_Returns401ExpiredToken()
    {
        var credentials = await IssueAsync("u-expired");
        _factory.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        var response = await PostAsync(Body(credentials, "s3:GetObject"), _serviceKey);

        await AssertCredentialErrorAsync(response, "ExpiredToken");
    }

    [Fact]
    public async Task Authorize_RevokedUser_Returns401TokenRevokedAtTheNextCheck()
    {
        var credentials = await IssueAsync("u-revoked");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Body(credentials, "s3:GetObject"), _serviceKey)).StatusCode);

        await _factory.Services.GetRequiredService<ICredentialRevocation>().RevokeUserAsync("u-revoked", Actor.System);
        var response = await PostAsync(Body(credentials, "s3:GetObject"), _serviceKey);

        await AssertCredentialErrorAsync(response, "TokenRevoked");
    }

    [Fact]
    public async Task Authorize_RemovedAssignment_Returns401TokenRevoked()
    {
        var credentials = await IssueAsync("u-unassigned");

        await _factory.Services.GetRequiredService<ICredentialRevocation>().RevokeAssignmentAsync(Account, PermissionSetId, "u-unassigned", Actor.System);
        var response = await PostAsync(Body(credentials, "s3:GetObject"), _serviceKey);

        await AssertCredentialErrorAsync(response, "TokenRevoked");
    }

    [Fact]
    public async Task Authorize_GrantedAction_ReturnsAllowWithPrincipal()
    {
        var credentials = await IssueAsync("u-allow", "alice");

        var response = await PostAsync(Body(credentials, "s3:GetObject", Bucket + "/report.csv"), _serviceKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await ReadAsync(response);
        Assert.Equal("Allow", json["decision"]!.GetValue<string>());
        Assert.Equal(credentials.AssumedRoleArn, json["principal"]!["arn"]!.GetValue<string>());
        Assert.StartsWith($"arn:aws:sts::{Account}:assumed-role/AWSReservedSSO_{RoleName}_", credentials.AssumedRoleArn, StringComparison.Ordinal);
        Assert.Equal(Account, json["principal"]!["account"]!.GetValue<string>());
        Assert.Equal("alice", json["principal"]!["userName"]!.GetValue<string>());
        Assert.Null(json["explain"]);
    }

    [Fact]
    public async Task Authorize_ActionAnScpDenies_ReturnsExplicitDenyWithExplanation()
    {
        var credentials = await IssueAsync("u-deny");

        var response = await PostAsync(Body(credentials, "ec2:TerminateInstances", $"arn:aws:ec2:us-east-1:{Account}:instance/i-0abc", explain: true), _serviceKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await ReadAsync(response);
        Assert.Equal("ExplicitDeny", json["decision"]!.GetValue<string>());
        Assert.Equal("scp", json["explain"]!["decidedBy"]!.GetValue<string>());
        var deciding = json["explain"]!["statements"]!.AsArray().Single(s => s!["role"]!.GetValue<string>() == "denies")!;
        Assert.Equal("NoTerminate", deciding["sid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Authorize_ActionNotGranted_ReturnsImplicitDeny()
    {
        var credentials = await IssueAsync("u-implicit");

        var response = await PostAsync(Body(credentials, "dynamodb:DeleteTable", "*"), _serviceKey);

        Assert.Equal("ImplicitDeny", (await ReadAsync(response))["decision"]!.GetValue<string>());
    }

    [Fact]
    public async Task Authorize_PrincipalTagFromToken_UsedAndCannotBeOverriddenByCaller()
    {
        var credentials = await IssueAsync("u-tags");
        var body = JsonSerializer.Serialize(new
        {
            accessKeyId = credentials.AccessKeyId,
            sessionToken = credentials.SessionToken,
            action = "s3:PutObject",
            resource = Bucket + "/x",
            context = new Dictionary<string, object> { ["aws:PrincipalTag/team"] = "red", ["aws:SourceIp"] = "10.0.0.1" },
        });

        var response = await PostAsync(body, _serviceKey);

        Assert.Equal("Allow", (await ReadAsync(response))["decision"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("s3:DeleteObject", "aws:PrincipalTag/x", "yes")]
    [InlineData("s3:GetObjectAcl", "aws:PrincipalOrgID", "o-injected00")]
    [InlineData("s3:GetObjectAcl", "AWS:PRINCIPALORGID", "o-injected00")]
    [InlineData("s3:PutObjectAcl", "aws:MultiFactorAuthPresent", "false")]
    [InlineData("s3:GetObjectVersion", "aws:TokenIssueTime", "2000-01-01T00:00:00Z")]
    public async Task Authorize_CallerInjectsAKeyTheSessionSetsOrLacks_ChangesNothing(string action, string key, string value)
    {
        var credentials = await IssueAsync("u-inject");
        var plain = await PostAsync(Body(credentials, action, Bucket + "/x"), _serviceKey);
        var injected = JsonSerializer.Serialize(new
        {
            accessKeyId = credentials.AccessKeyId,
            sessionToken = credentials.SessionToken,
            action,
            resource = Bucket + "/x",
            context = new Dictionary<string, object> { [key] = value },
        });

        var response = await PostAsync(injected, _serviceKey);

        Assert.Equal("ImplicitDeny", (await ReadAsync(plain))["decision"]!.GetValue<string>());
        Assert.Equal("ImplicitDeny", (await ReadAsync(response))["decision"]!.GetValue<string>());
    }

    [Fact]
    public async Task Authorize_OrganizationOfTheSession_IsItsOwnKeyNotAPrincipalTag()
    {
        var credentials = await IssueAsync("u-org");

        var response = await PostAsync(Body(credentials, "s3:GetObjectTagging", Bucket + "/x"), _serviceKey);

        Assert.Equal("Allow", (await ReadAsync(response))["decision"]!.GetValue<string>());
        Assert.Equal("o-exampleorg1", credentials.Claims.OrganizationId);
        Assert.DoesNotContain(credentials.Claims.PrincipalTags.Keys, k => k.StartsWith("aws:", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("action", "{0}\"action\":\"s3:Get%FFObject\"{1}")]
    [InlineData("action", "{0}\"action\":\"s3:GetObject%E2%82\"{1}")]
    [InlineData("resource", "{0}\"resource\":\"arn:aws:s3:::b/%C0%AF\"{1}")]
    [InlineData("context", "{0}\"action\":\"s3:GetObject\",\"context\":{{\"aws:%ED%A0%80\":\"1\"}}{1}")]
    [InlineData("context", "{0}\"action\":\"s3:GetObject\",\"context\":{{\"aws:SourceIp\":[\"10.0.0.1\",\"%C3%28\"]}}{1}")]
    [InlineData("name", "{0}\"act%FFion\":\"s3:GetObject\"{1}")]
    public async Task Authorize_InvalidUtf8AnywhereInTheBody_Returns400SayingSo(string where, string template)
    {
        var credentials = await IssueAsync("u-utf8-" + where);

        var response = await PostBytesAsync(Template(credentials, template), _serviceKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await ReadAsync(response);
        Assert.Equal("InvalidRequest", json["code"]!.GetValue<string>());
        Assert.Equal("body", json["field"]!.GetValue<string>());
        Assert.Contains("not valid UTF-8", json["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("action", "{0}\"action\":\"s3:\\ud800\"{1}")]
    [InlineData("accessKeyId", "\"accessKeyId\":\"ASIA\\udc00\",\"sessionToken\":\"t\",\"action\":\"s3:GetObject\"{1}")]
    [InlineData("context.aws:SourceIp", "{0}\"action\":\"s3:GetObject\",\"context\":{{\"aws:SourceIp\":\"\\uD83D\"}}{1}")]
    [InlineData("context.s3:prefix", "{0}\"action\":\"s3:GetObject\",\"context\":{{\"s3:prefix\":[\"a\",\"\\uDE00x\"]}}{1}")]
    [InlineData("context", "{0}\"action\":\"s3:GetObject\",\"context\":{{\"aws:\\ud800\":\"1\"}}{1}")]
    [InlineData("body", "{0}\"\\udfff\":1,\"action\":\"s3:GetObject\"{1}")]
    public async Task Authorize_EscapedLoneSurrogate_Returns400NamingTheField(string field, string template)
    {
        var credentials = await IssueAsync("u-surrogate-" + field.Replace(':', '-'));

        var response = await PostBytesAsync(Template(credentials, template), _serviceKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await ReadAsync(response);
        Assert.Equal(field, json["field"]!.GetValue<string>());
        Assert.Contains("lone surrogate", json["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A body from a template: {0} opens the object with the real credentials, {1} adds the resource and closes it;
    /// %HH is a raw byte, so the body can hold what no .NET string can.
    /// </summary>
    private static byte[] Template(RoleCredentials credentials, string template)
    {
        var open = $"{{\"accessKeyId\":\"{credentials.AccessKeyId}\",\"sessionToken\":\"{credentials.SessionToken}\",";
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, template.StartsWith("{0}", StringComparison.Ordinal) ? template : "{{" + template, open, ",\"resource\":\"*\"}");
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%')
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return [.. bytes];
    }

    private async Task<HttpResponseMessage> PostBytesAsync(byte[] body, string serviceKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/authorize", UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", serviceKey);
        return await _client.SendAsync(request);
    }

    private async Task<RoleCredentials> IssueAsync(string userId, string userName = "user")
    {
        _factory.Entitlements.Assign(userId, Account, RoleName);
        await using var scope = _factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<CredentialService>()
            .IssueAsync(new CredentialCaller(userId, userName, MfaPresent: true), Account, RoleName);
        return result.Credentials ?? throw new InvalidOperationException(result.Message);
    }

    private static string Body(RoleCredentials credentials, string action, string resource = "*", bool explain = false) =>
        JsonSerializer.Serialize(new { accessKeyId = credentials.AccessKeyId, sessionToken = credentials.SessionToken, action, resource, explain });

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<HttpResponseMessage> PostAsync(string body, string serviceKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/authorize", UriKind.Relative)) { Content = Json(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", serviceKey);
        return await _client.SendAsync(request);
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task AssertCredentialErrorAsync(HttpResponseMessage response, string code)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var json = await ReadAsync(response);
        Assert.Equal(code, json["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(json["message"]!.GetValue<string>()));
    }
}
