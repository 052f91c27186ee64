namespace IdentityCenter.Core.Credentials;

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
