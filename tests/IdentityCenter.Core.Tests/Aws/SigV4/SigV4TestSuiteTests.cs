using System.Text;
using IdentityCenter.Core.Aws.SigV4;

namespace IdentityCenter.Core.Tests.Aws.SigV4;

/// <summary>
/// The scenarios of AWS's published Signature Version 4 test suite (vanilla GET/POST, query ordering,
/// encoded, unreserved and UTF-8 characters, duplicate, multi-line and padded headers, path
/// normalisation, form bodies, security tokens, presigned URLs, S3's unnormalised paths), written
/// here as our own cases. Each is signed at test time by botocore, AWS's signer, and must verify,
/// with the same canonical request botocore signed.
/// </summary>
public sealed class SigV4TestSuiteTests(SigV4TestSuiteTests.SignedSuite suite) : IClassFixture<SigV4TestSuiteTests.SignedSuite>
{
    private const string Host = "http://example.amazonaws.com";
    private const string Token = "AQoDYXdzEPT//////////wEXAMPLE+session/token=";

    private static readonly Scenario[] Scenarios =
    [
        new("get-vanilla", "GET", "/"),
        new("get-vanilla-query", "GET", "/?Param1=value1"),
        new("get-vanilla-query-order-key-case", "GET", "/?Param2=value2&Param1=value1"),
        new("get-vanilla-query-order-value", "GET", "/?Param1=value2&Param1=Value1"),
        new("get-vanilla-query-order-encoded", "GET", "/?Param-3=Value3&Param=Value2&%E1%88%B4=Value1"),
        new("get-vanilla-query-unreserved", "GET", "/?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
        new("get-vanilla-utf8-query", "GET", "/?%E1%88%B4=bar"),
        new("get-vanilla-query-reserved", "GET", "/?a%2Fb=c%3Dd%26e&space=%20x%20&plus=%2B"),
        new("get-vanilla-empty-query-value", "GET", "/?acl&Param1="),
        new("get-unreserved", "GET", "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
        new("get-utf8", "GET", "/%E1%88%B4"),
        new("get-space", "GET", "/example%20space/"),
        new("get-slash", "GET", "//"),
        new("get-slashes", "GET", "//example//"),
        new("get-slash-dot-slash", "GET", "/./"),
        new("get-slash-pointless-dot", "GET", "/./example"),
        new("get-relative", "GET", "/example/.."),
        new("get-relative-relative", "GET", "/example1/example2/../.."),
        new("get-service-prefix", "GET", "/ic/aws/sts/assignment/roles?account_id=111122223333"),
        new("get-header-key-duplicate", "GET", "/", [("My-Header1", "value2"), ("My-Header1", "value2"), ("My-Header1", "value1")]),
        new("get-header-value-multiline", "GET", "/", [("My-Header1", "value1\n  value2\n     value3")]),
        new("get-header-value-order", "GET", "/", [("My-Header1", "value4"), ("My-Header1", "value1"), ("My-Header1", "value3"), ("My-Header1", "value2")]),
        new("get-header-value-trim", "GET", "/", [("My-Header1", " value1"), ("My-Header2", " \"a   b   c\"")]),
        new("get-vanilla-with-session-token", "GET", "/") { Token = Token },
        new("post-vanilla", "POST", "/"),
        new("post-header-key-sort", "POST", "/", [("My-Header1", "value1")]),
        new("post-header-value-case", "POST", "/", [("My-Header1", "VALUE1")]),
        new("post-vanilla-query", "POST", "/?Param1=value1"),
        new("post-sts-header-before", "POST", "/") { Token = Token },
        new("post-sts-header-after", "POST", "/") { Token = Token, TokenAfterSigning = true, HeaderOnly = true },
        new("post-x-www-form-urlencoded", "POST", "/", [("Content-Type", "application/x-www-form-urlencoded")]) { Body = "Param1=value1", HeaderOnly = true },
        new("post-x-www-form-urlencoded-parameters", "POST", "/", [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")]) { Body = "Param1=value1", HeaderOnly = true },
        new("post-x-www-form-urlencoded-signed-body", "POST", "/", [("Content-Type", "application/x-www-form-urlencoded"), ("X-Amz-Content-SHA256", "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e")]) { Body = "Param1=value1", HeaderOnly = true },
        new("post-json-utf8-body", "POST", "/", [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "AWSIdentityStore.ListUsers")]) { Body = "{\"IdentityStoreId\":\"d-1234567890\",\"Name\":\"Zoë ሴ\"}", HeaderOnly = true },
        new("get-date-header", "GET", "/", [("Date", "Sun, 30 Aug 2015 12:36:00 GMT")]) { HeaderOnly = true },
        new("s3-get-slashes-unnormalized", "GET", "//example//") { S3 = true },
        new("s3-get-relative-relative-unnormalized", "GET", "/example1/example2/../..") { S3 = true },
        new("s3-get-slash-dot-slash-unnormalized", "GET", "/./") { S3 = true },
        new("s3-get-space", "GET", "/examplebucket/example%20space/") { S3 = true },
        new("s3-get-utf8-key", "GET", "/examplebucket/%E1%88%B4") { S3 = true },
        new("s3-list-objects", "GET", "/examplebucket?list-type=2&prefix=photos%2F2015%20%2B%20%24%26%27&max-keys=2") { S3 = true },
        new("s3-get-object-acl", "GET", "/examplebucket/photos/a%2Bb.jpg?acl") { S3 = true },
        new("s3-put-object", "PUT", "/examplebucket/test%24file.text", [("x-amz-storage-class", "REDUCED_REDUNDANCY")]) { S3 = true, Body = "Welcome to Amazon S3.", HeaderOnly = true },
        new("s3-put-object-unsigned-payload", "PUT", "/examplebucket/key", [("Content-Type", "text/plain")]) { S3 = true, Body = "unsigned body", UnsignedPayload = true, HeaderOnly = true },
        new("s3-get-with-session-token", "GET", "/examplebucket/key") { S3 = true, Token = Token },
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var scenario in Scenarios)
        {
            data.Add(scenario.Name, "header");
            if (!scenario.HeaderOnly)
            {
                data.Add(scenario.Name, "query");
            }
        }

        return data;
    }

    [BotocoreTheory]
    [MemberData(nameof(Cases))]
    public void Botocore_signed_scenario_verifies_with_the_same_canonical_request(string name, string mode)
    {
        var scenario = Scenarios.Single(s => s.Name == name);
        var signed = suite.Signed[$"{name}/{mode}"];
        var request = SigV4TestData.FromBotocore(signed, scenario.BodyBytes);
        var policy = SigV4TestData.Policy(scenario.S3 ? "s3" : "service", scenario.S3 ? SigV4Dialect.S3 : SigV4Dialect.Standard);

        var parsed = SigV4Verifier.Parse(request, policy, SigV4TestData.Time);
        Assert.True(parsed.Succeeded, parsed.Error?.ToString());
        Assert.Equal(mode == "query", parsed.Authorization!.IsPresigned);
        Assert.Equal(signed.CanonicalRequest, SigV4Verifier.CanonicalRequest(parsed.Authorization));

        var verification = new SigV4Verifier().Verify(parsed.Authorization, SigV4TestData.Secret);
        Assert.True(verification.Succeeded, verification.Error?.ToString());
        Assert.Equal(scenario.Token is null || scenario.TokenAfterSigning && mode == "query" ? null : scenario.Token, parsed.Authorization.SecurityToken);
    }

    [BotocoreTheory]
    [MemberData(nameof(Cases))]
    public void Botocore_signed_scenario_fails_with_another_secret(string name, string mode)
    {
        var scenario = Scenarios.Single(s => s.Name == name);
        var request = SigV4TestData.FromBotocore(suite.Signed[$"{name}/{mode}"], scenario.BodyBytes);
        var policy = SigV4TestData.Policy(scenario.S3 ? "s3" : "service", scenario.S3 ? SigV4Dialect.S3 : SigV4Dialect.Standard);

        var (error, _) = SigV4TestData.Verify(request, policy, SigV4TestData.Time, secret: SigV4TestData.Secret[..^1] + "Z");

        Assert.Equal(SigV4ErrorReason.SignatureDoesNotMatch, error?.Reason);
        Assert.Equal("SignatureDoesNotMatch", error!.Code);
    }

    /// <summary>Every scenario signed once, in one Python process, for both modes.</summary>
    public sealed class SignedSuite
    {
        private readonly Lazy<IReadOnlyDictionary<string, BotocoreSigned>> _signed = new(SignAll);

        internal IReadOnlyDictionary<string, BotocoreSigned> Signed => _signed.Value;

        private static IReadOnlyDictionary<string, BotocoreSigned> SignAll()
        {
            var cases = new List<BotocoreCase>();
            foreach (var scenario in Scenarios)
            {
                foreach (var mode in scenario.HeaderOnly ? ["header"] : new[] { "header", "query" })
                {
                    cases.Add(new BotocoreCase(
                        $"{scenario.Name}/{mode}",
                        scenario.Method,
                        Host + scenario.PathAndQuery,
                        [.. scenario.Headers.Select(h => new[] { h.Name, h.Value })],
                        scenario.S3 ? "s3" : "service",
                        "us-east-1",
                        SigV4TestData.Timestamp,
                        mode)
                    {
                        Body = scenario.Body is null ? null : Convert.ToBase64String(scenario.BodyBytes),
                        Token = scenario.Token,
                        TokenAfterSigning = scenario.TokenAfterSigning,
                        S3 = scenario.S3,
                        UnsignedPayload = scenario.UnsignedPayload,
                    });
                }
            }

            return Botocore.Sign(cases);
        }
    }

    private sealed record Scenario(string Name, string Method, string PathAndQuery, (string Name, string Value)[] Headers)
    {
        public Scenario(string name, string method, string pathAndQuery)
            : this(name, method, pathAndQuery, [])
        {
        }

        public string? Body { get; init; }

        public byte[] BodyBytes => Body is null ? [] : Encoding.UTF8.GetBytes(Body);

        public string? Token { get; init; }

        public bool TokenAfterSigning { get; init; }

        public bool S3 { get; init; }

        public bool UnsignedPayload { get; init; }

        public bool HeaderOnly { get; init; }
    }
}
