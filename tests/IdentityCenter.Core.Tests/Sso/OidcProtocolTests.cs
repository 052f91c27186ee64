using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.Sso;

namespace IdentityCenter.Core.Tests.Sso;

public sealed class OidcProtocolTests
{
    [Fact]
    public void NewUserCode_FourDashFour_FromTheUnambiguousAlphabet()
    {
        for (var i = 0; i < 200; i++)
        {
            var code = OidcProtocol.NewUserCode(CryptoRandomSource.Instance);

            Assert.Matches("^[BCDFGHJKMNPQRSTVWXZ]{4}-[BCDFGHJKMNPQRSTVWXZ]{4}$", code);
        }

        Assert.DoesNotContain(OidcProtocol.UserCodeAlphabet, c => "AEIOU01LY".Contains(c, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("bcdf-ghjk", "BCDFGHJK")]
    [InlineData(" BCDF GHJK ", "BCDFGHJK")]
    [InlineData("BCDFGHJK", "BCDFGHJK")]
    [InlineData("BCDF-GHJ", null)]
    [InlineData("BCDF-GHJKM", null)]
    [InlineData("ABCD-EFGH", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void NormalizeUserCode_TypedVariants(string? typed, string? expected) =>
        Assert.Equal(expected, OidcProtocol.NormalizeUserCode(typed));

    [Fact]
    public void VerifyPkce_S256_MatchesOnlyTheRightVerifier()
    {
        // Computed independently with Python's hashlib: base64url(sha256(verifier)) without padding.
        const string verifier = "dBjftJeZ4CVP-mJ92K9IUNvdHarPZ9y3I4WtSxZOL7GV6OFq0sq4XvGqAq";
        const string challenge = "AZlOoCiaPhbo6dTiYmXzyz-i7VwrZ7i4uCmWbTeTaiY";

        Assert.True(OidcProtocol.VerifyPkce(verifier, challenge));
        Assert.False(OidcProtocol.VerifyPkce(verifier + "x", challenge));
        Assert.False(OidcProtocol.VerifyPkce(challenge, challenge));
        Assert.False(OidcProtocol.VerifyPkce("short", challenge));
        Assert.False(OidcProtocol.VerifyPkce(null, challenge));
    }

    [Theory]
    [InlineData("http://127.0.0.1/oauth/callback", true)]
    [InlineData("http://127.0.0.1:53682/oauth/callback", true)]
    [InlineData("http://[::1]:8080/cb", true)]
    [InlineData("http://127.10.0.1/cb", true)]
    [InlineData("https://127.0.0.1/cb", false)]
    [InlineData("http://localhost/cb", false)]
    [InlineData("http://example.com/cb", false)]
    [InlineData("http://127.0.0.1/cb#fragment", false)]
    [InlineData("http://user@127.0.0.1/cb", false)]
    [InlineData("/relative", false)]
    public void IsLoopbackRedirectUri(string uri, bool expected) =>
        Assert.Equal(expected, OidcProtocol.IsLoopbackRedirectUri(uri));

    [Theory]
    [InlineData("http://127.0.0.1:49152/oauth/callback", true)]
    [InlineData("http://127.0.0.1/oauth/callback", true)]
    [InlineData("http://127.0.0.1:49152/oauth/other", false)]
    [InlineData("http://127.0.0.2:49152/oauth/callback", false)]
    [InlineData("http://127.0.0.1:49152/oauth/callback?x=1", false)]
    [InlineData("http://evil.example:49152/oauth/callback", false)]
    public void MatchesRegisteredRedirect_AnyPortSameHostAndPath(string requested, bool expected) =>
        Assert.Equal(expected, OidcProtocol.MatchesRegisteredRedirect(requested, ["http://127.0.0.1/oauth/callback"]));

    [Fact]
    public void Hash_AndMatches_ConstantFormAndOnlyTheSecret()
    {
        var secret = OidcProtocol.NewSecret(CryptoRandomSource.Instance, "aoa");
        var hash = OidcProtocol.Hash(secret);

        Assert.StartsWith("aoa", secret, StringComparison.Ordinal);
        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain(secret[3..], hash, StringComparison.Ordinal);
        Assert.True(OidcProtocol.Matches(secret, hash));
        Assert.False(OidcProtocol.Matches(secret + "x", hash));
        Assert.False(OidcProtocol.Matches(null, hash));
    }

    [Fact]
    public void AllowsAccountAccess_LegacyNoScopesOrTheScope()
    {
        Assert.True(OidcScopes.AllowsAccountAccess([]));
        Assert.True(OidcScopes.AllowsAccountAccess(["sso:account:access", "codewhisperer:completions"]));
        Assert.False(OidcScopes.AllowsAccountAccess(["codewhisperer:completions"]));
    }
}
