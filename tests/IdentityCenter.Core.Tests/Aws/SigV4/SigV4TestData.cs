using System.Globalization;
using IdentityCenter.Core.Aws.SigV4;

namespace IdentityCenter.Core.Tests.Aws.SigV4;

/// <summary>The example credentials and clock of AWS's documentation and test suite, and request helpers.</summary>
internal static class SigV4TestData
{
    public const string AccessKeyId = "AKIDEXAMPLE";
    public const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string Timestamp = "20150830T123600Z";
    public static readonly DateTimeOffset Time = At(Timestamp);

    public static DateTimeOffset At(string isoBasic) =>
        DateTimeOffset.ParseExact(isoBasic, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>A request from a URL (path and query kept exactly as written) and header fields in order.</summary>
    public static SigV4Request Request(string method, string url, IEnumerable<KeyValuePair<string, string>> headers, byte[]? body = null)
    {
        var uri = new Uri(url);
        var afterAuthority = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var pathAndQuery = afterAuthority[afterAuthority.IndexOf('/', StringComparison.Ordinal)..];
        var question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var list = headers.ToList();
        if (!list.Any(h => string.Equals(h.Key, "host", StringComparison.OrdinalIgnoreCase)))
        {
            list.Insert(0, new("Host", uri.IsDefaultPort ? uri.Host : uri.Authority));
        }

        return new SigV4Request(
            method,
            question < 0 ? pathAndQuery : pathAndQuery[..question],
            question < 0 ? string.Empty : pathAndQuery[(question + 1)..],
            list)
        {
            Payload = body ?? [],
        };
    }

    public static SigV4Request Request(string method, string url, params (string Name, string Value)[] headers) =>
        Request(method, url, headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)));

    public static SigV4Request Request(string method, string url, (string Name, string Value)[] headers, byte[] body) =>
        Request(method, url, headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)), body);

    public static SigV4Request FromBotocore(BotocoreSigned signed, byte[]? body) =>
        Request(signed.Method, signed.Url, signed.Headers.Select(h => new KeyValuePair<string, string>(h[0], h[1])), body);

    public static SigV4ServicePolicy Policy(string service = "service", SigV4Dialect dialect = SigV4Dialect.Standard, string region = "us-east-1") =>
        new(service, [region], dialect);

    /// <summary>Parses and verifies with a fixed secret (any access key id), returning the verification or the parse error.</summary>
    public static (SigV4Error? Error, SigV4Verification? Verification) Verify(SigV4Request request, SigV4ServicePolicy policy, DateTimeOffset now, string secret = Secret)
    {
        var parsed = SigV4Verifier.Parse(request, policy, now);
        if (parsed.Authorization is null)
        {
            return (parsed.Error, null);
        }

        var verification = new SigV4Verifier().Verify(parsed.Authorization, secret);
        return (verification.Error, verification);
    }
}
