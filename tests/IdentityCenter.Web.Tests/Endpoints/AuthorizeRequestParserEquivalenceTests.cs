using System.Globalization;
using System.Text;
using IdentityCenter.Core.Aws.SigV4;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Web.Endpoints;

namespace IdentityCenter.Web.Tests.Endpoints;

/// <summary>
/// The <c>/api/authorize</c> body parser reads with <see cref="System.Text.Json.Utf8JsonReader"/> in one pass; it must answer
/// every body exactly as the <see cref="System.Text.Json.JsonDocument"/> parser it replaced
/// (<see cref="JsonDocumentAuthorizeRequestParser"/>): the same field and message for each bad input, the same question
/// for each good one. Checked on hand-written cases, on every prefix of the good bodies (truncated JSON), and on
/// seeded random byte changes.
/// </summary>
public sealed class AuthorizeRequestParserEquivalenceTests
{
    private const string Bare =
        """{"accessKeyId":"ASIAAAAAAAAAAAAAAAAA","sessionToken":"tok-en_1","action":"s3:GetObject","resource":"arn:aws:s3:::b/k","context":{"aws:SourceIp":"10.0.0.8","n":12.50,"t":true,"f":false,"list":["a",1,false]},"explain":true,"extra":{"x":[1,{"y":null}]}}""";

    private const string Signed =
        """{"action":"s3:PutObject","resource":"arn:aws:s3:::demo/analytics/r.csv","context":{"aws:SecureTransport":true},"signedRequest":{"method":"PUT","path":"/demo/analytics/r.csv","query":"X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIA%2F20260101%2Fus-east-1%2Fs3%2Faws4_request","headers":{"host":"127.0.0.1:5097","x-amz-meta":["one","two"]},"service":"s3","region":"us-east-1","unknown":[1,2]}}""";

    private const string SignedSts =
        """{"action":"sts:GetCallerIdentity","resource":"*","signedRequest":{"method":"POST","path":"/","headers":{"Host":"h","X-Amz-Date":"20260101T000000Z"},"payloadHash":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","service":"sts"},"accessKeyId":"ASIAAAAAAAAAAAAAAAAA"}""";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>
        {
            Bare, Signed, SignedSts,
            "", " ", "null", "[]", "[1,2", "1", "\"text\"", "{}", "{} x", "{}{}", "{\"a\":1,}", "{\"a\":1", "{'a':1}", "{\"a\":01}",
            "{\"accessKeyId\":1}", "{\"accessKeyId\":null,\"sessionToken\":\"t\"}", "{\"accessKeyId\":\"A\",\"sessionToken\":[1]}",
            "{\"accessKeyId\":\"A\",\"sessionToken\":\"t\",\"action\":\"s3\"}", "{\"accessKeyId\":\"A\",\"sessionToken\":\"t\",\"action\":\"s3:Get Object\",\"resource\":\"*\"}",
            "{\"accessKeyId\":\"A\",\"sessionToken\":\"t\",\"action\":\"s3:Get\",\"resource\":{}}",
            "{\"accessKeyId\":\"A\",\"sessionToken\":\"t\",\"action\":\"s3:Get\",\"resource\":\"*\",\"explain\":\"yes\"}",
            "{\"accessKeyId\":\"A\",\"sessionToken\":\"t\",\"action\":\"s3:Get\",\"resource\":\"*\",\"explain\":null}",
            "{\"accessKeyId\":\"A\",\"sessionToken\":\"t\",\"action\":\"s3:Get\",\"resource\":\"*\",\"context\":[]}",
            "{\"accessKeyId\":\"A\",\"sessionToken\":\"t\",\"action\":\"s3:Get\",\"resource\":\"*\",\"context\":{\"a\":{}}}",
            "{\"accessKeyId\":\"A\",\"sessionToken\":\"t\",\"action\":\"s3:Get\",\"resource\":\"*\",\"context\":{\"a\":null}}",
            "{\"accessKeyId\":\"A\",\"sessionToken\":\"t\",\"action\":\"s3:Get\",\"resource\":\"*\",\"context\":{\"a\":[[1]]}}",
            "{\"accessKeyId\":\"A\",\"sessionToken\":\"t\",\"action\":\"s3:Get\",\"resource\":\"*\",\"context\":{\"a\":[null]}}",
            "{\"accessKeyId\":\"A\",\"sessionToken\":\"t\",\"action\":\"s3:Get\",\"resource\":\"*\",\"context\":{\"\":\"1\"}}",
            "{\"accessKeyId\":\"A\",\"sessionToken\":\"t\",\"action\":\"s3:Get\",\"resource\":\"*\",\"context\":{\"a\":\"1\"},\"context\":null}",
            "{\"accessKeyId\":\"A\",\"sessionToken\":\"t\",\"action\":\"s3:Get\",\"resource\":\"*\",\"context\":{\"a\":1e400,\"b\":-0,\"c\":[1E+2,\"x\"]}}",
            "{\"accessKeyId\":\"A\",\"accessKeyId\":null,\"sessionToken\":\"t\",\"action\":\"s3:Get\",\"resource\":\"*\"}",
            "{\"\\u0061ction\":\"s3:Get\",\"accessKeyId\":\"A\",\"sessionToken\":\"t\",\"resource\":\"*\"}",
            "{\"action\":\"s3:\\ud800\",\"accessKeyId\":\"A\",\"sessionToken\":\"t\",\"resource\":\"*\"}",
            "{\"\\ud800\":1,\"action\":\"s3:Get\"}",
            "{\"other\\ud800\":{\"deep\":[1,2,3]},\"action\":\"s3:Get\"}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"accessKeyId\":\"A\",\"sessionToken\":\"t\",\"context\":{\"aws:\\ud800\":\"1\"}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"accessKeyId\":\"A\",\"sessionToken\":\"t\",\"context\":{\"k\":\"\\uDC00\"}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"accessKeyId\":\"A\",\"sessionToken\":\"t\",\"context\":{\"k\":[\"ok\",\"\\uD83D\"]}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"accessKeyId\":\"A\",\"sessionToken\":\"t\",\"context\":{\"k\":\"\\uD83D\\uDE00\"}}",
            "{\"a\":[[[[[[[[1]]]]]]]]}", "{\"a\":[[[[[[[1]]]]]]]}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"signedRequest\":1}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"signedRequest\":null,\"accessKeyId\":\"A\",\"sessionToken\":\"t\"}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"signedRequest\":{}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"signedRequest\":{\"method\":\"get\"}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"signedRequest\":{\"method\":\"GET\",\"path\":\"x\"}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"signedRequest\":{\"method\":\"GET\",\"path\":\"/x?y\"}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"signedRequest\":{\"method\":\"GET\",\"path\":\"/x\",\"headers\":[]}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"signedRequest\":{\"method\":\"GET\",\"path\":\"/x\",\"headers\":{}}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"signedRequest\":{\"method\":\"GET\",\"path\":\"/x\",\"headers\":{\"a b\":\"1\"}}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"signedRequest\":{\"method\":\"GET\",\"path\":\"/x\",\"headers\":{\"a\":1}}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"signedRequest\":{\"method\":\"GET\",\"path\":\"/x\",\"headers\":{\"a\":[\"1\",2]}}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"signedRequest\":{\"method\":\"GET\",\"path\":\"/x\",\"headers\":{\"a\":\"\\ud800\"}}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"signedRequest\":{\"method\":\"GET\",\"path\":\"/x\",\"headers\":{\"\\ud800\":\"1\"}}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"signedRequest\":{\"method\":\"GET\",\"path\":\"/x\",\"headers\":{\"h\":\"1\"}}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"signedRequest\":{\"method\":\"GET\",\"path\":\"/x\",\"headers\":{\"h\":\"1\"},\"service\":\"s 3\"}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"signedRequest\":{\"method\":\"GET\",\"path\":\"/x\",\"headers\":{\"h\":\"1\"},\"service\":\"sts\"}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"signedRequest\":{\"method\":\"GET\",\"path\":\"/x\",\"headers\":{\"h\":\"1\"},\"service\":\"s3\",\"region\":\"\"}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"signedRequest\":{\"method\":\"GET\",\"path\":\"/x\",\"headers\":{\"h\":\"1\"},\"service\":\"s3\",\"payloadHash\":\"xyz\"}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"signedRequest\":{\"method\":\"GET\",\"path\":\"/x\",\"query\":\"?a=1\",\"headers\":{\"h\":\"1\"},\"service\":\"s3\",\"payloadHash\":\"UNSIGNED-PAYLOAD\"}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"signedRequest\":{\"\\ud800\":1}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"signedRequest\":{\"method\":\"GET\",\"method\":\"PUT\",\"path\":\"/x\",\"headers\":{\"h\":\"1\"},\"service\":\"s3\"},\"sessionToken\":\"t\"}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"signedRequest\":{\"method\":\"GET\",\"path\":\"/x\",\"headers\":{\"h\":\"1\"},\"service\":\"s3\"},\"signedRequest\":null}",
            "{\"action\":\"s3:Get\",\"resource\":\"" + new string('r', 2049) + "\",\"accessKeyId\":\"A\",\"sessionToken\":\"t\"}",
            "{\"action\":\"s3:" + new string('a', 300) + "\",\"resource\":\"*\",\"accessKeyId\":\"A\",\"sessionToken\":\"t\"}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"accessKeyId\":\"A\",\"sessionToken\":\"t\",\"context\":{\"" + new string('k', 129) + "\":\"1\"}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"accessKeyId\":\"A\",\"sessionToken\":\"t\",\"context\":{" + string.Join(",", Enumerable.Range(0, 65).Select(i => $"\"k{i}\":\"v\"")) + "}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"signedRequest\":{\"method\":\"GET\",\"path\":\"/x\",\"service\":\"s3\",\"headers\":{" + string.Join(",", Enumerable.Range(0, 65).Select(i => $"\"h{i}\":\"v\"")) + "}}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"signedRequest\":{\"method\":\"GET\",\"path\":\"/x\",\"service\":\"s3\",\"headers\":{\"h\":[" + string.Join(",", Enumerable.Range(0, 70).Select(i => $"\"v{i}\"")) + "]}}}",
            "{\"action\":\"s3:Get\",\"resource\":\"*\",\"context\":{\"a\":{}},\"accessKeyId\":\"A\",\"sessionToken\":\"t\" trailing}",
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_HandWrittenBodies_SameAnswerAsTheDocumentParser(string body) => AssertSame(Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Parse_EveryPrefixOfGoodBodies_SameAnswerAsTheDocumentParser()
    {
        foreach (var body in new[] { Bare, Signed, SignedSts })
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            for (var length = 0; length <= bytes.Length; length++)
            {
                AssertSame(bytes.AsSpan(0, length).ToArray());
            }
        }
    }

    [Fact]
    public void Parse_RandomlyChangedBodies_SameAnswerAsTheDocumentParser()
    {
        var random = new Random(20261207);
        byte[] alphabet = "{}[]\":,\\ 0123456789-+.eEtrufalsn\u0001aZ"u8.ToArray();
        foreach (var body in new[] { Bare, Signed, SignedSts })
        {
            var original = Encoding.UTF8.GetBytes(body);
            for (var i = 0; i < 3000; i++)
            {
                var bytes = original.ToList();
                for (var changes = random.Next(1, 4); changes > 0; changes--)
                {
                    var at = random.Next(bytes.Count);
                    switch (random.Next(3))
                    {
                        case 0:
                            bytes[at] = alphabet[random.Next(alphabet.Length)];
                            break;
                        case 1:
                            bytes.RemoveAt(at);
                            break;
                        default:
                            bytes.Insert(at, alphabet[random.Next(alphabet.Length)]);
                            break;
                    }
                }

                AssertSame([.. bytes]);
            }
        }
    }

    private static void AssertSame(byte[] body)
    {
        var expected = Describe(JsonDocumentAuthorizeRequestParser.Parse(body, "10.0.0.8"));
        var actual = Describe(AuthorizeRequestParser.Parse(body, "10.0.0.8"));
        Assert.True(expected == actual, $"Body: {Encoding.UTF8.GetString(body)}\nExpected: {expected}\nActual:   {actual}");
    }

    /// <summary>Everything a parse answers, as text: the problem, or every member of the question.</summary>
    private static string Describe(ParsedAuthorizeRequest parsed)
    {
        if (parsed.Message is not null)
        {
            return $"fail {parsed.Field}: {parsed.Message}";
        }

        var text = new StringBuilder();
        if (parsed.Input is { } input)
        {
            text.Append(CultureInfo.InvariantCulture, $"bare {input.AccessKeyId}|{input.SessionToken}|{input.Action}|{input.Resource}|{input.Explain}|{input.SourceIpAddress}|");
            Append(text, input.Context);
        }

        if (parsed.Signed is { } signed)
        {
            var r = signed.Request;
            var p = signed.Policy;
            text.Append(CultureInfo.InvariantCulture, $"signed {r.Method}|{r.RawPath}|{r.RawQuery}|{r.PayloadSha256}|{string.Join(";", r.Headers.Select(h => h.Key + "=" + h.Value))}|");
            text.Append(CultureInfo.InvariantCulture, $"{p.Service}|{string.Join(",", p.Regions)}|{p.Dialect}|{p.MaxClockSkew}|{p.AllowPresigned}|");
            text.Append(CultureInfo.InvariantCulture, $"{signed.Action}|{signed.Resource}|{signed.Explain}|{signed.SourceIpAddress}|{signed.AccessKeyId}|{signed.SessionToken}|");
            Append(text, signed.Context);
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, RequestContext? context)
    {
        if (context is null)
        {
            text.Append("no context");
            return;
        }

        foreach (var (key, value) in context)
        {
            text.Append(key).Append('=').Append(value.IsMultivalued ? "[" + string.Join(",", Enumerable.Range(0, value.Count).Select(i => value[i])) + "]" : value.First).Append(';');
        }
    }

    [Fact]
    public void Parse_SignedRequestBody_ReadsEveryMember()
    {
        var parsed = AuthorizeRequestParser.Parse(Encoding.UTF8.GetBytes(Signed), null);

        var signed = Assert.IsType<IdentityCenter.Infrastructure.Credentials.SignedAuthorizeInput>(parsed.Signed);
        Assert.Equal("PUT", signed.Request.Method);
        Assert.Equal(new[] { "one", "two" }, signed.Request.Headers.Where(h => h.Key == "x-amz-meta").Select(h => h.Value));
        Assert.Equal(SigV4Dialect.S3, signed.Policy.Dialect);
        Assert.Equal(new[] { "us-east-1" }, signed.Policy.Regions);
        Assert.Equal("true", signed.Context!.GetString("aws:SecureTransport"));
    }
}
