using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using IdentityCenter.Core.Organizations;

namespace IdentityCenter.Core.Credentials;

/// <summary>
/// One AES-256-GCM key for session tokens. <see cref="RetiredAt"/> is set when a newer key takes over
/// sealing; a retired key still opens tokens until they have all expired.
/// </summary>
public sealed class TokenKey
{
    public const int KeySizeBytes = 32;
    public const int MaxKeyIdLength = 32;

    private readonly byte[] _material;
    private readonly ConcurrentQueue<AesGcm> _pool = new();

    public TokenKey(string keyId, ReadOnlySpan<byte> material, DateTimeOffset createdAt, DateTimeOffset? retiredAt = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        if (keyId.Length > MaxKeyIdLength || keyId.Any(c => c is < '!' or > '~'))
        {
            throw new ArgumentException($"Key ids are 1-{MaxKeyIdLength} printable ASCII characters without spaces.", nameof(keyId));
        }

        if (material.Length != KeySizeBytes)
        {
            throw new ArgumentException($"Token keys are {KeySizeBytes} bytes (AES-256).", nameof(material));
        }

        KeyId = keyId;
        KeyIdBytes = Encoding.ASCII.GetBytes(keyId);
        _material = material.ToArray();
        CreatedAt = createdAt;
        RetiredAt = retiredAt;
    }

    public string KeyId { get; }

    internal byte[] KeyIdBytes { get; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset? RetiredAt { get; }

    /// <summary>The key bytes, for persisting the ring (keep them secret).</summary>
    public ReadOnlySpan<byte> Material => _material;

    public static TokenKey Create(IRandomSource random, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<byte> material = stackalloc byte[KeySizeBytes];
        random.Fill(material);
        return new TokenKey("k" + RandomStrings.Create(random, RandomStrings.LowerAlphanumeric, 7), material, now);
    }

    internal TokenKey Retire(DateTimeOffset at) => new(KeyId, _material, CreatedAt, at);

    // AesGcm instances are not safe for concurrent use, and creating one per call costs a native
    // context; a small pool per key keeps sealing and unsealing allocation-free in steady state. A lock-free
    // queue: ConcurrentBag locks its per-thread lists when they run low, which every request did here.
    internal AesGcm Rent() => _pool.TryDequeue(out var aes) ? aes : new AesGcm(_material, SessionTokenProtector.TagSize);

    internal void Return(AesGcm aes) => _pool.Enqueue(aes);
}
