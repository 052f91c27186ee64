using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CsCheck;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Web.Tests.Fakes;
using IdentityCenter.Web.Tests.Infrastructure;
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
        _serviceKey = (await scope.ServiceProvider.GetRequiredService<ResourceServiceRegistry>().RegisterAsync("fuzz-" + Guid.NewGuid().ToString("N")[..8], null, Actor.System)).Value!.ApiKey;
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
            GenContentType,
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
            var body = Encoding.UTF8.GetString(Body);
            return $"{Endpoint.Pattern}?{Query} caller={Caller} type={ContentType ?? "(none)"} body[{Body.Length}]={body[..Math.Min(body.Length, 300)]} hex={Convert.ToHexString(Body.AsSpan(0, Math.Min(Body.Length, 120)))}";
        }
    }

    private static readonly Gen<int> GenCaller = Gen.Int[0, 8];

    private static readonly Gen<string?> GenContentType = Gen.OneOf<string?>(
        "application/json", "application/json; charset=utf-8", "application/json; charset=utf-16", "text/plain",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream", ";;;", null);

    /// <summary>Text that tends to break things: escapes, surrogates, control characters, very long runs.</summary>
    private static readonly Gen<string> GenNastyText = Gen.Frequency(
        (4, Gen.String[0, 24]),
        (2, Gen.OneOf("", " ", "*", "s3:GetObject", "arn:aws:s3:::b/*", "111122223333", RoleName, Account, "\u0000", "\uFFFD", "\uD83D\uDE00", "💥", "é", "${aws:username}", "null", "true", "-1", "1e999", "%", "%zz", "%FF", "%C0%AF", "%ED%A0%80", "../..", "' OR 1=1 --", "<script>")),
        (1, Gen.Int[100, 20_000].Select(n => new string('a', n))));

    private static Gen<string> GenQuery(IReadOnlyList<ApiEndpoint> endpoints)
    {
        var names = endpoints.SelectMany(e => e.ParameterNames)
            .Concat(["format", "from", "to", "eventName", "user", "outcome", "account_id", "role_name", "next_token", "max_result"])
            .Distinct(StringComparer.Ordinal).ToArray();
        var name = Gen.Frequency((3, Gen.OneOf(names)), (1, Gen.String[0, 10].Select(s => Uri.EscapeDataString(s))));
        var value = Gen.Frequency(
            (3, GenNastyText.Select(s => Uri.EscapeDataString(s))),
            (1, Gen.OneOf("%", "%zz", "%FF%FE", "%C0%AF", "%ED%A0%80", "%00", "csv", "jsonl", "2026-01-01", "2026-13-45T99:99", Account, RoleName, "+", "&&", "==")));
        var random = Gen.Select(name, value).Array[0, 5].Select(pairs => string.Join('&', pairs.Select(p => p.Item1 + "=" + p.Item2)));
        return Gen.Frequency((1, Gen.Const($"account_id={Account}&role_name={RoleName}")), (4, random));
    }

    private static Gen<string> GenJsonValue(int depth) => depth == 0
        ? Gen.Frequency(
            (3, GenNastyText.Select(s => JsonSerializer.Serialize(s))),
            (1, Gen.OneOf("\"\\ud800\"", "\"a\\udc00b\"", "\"\\uD83D\"", "\"\\u0000\"", "\"\\x\"")),
            (2, Gen.OneOf("0", "-0", "1e999999", "-1e-999999", "123456789012345678901234567890123456789", "1.7976931348623157e309", "NaN", "Infinity", "0x10", "01", "1.", ".5")),
            (1, Gen.Long.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            (1, Gen.OneOf("true", "false", "null")))
        : Gen.Frequency(
            (3, GenJsonValue(0)),
            (1, GenJsonValue(depth - 1).Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (2, Gen.Select(GenNastyText, GenJsonValue(depth - 1)).Array[0, 5].Select(members =>
                "{" + string.Join(",", members.Select(m => JsonSerializer.Serialize(m.Item1) + ":" + m.Item2)) + "}")));

    private static Gen<byte[]> GenBody(byte[] seed)
    {
        // The real request's members as raw JSON, so that one of them can be swapped for something else.
        var members = System.Text.Json.Nodes.JsonNode.Parse(seed)!.AsObject().ToDictionary(m => m.Key, m => m.Value!.ToJsonString(), StringComparer.Ordinal);
        string Compose(string field, string value, bool inContext) => "{" + string.Join(",", members.Select(m =>
            JsonSerializer.Serialize(m.Key) + ":" + (m.Key == field && !inContext ? value
                : m.Key == "context" && inContext ? "{" + JsonSerializer.Serialize(field) + ":" + value + "," + m.Value[1..]
                : m.Value))) + "}";

        // One member (or one condition key) replaced by another value: wrong type, odd text, a lone surrogate escape.
        var contextKeys = Gen.Frequency((2, Gen.OneOf("aws:SourceIp", "aws:CurrentTime", "aws:EpochTime", "s3:max-keys", "s3:prefix", "aws:PrincipalTag/team", "aws:MultiFactorAuthPresent", "aws:SecureTransport")), (1, GenNastyText));
        var replaced = Gen.Frequency(
            (2, Gen.Select(Gen.OneOf([.. members.Keys]), GenJsonValue(2), (field, value) => Compose(field, value, inContext: false))),
            (2, Gen.Select(contextKeys, GenJsonValue(1), (key, value) => Compose(key, value, inContext: true))))
            .Select(json => Encoding.UTF8.GetBytes(json));

        // The real request with bytes overwritten, inserted (invalid UTF-8 among them), removed or cut off.
        var mutated = Gen.Select(Gen.Int[0, 4], Gen.Int[0, seed.Length], Gen.Byte.Array[1, 4], Gen.Int[1, 40], (kind, at, bytes, count) => kind switch
        {
            0 => Concat(seed[..at], bytes, seed[Math.Min(seed.Length, at + bytes.Length)..]),
            1 => Concat(seed[..at], bytes, seed[at..]),
            2 => Concat(seed[..at], seed[Math.Min(seed.Length, at + count)..]),
            3 => seed[..at],
            _ => Concat(seed[..at], [0xC3, 0x28, 0xED, 0xA0, 0x80, 0xFF], seed[at..]),
        });

        var special = Gen.Frequency(
            (1, Gen.Int[1, 200_000].Select(n => Encoding.UTF8.GetBytes(new string('[', n) + new string(']', n)))),
            (1, Gen.Int[1, 5_000].Select(n => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", n)) + "1" + new string('}', n)))),
            (1, Gen.Int[60_000, 80_000].Select(n => Encoding.UTF8.GetBytes("{\"action\":\"" + new string('x', n) + "\"}"))),
            (1, Gen.OneOf<byte[]>([], " "u8.ToArray(), "null"u8.ToArray(), "{}"u8.ToArray(), "[]"u8.ToArray(), "\"x\""u8.ToArray(), [0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}'], [0xFF, 0xFE, (byte)'{', 0, (byte)'}', 0], [0])));

        return Gen.Frequency(
            (4, mutated),
            (4, replaced),
            (2, GenJsonValue(3).Select(json => Encoding.UTF8.GetBytes(json))),
            (1, special),
            (1, Gen.Byte.Array[0, 300]),
            (1, Gen.Const(seed)));
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
