using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using IdentityCenter.Core.Aws.SigV4;

namespace IdentityCenter.Benchmarks;

/// <summary>
/// Verifying a typical SigV4 request (an STS query-protocol POST signed with temporary credentials, as
/// the AWS CLI sends it): parse + canonical request + string to sign + one HMAC with a cached signing key.
/// </summary>
[MemoryDiagnoser]
public class SigV4Benchmarks
{
    private const string Secret = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly SigV4Verifier verifier = new();
    private readonly SigV4ServicePolicy policy = new("sts", ["us-east-1"]);
    private SigV4Request request = null!;
    private SigV4Request presigned = null!;

    [GlobalSetup]
    public void Setup()
    {
        var body = "Action=GetCallerIdentity&Version=2011-06-15"u8.ToArray();
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(420));
        request = Signed(new SigV4Request(
            "POST",
            "/aws/sts/",
            string.Empty,
            [
                new("Host", "identitycenter.example.com"),
                new("Accept-Encoding", "identity"),
                new("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                new("User-Agent", "aws-cli/2.9.19 Python/3.11.2 Linux/6.1.0 source/x86_64.debian.12 prompt/off command/sts.get-caller-identity"),
                new("X-Amz-Date", "20261123T120000Z"),
                new("X-Amz-Security-Token", token),
                new("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("Authorization", "AWS4-HMAC-SHA256 Credential=ASIAIOSFODNN7EXAMPLE/20261123/us-east-1/sts/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=" + new string('0', 64)),
            ])
        {
            Payload = body,
        });
        presigned = Signed(new SigV4Request(
            "GET",
            "/aws/sts/",
            "Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAIOSFODNN7EXAMPLE%2F20261123%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Date=20261123T120000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=" + new string('0', 64),
            [new("Host", "identitycenter.example.com"), new("User-Agent", "kubectl")])
        {
            Payload = Array.Empty<byte>(),
        });
    }

    /// <summary>Header authentication, signing key cached (the steady state).</summary>
    [Benchmark(Baseline = true)]
    public bool VerifyHeaderSigned()
    {
        var parsed = SigV4Verifier.Parse(request, policy, Now);
        return verifier.Verify(parsed.Authorization!, Secret).Succeeded;
    }

    /// <summary>A presigned URL (query-string authentication), signing key cached.</summary>
    [Benchmark]
    public bool VerifyPresigned()
    {
        var parsed = SigV4Verifier.Parse(presigned, policy, Now);
        return verifier.Verify(parsed.Authorization!, Secret).Succeeded;
    }

    /// <summary>The four HMACs of a signing key, paid once per key, day, region and service.</summary>
    [Benchmark]
    public byte[] DeriveSigningKey() => SigV4SigningKeyCache.DeriveSigningKey(Secret, "20261123", "us-east-1", "sts");

    /// <summary>Signs the request with the string to sign the verifier computed (the benchmark's own fixture, not product code).</summary>
    private SigV4Request Signed(SigV4Request unsigned)
    {
        var parsed = SigV4Verifier.Parse(unsigned, policy, Now);
        var stringToSign = verifier.Verify(parsed.Authorization!, Secret).Error!.StringToSign!;
        var key = SigV4SigningKeyCache.DeriveSigningKey(Secret, "20261123", "us-east-1", "sts");
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        var zeros = new string('0', 64);
        var signed = unsigned with
        {
            RawQuery = unsigned.RawQuery.Replace(zeros, signature, StringComparison.Ordinal),
            Headers = [.. unsigned.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.Replace(zeros, signature, StringComparison.Ordinal)))],
        };
        if (!verifier.Verify(SigV4Verifier.Parse(signed, policy, Now).Authorization!, Secret).Succeeded)
        {
            throw new InvalidOperationException("The benchmark request does not verify.");
        }

        return signed;
    }
}
