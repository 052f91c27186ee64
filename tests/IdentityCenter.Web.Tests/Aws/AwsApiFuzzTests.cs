using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using IdentityCenter.Web.Tests.TestHost;
using Microsoft.AspNetCore.Routing;

namespace IdentityCenter.Web.Tests.Aws;

/// <summary>
/// Every AWS-compatible endpoint under <c>/aws</c> (read from the app's endpoint data source, so new ones are covered
/// without editing this test), over real HTTP to Kestrel, with random and mutated input: bodies derived from real
/// valid requests (members swapped for wrong types, invalid UTF-8, lone surrogate escapes, huge numbers, truncation),
/// odd content types, query strings, and random headers including <c>x-amz-sso_bearer_token</c> values (valid,
/// mutated, random). No answer may be a 5xx, and every error answer is what the SDKs parse: an
/// <c>x-amzn-ErrorType</c> header naming one of the operation's errors and the model's JSON body
/// (<c>{"error","error_description"}</c> for SSO-OIDC, <c>{"message"}</c> for the portal API).
/// Deterministic: a fixed seed and a fixed number of inputs.
/// </summary>
public sealed class AwsApiFuzzTests(AwsApiFuzzTests.Host host) : IClassFixture<AwsApiFuzzTests.Host>
{
    private const int Inputs = 2500;
    private const ulong Seed = 0xA3_2026_1207;

    /// <summary>Rate limits far above what the fuzzer sends, so that the inputs reach the handlers.</summary>
    public sealed class Host() : AwsApiHost(new Dictionary<string, string>
    {
        ["IdentityCenter:RateLimits:Credentials:PermitLimit"] = "1000000",
        ["IdentityCenter:RateLimits:SignIn:PermitLimit"] = "1000000",
    });

    /// <summary>The errors each operation's service model declares (botocore's sso and sso-oidc service-2.json), by route.</summary>
    private static readonly Dictionary<string, string[]> ModelErrors = new(StringComparer.Ordinal)
    {
        ["/aws/oidc/client/register"] = ["InvalidRequestException", "InvalidScopeException", "InvalidClientMetadataException", "InternalServerException", "InvalidRedirectUriException", "UnsupportedGrantTypeException", "SlowDownException"],
        ["/aws/oidc/device_authorization"] = ["InvalidRequestException", "InvalidClientException", "UnauthorizedClientException", "SlowDownException", "InternalServerException"],
        ["/aws/oidc/token"] = ["InvalidRequestException", "InvalidClientException", "InvalidGrantException", "UnauthorizedClientException", "UnsupportedGrantTypeException", "InvalidScopeException", "AuthorizationPendingException", "SlowDownException", "AccessDeniedException", "ExpiredTokenException", "InternalServerException"],

        // ForbiddenException is not a shape of the published model but what AWS answers for a role the user lacks (issue 10).
        ["/aws/sso/federation/credentials"] = ["InvalidRequestException", "UnauthorizedException", "TooManyRequestsException", "ResourceNotFoundException", "ForbiddenException"],
        ["/aws/sso/assignment/accounts"] = ["InvalidRequestException", "UnauthorizedException", "TooManyRequestsException", "ResourceNotFoundException"],
        ["/aws/sso/assignment/roles"] = ["InvalidRequestException", "UnauthorizedException", "TooManyRequestsException", "ResourceNotFoundException", "ForbiddenException"],
        ["/aws/sso/logout"] = ["InvalidRequestException", "UnauthorizedException", "TooManyRequestsException"],
    };

    [Fact]
    public async Task EveryAwsEndpoint_RandomAndMutatedInput_NeverAnswers5xx_ErrorsAsTheModelSays()
    {
        await host.EnsureSeededAsync();
        var endpoints = AppEndpoints.Apis(host.Services).Where(e => e.Pattern.StartsWith("/aws/", StringComparison.Ordinal)).ToList();
        Assert.Contains(endpoints, e => e.Pattern == "/aws/oidc/token");
        Assert.Contains(endpoints, e => e.Pattern == "/aws/sso/federation/credentials");

        // Real, valid requests to start from: a registered client, a pending device code, a refresh token, a bearer token.
        var (client, token, _) = await host.SignInCliAsync("ana.admin");
        var (_, logoutToken, _) = await host.SignInCliAsync("ana.admin");
        var (refreshClient, refreshToken, _) = await host.SignInCliAsync("ana.admin");
        using var oidc = host.OidcClient();
        var device = await oidc.StartDeviceAuthorizationAsync(new() { ClientId = client.ClientId, ClientSecret = client.ClientSecret, StartUrl = host.StartUrl });
        using var sso = host.SsoClient();
        var account = (await sso.ListAccountsAsync(new() { AccessToken = token.AccessToken })).AccountList[0].AccountId;
        var role = (await sso.ListAccountRolesAsync(new() { AccessToken = token.AccessToken, AccountId = account })).RoleList[0].RoleName;
        string[] known = [account, role, client.ClientId, device.DeviceCode, device.UserCode, host.StartUrl, "public", "sso:account:access", "refresh_token", "authorization_code", "urn:ietf:params:oauth:grant-type:device_code", "http://127.0.0.1:1234/oauth/callback"];

        var seeds = new Dictionary<string, byte[][]>(StringComparer.Ordinal)
        {
            ["/aws/oidc/client/register"] = [Json(new { clientName = "fuzz", clientType = "public", scopes = new[] { "sso:account:access" } }),
                Json(new { clientName = "fuzz", clientType = "public", scopes = new[] { "sso:account:access" }, grantTypes = new[] { "authorization_code", "refresh_token" }, redirectUris = new[] { "http://127.0.0.1:1234/oauth/callback" }, issuerUrl = host.StartUrl })],
            ["/aws/oidc/device_authorization"] = [Json(new { clientId = client.ClientId, clientSecret = client.ClientSecret, startUrl = host.StartUrl })],
            ["/aws/oidc/token"] = [Json(new { clientId = client.ClientId, clientSecret = client.ClientSecret, grantType = "urn:ietf:params:oauth:grant-type:device_code", deviceCode = device.DeviceCode }),
                Json(new { clientId = refreshClient.ClientId, clientSecret = refreshClient.ClientSecret, grantType = "refresh_token", refreshToken = refreshToken.RefreshToken, scope = new[] { "sso:account:access" } }),
                Json(new { clientId = client.ClientId, clientSecret = client.ClientSecret, grantType = "authorization_code", code = "c0de", redirectUri = "http://127.0.0.1:1234/oauth/callback", codeVerifier = new string('v', 43) })],
        };
        var bodies = endpoints.ToDictionary(
            e => e.Pattern,
            e => seeds.TryGetValue(e.Pattern, out var s) ? Gen.OneOf([.. s.Select(seed => FuzzGen.Body(seed, null, known))]) : FuzzGen.Body(Json(new { }), null, known),
            StringComparer.Ordinal);
        var query = FuzzGen.Query(
            endpoints.SelectMany(e => e.ParameterNames).Concat(["account_id", "role_name", "next_token", "max_result", "aws_iam", "client_id", "redirect_uri", "response_type", "scopes"]),
            $"account_id={account}&role_name={Uri.EscapeDataString(role)}&max_result=1",
            known);

        var requests = Gen.Select(Gen.OneOf([.. endpoints]), query, Gen.Int[0, 1000], FuzzGen.ContentType, GenHeaders(token.AccessToken), (endpoint, q, bodySeed, contentType, headers) =>
            new FuzzRequest(endpoint, q, bodies[endpoint.Pattern].Generate(new PCG((uint)bodySeed, Seed), null, out _), contentType, headers));

        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseUrl };
        var pcg = new PCG(1, Seed);
        var answered = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Inputs; i++)
        {
            var input = requests.Generate(pcg, null, out _);
            var method = input.Endpoint.Methods[i % input.Endpoint.Methods.Count];

            // Logging out with the token the other inputs use would end their session: logout gets its own.
            using var request = input.ToRequest(method, input.Endpoint.Pattern == "/aws/sso/logout" ? (token.AccessToken, logoutToken.AccessToken) : null);
            using var response = await http.SendAsync(request);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            if (status >= 500)
            {
                Assert.Fail($"Input {i} ({method} {input}) answered {status}: {text[..Math.Min(text.Length, 1500)]}");
            }

            if (status >= 400 && ModelErrors.TryGetValue(input.Endpoint.Pattern, out var errors))
            {
                var errorType = response.Headers.TryGetValues(AwsSsoEndpoints.ErrorTypeHeader, out var values) ? string.Join(",", values) : null;
                Assert.True(errorType is not null && errors.Contains(errorType), $"Input {i} ({method} {input}) answered {status} with x-amzn-ErrorType '{errorType}', not one of the model's errors: {text}");
                var body = JsonNode.Parse(text)?.AsObject();
                Assert.NotNull(body);
                var shapeOk = input.Endpoint.Pattern.StartsWith(AwsSsoEndpoints.OidcPrefix, StringComparison.Ordinal)
                    ? body["error"] is JsonValue code && code.GetValueKind() == JsonValueKind.String && body["error_description"] is JsonValue description && description.GetValueKind() == JsonValueKind.String
                    : body["message"] is JsonValue message && message.GetValueKind() == JsonValueKind.String;
                Assert.True(shapeOk, $"Input {i} ({method} {input}) answered {status} with a body the model does not describe: {text}");
                Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
            }

            var key = $"{input.Endpoint.Pattern} {status}";
            answered[key] = answered.GetValueOrDefault(key) + 1;
        }

        // The inputs reach the handlers, not only the front door: some requests were accepted and some refused as bad input.
        var summary = string.Join(", ", answered.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}×{a.Value}"));
        foreach (var expected in new[] { "/aws/oidc/client/register 200", "/aws/oidc/client/register 400", "/aws/oidc/device_authorization 200", "/aws/oidc/token 400", "/aws/oidc/token 401", "/aws/sso/assignment/accounts 200", "/aws/sso/assignment/roles 200", "/aws/sso/federation/credentials 200", "/aws/sso/federation/credentials 401", "/aws/sso/logout 200" })
        {
            Assert.True(answered.ContainsKey(expected), $"No input got '{expected}': {summary}");
        }
    }

    private static byte[] Json(object value) => JsonSerializer.SerializeToUtf8Bytes(value);

    /// <summary>Printable ASCII (what HTTP header values may hold), random or around a real token.</summary>
    private static Gen<(string Name, string Value)[]> GenHeaders(string validToken)
    {
        var printable = Gen.Char[' ', '~'].Array[0, 64].Select(chars => new string(chars).Trim());
        var mutatedToken = Gen.Select(Gen.Int[0, validToken.Length - 1], Gen.Char['!', '~'], (at, c) => validToken[..at] + c + validToken[(at + 1)..]);
        var token = Gen.Frequency(
            (4, Gen.Const(validToken)),
            (2, mutatedToken),
            (1, Gen.Int[0, validToken.Length].Select(n => validToken[..n])),
            (1, Gen.Int[1, 8000].Select(n => new string('A', n))),
            (2, printable),
            (1, Gen.OneOf("", "null", "Bearer " + validToken, validToken + "," + validToken, "%00", "eyJhbGciOiJub25lIn0.e30.", "aoa" + validToken)));
        var bearer = token.Select(value => (AwsSsoEndpoints.BearerHeader, value));
        var other = Gen.Select(
            Gen.OneOf("Authorization", "User-Agent", "x-amz-user-agent", "amz-sdk-invocation-id", "amz-sdk-request", "X-Forwarded-For", "Accept", "Accept-Language", "x-amz-date", "X-Amz-Security-Token", "x-amzn-RequestId", "Origin", "Cookie"),
            Gen.Frequency((3, printable), (1, Gen.OneOf("Bearer " + validToken, "AWS4-HMAC-SHA256 Credential=ASIA/20260101/us-east-1/sso/aws4_request, SignedHeaders=host, Signature=00", "*/*", "\"", "a=b; c"))),
            (name, value) => (name, value));
        return Gen.Frequency(
            (4, bearer.Array[1, 1]),
            (1, bearer.Array[2, 2]),
            (2, Gen.Select(bearer, other.Array[1, 3], (b, rest) => (IEnumerable<(string, string)>)[b, .. rest]).Select(h => h.ToArray())),
            (1, other.Array[0, 3]));
    }

    private sealed record FuzzRequest(ApiEndpoint Endpoint, string Query, byte[] Body, string? ContentType, (string Name, string Value)[] Headers)
    {
        public HttpRequestMessage ToRequest(string method, (string From, string To)? tokenSwap)
        {
            // Kestrel refuses a request line over 8 KB itself (414, before any endpoint): the query stays under it.
            var query = Query.Length > 6000 ? Query[..6000] : Query;
            var request = new HttpRequestMessage(new HttpMethod(method), new Uri(Endpoint.Pattern.TrimStart('/') + (query.Length > 0 ? "?" + query : ""), UriKind.Relative));
            if ((method != "GET" && method != "HEAD") || Body.Length % 3 == 0)
            {
                request.Content = new ByteArrayContent(Body);
                if (ContentType is not null)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
                }
            }

            foreach (var (name, value) in Headers)
            {
                request.Headers.TryAddWithoutValidation(name, tokenSwap is { } swap ? value.Replace(swap.From, swap.To, StringComparison.Ordinal) : value);
            }

            return request;
        }

        public override string ToString() =>
            $"{Endpoint.Pattern}?{Query[..Math.Min(Query.Length, 300)]} type={ContentType ?? "(none)"} headers=[{string.Join("; ", Headers.Select(h => h.Name + ": " + h.Value[..Math.Min(h.Value.Length, 80)]))}] {FuzzGen.Describe(Body)}";
    }
}
