using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace IdentityCenter.Core.Aws.SigV4;

/// <summary>
/// Derived SigV4 signing keys (<c>kSigning</c>), cached per access key, secret, date, region and
/// service so a verified request costs one HMAC for the key instead of four. The cache is bounded:
/// when full it is emptied and refills with the keys in use (keys change daily anyway).
/// The secret is part of the cache key, so a cached key never serves another secret.
/// </summary>
public sealed class SigV4SigningKeyCache(int capacity = SigV4SigningKeyCache.DefaultCapacity)
{
    public const int DefaultCapacity = 4096;
    private readonly ConcurrentDictionary<Entry, byte[]> _keys = new();

    public int Count => _keys.Count;

    /// <summary>The cached or freshly derived signing key (32 bytes); callers must not modify it.</summary>
    public byte[] Get(string accessKeyId, string secretAccessKey, string date, string region, string service)
    {
        var entry = new Entry(accessKeyId, secretAccessKey, date, region, service);
        if (_keys.TryGetValue(entry, out var key))
        {
            return key;
        }

        key = DeriveSigningKey(secretAccessKey, date, region, service);
        if (_keys.Count >= capacity)
        {
            _keys.Clear();
        }

        _keys[entry] = key;
        return key;
    }

    /// <summary>
    /// <c>kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")</c>.
    /// </summary>
    public static byte[] DeriveSigningKey(string secretAccessKey, string date, string region, string service)
    {
        ArgumentNullException.ThrowIfNull(secretAccessKey);
        var secret = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        try
        {
            Span<byte> key = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(date), key);
            HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region), key);
            HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service), key);
            HMACSHA256.HashData(key, "aws4_request"u8, key);
            return key.ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private readonly record struct Entry(string AccessKeyId, string Secret, string Date, string Region, string Service);
}
