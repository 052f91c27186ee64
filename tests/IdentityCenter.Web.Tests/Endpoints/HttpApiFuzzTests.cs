using System.Net.Http.Headers;
using System.Text.Json;
using CsCheck;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Web.Tests.Fakes;
using IdentityCenter.Web.Tests.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Endpoints;

/// <summary>
/// Every HTTP API of the app (read from its endpoint data source, so new ones are covered without editing this
/// test), called with random and mutated input: bodies that are mutations of a real authorize request, random JSON,
/// invalid UTF-8, lone surrogate escapes, deep nesting, huge numbers, wrong types, empty and truncated bodies, odd
/// content types and query strings; signed in as nobody, a portal user or an administrator, with good and bad service
/// keys. No answer may be a 5xx. Deterministic: a fixed seed and a fixed number of inputs.
/// </summary>
public sealed class HttpApiFuzzTests(CredentialsWebFactory factory) : IClassFixture<CredentialsWebFactory>, IAsyncLifetime
{
    private const int Inputs = 3000;
    private const ulong Seed = 0x1C_2026_1206;
    private const string Account = "777788889999";
    private const string RoleName = "FuzzRole";
    private const string PermissionSetId = "ps-7777777777777777";
    private const string UserId = "u-fuzz";

    private HttpClient _client = default!;
    private string _serviceKey = "";
    private byte[] _authorizeBody = [];

    public async Task InitializeAsync()
    {
        factory.Entitlements.AddRole(FakeEntitlementService.Grant(Account, RoleName, PermissionSetId, tags: new Dictionary<string, string> { ["team"] = "blue" }));
        factory.Entitlements.Assign(UserId, Account, RoleName);
        factory.PolicySets.Set(
            Account,
            PermissionSetId,
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","ec2:Describe*"],"Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"NumericLessThan":{"s3:max-keys":"10"},"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}},{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"arn:aws:s3:::${aws:PrincipalTag/team}-*"}]}""");
        _client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        await using var scope = factory.Services.CreateAsyncScope();
        _serviceKey = (await scope.ServiceProvider.GetRequiredService<ResourceServiceRegistry>().RegisterAsync("fuzz-" + Guid.NewGuid().ToString("N")[..8], null, allowBareTokens: true, Actor.System)).Value!.ApiKey;
        var credentials = (await scope.ServiceProvider.GetRequiredService<CredentialService>().IssueAsync(new CredentialCaller(UserId, "fuzzer", MfaPresent: true), Account, RoleName)).Credentials!;
        _authorizeBody = JsonSerializer.SerializeToUtf8Bytes(new
        {
            accessKeyId = credentials.AccessKeyId,
            sessionToken = credentials.SessionToken,
            action = "s3:ListBucket",
            resource = "arn:aws:s3:::blue-data/reports/2026.csv",
            context = new Dictionary<string, object> { ["aws:SourceIp"] = "10.1.2.3", ["s3:max-keys"] = 5, ["aws:SecureTransport"] = true, ["s3:prefix"] = new[] { "a", "b" } },
            explain = true,
        });
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task EveryApiEndpoint_RandomAndMutatedInput_NeverAnswers5xx()
    {
        var endpoints = AppEndpoints.Apis(factory.Services);
        Assert.Contains(endpoints, e => e.Pattern == "/api/authorize");
        Assert.Contains(endpoints, e => e.Pattern == "/api/portal/credentials");
        Assert.True(endpoints.Count < 60, "Static assets or pages were taken for APIs: " + string.Join(", ", endpoints));

        var requests = Gen.Select(
            Gen.OneOf([.. endpoints]),
            GenQuery(endpoints),
            GenBody(_authorizeBody),
            FuzzGen.ContentType,
            GenCaller,
            (endpoint, query, body, contentType, caller) => new FuzzRequest(endpoint, query, body, contentType, caller));
        var pcg = new PCG(1, Seed);
        var answered = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Inputs; i++)
        {
            var input = requests.Generate(pcg, null, out _);
            var method = input.Endpoint.Methods[i % input.Endpoint.Methods.Count];
            using var request = input.ToRequest(method, _serviceKey);
            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(request);
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"Input {i} ({method} {input}) failed inside the app: {ex}");
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (status >= 500)
                {
                    var text = await response.Content.ReadAsStringAsync();
                    Assert.Fail($"Input {i} ({method} {input}) answered {status}: {text[..Math.Min(text.Length, 1500)]}");
                }

                var key = $"{input.Endpoint.Pattern} {status}";
                answered[key] = answered.GetValueOrDefault(key) + 1;
            }
        }

        // The inputs reach the handlers, not only the front door: some requests were accepted and some refused as bad input.
        Assert.Contains(answered, a => a.Key == "/api/authorize 200");
        Assert.Contains(answered, a => a.Key == "/api/authorize 400");
        Assert.Contains(answered, a => a.Key == "/api/portal/credentials 200");
    }

    private sealed record FuzzRequest(ApiEndpoint Endpoint, string Query, byte[] Body, string? ContentType, int Caller)
    {
        public HttpRequestMessage ToRequest(string method, string serviceKey)
        {
            var path = string.Concat(Endpoint.Endpoint.RoutePattern.PathSegments.Select(segment => "/" + string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
                _ => Uri.EscapeDataString(Query.Length > 0 ? Query[..Math.Min(Query.Length, 12)] : "x"),
            }))));
            var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path + (Query.Length > 0 ? "?" + Query : ""), UriKind.Relative));
            if ((method != "GET" && method != "HEAD") || Body.Length > 0)
            {
                request.Content = new ByteArrayContent(Body);
                if (ContentType is not null)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
                }
            }

            // Callers: anonymous, a portal user, an administrator, each with a valid, a wrong or no service key.
            if (Caller % 3 == 1)
            {
                request.Headers.Add(HeaderAuthenticationHandler.Header, UserId + ":fuzzer");
            }
            else if (Caller % 3 == 2)
            {
                request.Headers.Add(HeaderAuthenticationHandler.Header, UserId + ":fuzzer");
                request.Headers.Add(HeaderAuthenticationHandler.AdminHeader, "true");
            }

            if (Caller / 3 == 0)
            {
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + serviceKey);
            }
            else if (Caller / 3 == 1)
            {
                request.Headers.TryAddWithoutValidation("Authorization", Caller % 2 == 0 ? "Bearer icsk_" + new string('A', 40) : "Basic Zm9vOmJhcg==");
            }

            return request;
        }

        public override string ToString()
        {
            return $"{Endpoint.Pattern}?{Query} caller={Caller} type={ContentType ?? "(none)"} {FuzzGen.Describe(Body)}";
        }
    }

    private static readonly Gen<int> GenCaller = Gen.Int[0, 8];

    private static readonly string[] Known = [RoleName, Account, "csv", "jsonl"];

    private static readonly string[] ContextKeys = ["aws:SourceIp", "aws:CurrentTime", "aws:EpochTime", "s3:max-keys", "s3:prefix", "aws:PrincipalTag/team", "aws:MultiFactorAuthPresent", "aws:SecureTransport"];

    private static Gen<string> GenQuery(IReadOnlyList<ApiEndpoint> endpoints) => FuzzGen.Query(
        endpoints.SelectMany(e => e.ParameterNames).Concat(["format", "from", "to", "eventName", "user", "outcome", "account_id", "role_name", "next_token", "max_result"]),
        $"account_id={Account}&role_name={RoleName}",
        Known);

    private static Gen<byte[]> GenBody(byte[] seed) => FuzzGen.Body(seed, ContextKeys, Known);
}
