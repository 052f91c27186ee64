using IdentityCenter.Core.Organizations;

namespace IdentityCenter.Core.Credentials;

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
