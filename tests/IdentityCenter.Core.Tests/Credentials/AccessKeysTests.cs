using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.Tests.Organizations;

namespace IdentityCenter.Core.Tests.Credentials;

public sealed class AccessKeysTests
{
    [Fact]
    public void NewTemporaryAccessKeyId_ManyDraws_AsiaPlusSixteenBase32AndUnique()
    {
        var ids = Enumerable.Range(0, 2000).Select(_ => AccessKeys.NewTemporaryAccessKeyId(CryptoRandomSource.Instance, "111122223333")).ToList();

        Assert.All(ids, id => Assert.Matches("^ASIA[A-Z2-7]{16}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(32, string.Concat(ids.Select(id => id[12..])).Distinct().Count());
    }

    [Theory]
    [InlineData("111122223333")]
    [InlineData("000000000000")]
    [InlineData("999999999999")]
    [InlineData("609629065308")]
    public void NewTemporaryAccessKeyId_CarriesItsAccount(string accountId)
    {
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(accountId, AccessKeys.AccountOf(AccessKeys.NewTemporaryAccessKeyId(CryptoRandomSource.Instance, accountId)));
        }
    }

    [Theory]
    [InlineData("ASIAY34FZKBOKMUTVV7A", "609629065308")] // AWS's own key ids decode the same way (published example)
    [InlineData("AKIAIOSFODNN7EXAMPLE", "581039954779")]
    [InlineData("ASIA", null)]
    [InlineData("ASIAY34FZKBOKMUTVV71", null)]
    [InlineData("asiaY34FZKBOKMUTVV7A", null)]
    [InlineData("ASIAY34FZKBOKMUTVV7AA", null)]
    public void AccountOf_DecodesAsAwsDoes(string accessKeyId, string? accountId) =>
        Assert.Equal(accountId, AccessKeys.AccountOf(accessKeyId));

    [Fact]
    public void NewTemporaryAccessKeyId_KnownBytes_EncodesBase32()
    {
        var zeros = new ZeroRandom();

        Assert.Equal("ASIAAAAAAAAAAAAAAAAA", AccessKeys.NewTemporaryAccessKeyId(zeros, "000000000000"));
    }

    [Fact]
    public void FormatSecretAccessKey_ThirtyBytes_FortyCharacters()
    {
        var secret = new byte[AccessKeys.SecretAccessKeyBytes];
        AccessKeys.NewSecretAccessKeyBytes(new SeededRandomSource(9), secret);

        var text = AccessKeys.FormatSecretAccessKey(secret);

        Assert.Equal(40, text.Length);
        Assert.Equal(secret, Convert.FromBase64String(text));
    }

    [Theory]
    [InlineData("ASIAABCDEFGHIJKLMNOP", true)]
    [InlineData("AKIAABCDEFGHIJKLMNOP", false)]
    [InlineData("ASIAABCDEFGHIJKLMNO1", false)]
    [InlineData("ASIAABCDEFGHIJKLMNO", false)]
    public void IsTemporaryAccessKeyId_Examples(string id, bool expected) =>
        Assert.Equal(expected, AccessKeys.IsTemporaryAccessKeyId(id));

    [Fact]
    public void NewLongTermAccessKeyId_ManyDraws_AkiaPlusSixteenBase32AndUnique()
    {
        var ids = Enumerable.Range(0, 2000).Select(_ => AccessKeys.NewLongTermAccessKeyId(CryptoRandomSource.Instance)).ToList();

        Assert.All(ids, id => Assert.True(AccessKeys.IsLongTermAccessKeyId(id), id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(32, string.Concat(ids.Select(id => id[4..])).Distinct().Count());
    }

    [Fact]
    public void NewSecretAccessKey_FortyCharactersOfThirtyRandomBytes()
    {
        var secret = AccessKeys.NewSecretAccessKey(CryptoRandomSource.Instance);

        Assert.True(AccessKeys.IsSecretAccessKey(secret), secret);
        Assert.Equal(30, Convert.FromBase64String(secret).Length);
        Assert.NotEqual(secret, AccessKeys.NewSecretAccessKey(CryptoRandomSource.Instance));
    }

    [Theory]
    [InlineData("AKIAIOSFODNN7EXAMPLE", true)]
    [InlineData("ASIAIOSFODNN7EXAMPLE", false)]
    [InlineData("AKIAIOSFODNN7EXAMPL1", false)]
    [InlineData("akiaiosfodnn7example", false)]
    [InlineData("AKIAIOSFODNN7EXAMPLEX", false)]
    public void IsLongTermAccessKeyId_Examples(string id, bool expected) =>
        Assert.Equal(expected, AccessKeys.IsLongTermAccessKeyId(id));

    [Theory]
    [InlineData("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", true)]
    [InlineData("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE", false)]
    [InlineData("wJalrXUtnFEMI/K7MDENG bPxRfiCYEXAMPLEKEY", false)]
    [InlineData("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYX", false)]
    public void IsSecretAccessKey_Examples(string secret, bool expected) =>
        Assert.Equal(expected, AccessKeys.IsSecretAccessKey(secret));

    private sealed class ZeroRandom : IRandomSource
    {
        public void Fill(Span<byte> buffer) => buffer.Clear();
    }
}
