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
    private readonly ConcurrentBag<AesGcm> _pool = [];

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
    // context; a small pool per key keeps sealing and unsealing allocation-free in steady state.
    internal AesGcm Rent() => _pool.TryTake(out var aes) ? aes : new AesGcm(_material, SessionTokenProtector.TagSize);

    internal void Return(AesGcm aes) => _pool.Add(aes);
}

/// <summary>
/// The set of token keys: one active key seals new tokens, older keys keep opening the tokens they
/// sealed until <see cref="Prune"/> drops them once every such token has expired. Immutable: rotating
/// returns a new ring, which the caller persists and swaps in.
/// </summary>
public sealed class TokenKeyRing
{
    private readonly TokenKey[] _keys;

    public TokenKeyRing(IEnumerable<TokenKey> keys, string activeKeyId)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys.ToArray();
        if (_keys.Select(k => k.KeyId).Distinct(StringComparer.Ordinal).Count() != _keys.Length)
        {
            throw new ArgumentException("Key ids in a ring must be unique.", nameof(keys));
        }

        ActiveKey = _keys.SingleOrDefault(k => k.KeyId == activeKeyId)
            ?? throw new ArgumentException($"The active key '{activeKeyId}' is not in the ring.", nameof(activeKeyId));
    }

    public TokenKey ActiveKey { get; }

    public IReadOnlyList<TokenKey> Keys => _keys;

    public static TokenKeyRing CreateNew(IRandomSource random, DateTimeOffset now)
    {
        var key = TokenKey.Create(random, now);
        return new TokenKeyRing([key], key.KeyId);
    }

    /// <summary>A new ring whose new key seals from now on; the previous active key is retired at <paramref name="now"/>.</summary>
    public TokenKeyRing Rotate(IRandomSource random, DateTimeOffset now)
    {
        TokenKey fresh;
        do
        {
            fresh = TokenKey.Create(random, now);
        }
        while (_keys.Any(k => k.KeyId == fresh.KeyId));

        var keys = _keys.Select(k => k == ActiveKey ? k.Retire(now) : k).Append(fresh);
        return new TokenKeyRing(keys, fresh.KeyId);
    }

    /// <summary>
    /// Drops retired keys whose tokens have all expired: a key retired at R sealed nothing after R, so
    /// after R + <paramref name="maxTokenLifetime"/> (default 12 hours, the longest session) it opens nothing valid.
    /// </summary>
    public TokenKeyRing Prune(DateTimeOffset now, TimeSpan? maxTokenLifetime = null)
    {
        var lifetime = maxTokenLifetime ?? TimeSpan.FromHours(12);
        var kept = _keys.Where(k => k == ActiveKey || k.RetiredAt is null || k.RetiredAt.Value + lifetime > now).ToList();
        return kept.Count == _keys.Length ? this : new TokenKeyRing(kept, ActiveKey.KeyId);
    }

    internal TokenKey? Find(ReadOnlySpan<byte> keyId)
    {
        foreach (var key in _keys)
        {
            if (keyId.SequenceEqual(key.KeyIdBytes))
            {
                return key;
            }
        }

        return null;
    }
}

/// <summary>Where the current key ring comes from; the web layer swaps it on rotation.</summary>
public interface ITokenKeyRingProvider
{
    TokenKeyRing Current { get; }
}

/// <summary>A thread-safe holder of the current ring.</summary>
public sealed class TokenKeyRingHolder(TokenKeyRing initial) : ITokenKeyRingProvider
{
    private TokenKeyRing _current = initial ?? throw new ArgumentNullException(nameof(initial));

    public TokenKeyRing Current => Volatile.Read(ref _current);

    public void Replace(TokenKeyRing ring) => Volatile.Write(ref _current, ring ?? throw new ArgumentNullException(nameof(ring)));
}
