using System.Collections.Concurrent;

namespace IdentityCenter.Core.Credentials;

/// <summary>
/// The tokens <see cref="SessionTokenProtector"/> opened recently, so a client signing request after request with the
/// same credentials costs one dictionary lookup instead of an AES-GCM decryption. Keyed by the exact token text (ordinal:
/// another token, even one character apart, is another entry, so an entry never answers for another token); only
/// tokens that opened (authentic, unexpired) are kept, failures never. An entry is used only while the key that opened it
/// is still in the ring (<see cref="Entry.IsUsable"/>), and expiry is checked at every use by the protector. Revocation is not
/// the cache's business: <see cref="SessionCredentialValidator"/> checks the snapshot on every request, cached or not.
/// <para>Bounded without a lock: two generations of at most half the capacity each. New entries go into the current
/// one; when it is full it becomes the previous one (the older previous one is dropped whole) and a found entry of the
/// previous generation moves to the current one, so tokens in use stay while forgotten ones age out.</para>
/// </summary>
internal sealed class UnsealedTokenCache
{
    private readonly int _generationCapacity;
    private Generation _current = new();
    private Generation _previous = new();

    public UnsealedTokenCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _generationCapacity = capacity / 2;
    }

    /// <summary>The entry of exactly this token text, or null.</summary>
    public Entry? Find(ReadOnlySpan<char> sessionToken)
    {
        var current = Volatile.Read(ref _current);
        if (current.Lookup.TryGetValue(sessionToken, out var entry))
        {
            return entry;
        }

        if (Volatile.Read(ref _previous).Lookup.TryGetValue(sessionToken, out var aging))
        {
            Add(aging);
            return aging;
        }

        return null;
    }

    /// <summary>Keeps <paramref name="entry"/> (a token that opened), dropping the oldest generation when the current one is full.</summary>
    public void Add(Entry entry)
    {
        var current = Volatile.Read(ref _current);
        if (!current.Entries.TryAdd(entry.Token, entry))
        {
            return;
        }

        if (Interlocked.Increment(ref current.Count) == _generationCapacity
            && ReferenceEquals(Interlocked.CompareExchange(ref _current, new Generation(), current), current))
        {
            Volatile.Write(ref _previous, current);
        }
    }

    /// <summary>
    /// An opened token: its claims and secret, the answers to hand out (with and without the secret), and the key that opened it.
    /// </summary>
    internal sealed class Entry(string token, TokenKey key, TokenUnsealResult withSecret, TokenUnsealResult withoutSecret)
    {
        public string Token { get; } = token;

        public TokenUnsealResult WithSecret { get; } = withSecret;

        public TokenUnsealResult WithoutSecret { get; } = withoutSecret;

        public SessionClaims Claims => WithoutSecret.Claims!;

        /// <summary>
        /// True while the key that opened the token still opens tokens in <paramref name="ring"/> (the same key: same id and
        /// material); a key pruned from the ring or replaced makes the entry useless, and the token is opened afresh.
        /// </summary>
        public bool IsUsable(TokenKeyRing ring) =>
            ring.Find(key.KeyIdBytes) is { } same && (ReferenceEquals(same, key) || same.Material.SequenceEqual(key.Material));
    }

    private sealed class Generation
    {
        public readonly ConcurrentDictionary<string, Entry> Entries = new(StringComparer.Ordinal);
        public readonly ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> Lookup;
        public int Count;

        public Generation() => Lookup = Entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
