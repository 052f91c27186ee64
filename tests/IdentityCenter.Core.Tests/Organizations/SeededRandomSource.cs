using IdentityCenter.Core.Organizations;

namespace IdentityCenter.Core.Tests.Organizations;

/// <summary>A deterministic random source for tests: the same seed gives the same bytes.</summary>
internal sealed class SeededRandomSource(int seed) : IRandomSource
{
    private readonly Random _random = new(seed);

    public void Fill(Span<byte> buffer) => _random.NextBytes(buffer);
}
