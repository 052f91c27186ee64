using IdentityCenter.Core.Organizations;

namespace IdentityCenter.Core.Credentials;

/// <summary>
/// The set of token keys: one active key seals new tokens, older keys keep opening the tokens they
/// sealed until <see cref="Prune"/> drops them once every such token has expired. A scheduled rotation
/// first publishes the next key (<see cref="PublishNext"/>: it opens tokens but seals none), then, once
/// every instance has loaded it, makes it the sealing key (<see cref="PromoteNext"/>), so no instance
/// ever meets a token sealed by a key it does not know. Immutable: each change returns a new ring,
/// which the caller persists and swaps in.
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

    /// <summary>The published next key (neither sealing nor retired), or null.</summary>
    public TokenKey? NextKey => _keys.FirstOrDefault(k => k != ActiveKey && k.RetiredAt is null);

    public IReadOnlyList<TokenKey> Keys => _keys;

    public static TokenKeyRing CreateNew(IRandomSource random, DateTimeOffset now)
    {
        var key = TokenKey.Create(random, now);
        return new TokenKeyRing([key], key.KeyId);
    }

    /// <summary>
    /// A new ring whose new key seals from now on (a published next key is not used: this is the
    /// emergency path); the previous active key and any published next key are retired at <paramref name="now"/>.
    /// </summary>
    public TokenKeyRing Rotate(IRandomSource random, DateTimeOffset now)
    {
        var fresh = NewKey(random, now);
        var keys = _keys.Select(k => k.RetiredAt is null ? k.Retire(now) : k).Append(fresh);
        return new TokenKeyRing(keys, fresh.KeyId);
    }

    /// <summary>A ring with a fresh next key that opens tokens but seals none yet (unchanged when one is already published).</summary>
    public TokenKeyRing PublishNext(IRandomSource random, DateTimeOffset now) =>
        NextKey is not null ? this : new TokenKeyRing(_keys.Append(NewKey(random, now)), ActiveKey.KeyId);

    /// <summary>The published next key seals from now on; the previous active key is retired at <paramref name="now"/>.</summary>
    public TokenKeyRing PromoteNext(DateTimeOffset now)
    {
        var next = NextKey ?? throw new InvalidOperationException("No next key has been published.");
        return new TokenKeyRing(_keys.Select(k => k == ActiveKey ? k.Retire(now) : k), next.KeyId);
    }

    private TokenKey NewKey(IRandomSource random, DateTimeOffset now)
    {
        TokenKey fresh;
        do
        {
            fresh = TokenKey.Create(random, now);
        }
        while (_keys.Any(k => k.KeyId == fresh.KeyId));

        return fresh;
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
