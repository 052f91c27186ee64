using System.Security.Cryptography;

namespace IdentityCenter.Core.Organizations;

/// <summary>Source of random bytes, injected so id and key generation can be made deterministic in tests.</summary>
public interface IRandomSource
{
    void Fill(Span<byte> buffer);
}

/// <summary>The production source: the operating system's CSPRNG.</summary>
public sealed class CryptoRandomSource : IRandomSource
{
    public static CryptoRandomSource Instance { get; } = new();

    public void Fill(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);
}
