using System.Collections.Frozen;
using IdentityCenter.Web.Aws.S3;
using Microsoft.AspNetCore.Http;

namespace IdentityCenter.Web.Tests.Aws.S3;

/// <summary>
/// The S3 endpoint routes on query parameter names read from the raw query (<see cref="S3QueryKeys"/>); they must be the
/// names ASP.NET Core's own query parser (<see cref="HttpRequest.Query"/>) sees, decoding included.
/// </summary>
public sealed class S3QueryKeysTests
{
    private static readonly FrozenSet<string> Known = new[] { "list-type", "prefix", "X-Amz-Signature" }.ToFrozenSet(StringComparer.Ordinal);

    public static TheoryData<string> Queries() =>
    [
        "",
        "?",
        "?policy",
        "?policy=",
        "?list-type=2&prefix=a%2Fb",
        "?acl&list-type=2",
        "?%61cl",
        "?po%6Cicy",
        "?a+b=1&prefix=x",
        "?&&prefix=1&&",
        "?X-Amz-Signature=abc&response-content-type=text%2Fplain",
        "?response-content-type=x&tagging",
        "?Prefix=1",
        "?%E2%82%AC=1",
        "?=novalue&prefix",
    ];

    [Theory]
    [MemberData(nameof(Queries))]
    public void Names_AreTheNamesAspNetCoreParses(string raw)
    {
        var parsed = new DefaultHttpContext { Request = { QueryString = new QueryString(raw.Length == 0 ? null : raw) } }.Request.Query;

        foreach (var name in new[] { "policy", "acl", "list-type", "prefix", "a b", "tagging", "Prefix", "€" })
        {
            Assert.Equal(parsed.ContainsKey(name), S3QueryKeys.Contains(raw, name));
        }

        var unknown = parsed.Keys.FirstOrDefault(k => k.Length > 0 && !Known.Contains(k) && !k.StartsWith("response-", StringComparison.Ordinal));
        Assert.Equal(unknown, S3QueryKeys.FirstUnknown(raw, Known, "response-"));
    }

    [Fact]
    public void Contains_MatchesWholeNamesInAnyCase()
    {
        Assert.True(S3QueryKeys.Contains("?policy", "policy"));
        Assert.True(S3QueryKeys.Contains("?Policy", "policy"));
        Assert.False(S3QueryKeys.Contains("?policyx", "policy"));
        Assert.False(S3QueryKeys.Contains("?x=policy", "policy"));
        Assert.False(S3QueryKeys.Contains(null, "policy"));
    }

    [Fact]
    public void FirstUnknown_NamesTheDecodedParameter()
    {
        Assert.Equal("acl", S3QueryKeys.FirstUnknown("?%61cl", Known, "response-"));
        Assert.Equal("tagging", S3QueryKeys.FirstUnknown("?prefix=a&tagging", Known, "response-"));
        Assert.Null(S3QueryKeys.FirstUnknown("?prefix=a&response-cache-control=no", Known, "response-"));
    }
}
