using System.Security.Cryptography;
using System.Text;

namespace IdentityCenter.Core.Aws.SigV4;

/// <summary>
/// What S3's signed streaming uploads chain their chunk signatures from: the seed signature (the
/// request's own), the signing key, the request time and the credential scope.
/// Each chunk's string to sign is
/// <c>AWS4-HMAC-SHA256-PAYLOAD \n timestamp \n scope \n previous-signature \n SHA256("") \n SHA256(chunk)</c>
/// and the trailer's is <c>AWS4-HMAC-SHA256-TRAILER \n timestamp \n scope \n previous-signature \n SHA256(trailer lines)</c>.
/// </summary>
public sealed class SigV4ChunkContext
{
    private const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private readonly byte[] _signingKey;

    internal SigV4ChunkContext(byte[] signingKey, string timestamp, string scope, string seedSignature)
    {
        _signingKey = signingKey;
        Timestamp = timestamp;
        Scope = scope;
        SeedSignature = seedSignature;
    }

    public string Timestamp { get; }

    public string Scope { get; }

    /// <summary>The request signature, which the first chunk's signature chains from (lowercase hex).</summary>
    public string SeedSignature { get; }

    /// <summary>The signature a chunk with this data must carry, given the previous signature.</summary>
    public string ChunkSignature(string previousSignature, ReadOnlySpan<byte> chunk)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(chunk, hash);
        var stringToSign = $"AWS4-HMAC-SHA256-PAYLOAD\n{Timestamp}\n{Scope}\n{previousSignature}\n{EmptySha256}\n{Convert.ToHexStringLower(hash)}";
        return Sign(stringToSign);
    }

    /// <summary>The signature the trailer must carry; <paramref name="trailer"/> is the canonical trailer text (<c>name:value\n</c> per header).</summary>
    public string TrailerSignature(string previousSignature, ReadOnlySpan<byte> trailer)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(trailer, hash);
        var stringToSign = $"AWS4-HMAC-SHA256-TRAILER\n{Timestamp}\n{Scope}\n{previousSignature}\n{Convert.ToHexStringLower(hash)}";
        return Sign(stringToSign);
    }

    /// <summary>Constant-time comparison of a received signature with the expected one.</summary>
    public static bool SignaturesEqual(string expected, ReadOnlySpan<char> received)
    {
        ArgumentNullException.ThrowIfNull(expected);
        return received.Length == expected.Length
            && CryptographicOperations.FixedTimeEquals(
                MemoryExtensionsAsBytes(expected.AsSpan()),
                MemoryExtensionsAsBytes(received));
    }

    private static ReadOnlySpan<byte> MemoryExtensionsAsBytes(ReadOnlySpan<char> text) =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(text);

    private string Sign(string stringToSign)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_signingKey, Encoding.UTF8.GetBytes(stringToSign), mac);
        return Convert.ToHexStringLower(mac);
    }
}
