using System.Text;
using IdentityCenter.Core.Security;
using Microsoft.Extensions.Time.Testing;

namespace IdentityCenter.Core.Tests.Security;

public sealed class TotpVerifierTests
{
    // RFC 6238 appendix B: SHA1 seed "12345678901234567890"; at T=59 s the 8-digit code is 94287082, so 6 digits: 287082.
    private static readonly byte[] RfcKey = Encoding.ASCII.GetBytes("12345678901234567890");

    private static (TotpVerifier Verifier, FakeTimeProvider Time) At(long unixSeconds)
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));
        return (new TotpVerifier(time), time);
    }

    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    public void ComputeCode_RfcTestVectors_MatchLastSixDigits(long unixSeconds, string expected)
    {
        Assert.Equal(expected, TotpVerifier.ComputeCode(RfcKey, DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));
    }

    [Fact]
    public void Verify_CurrentCode_SucceedsWithCurrentStep()
    {
        var (verifier, time) = At(1234567890);
        var code = TotpVerifier.ComputeCode(RfcKey, time.GetUtcNow());

        var result = verifier.Verify(RfcKey, code, lastAcceptedStep: null);

        Assert.True(result.Succeeded);
        Assert.Equal(1234567890L / 30, result.MatchedStep);
    }

    [Theory]
    [InlineData(-30)]
    [InlineData(30)]
    public void Verify_CodeOneStepAway_IsAcceptedForClockDrift(int offsetSeconds)
    {
        var (verifier, time) = At(1234567890);
        var code = TotpVerifier.ComputeCode(RfcKey, time.GetUtcNow().AddSeconds(offsetSeconds));

        var result = verifier.Verify(RfcKey, code, null);

        Assert.True(result.Succeeded);
        Assert.Equal(TotpVerifier.StepAt(time.GetUtcNow().AddSeconds(offsetSeconds)), result.MatchedStep);
    }

    [Theory]
    [InlineData(-60)]
    [InlineData(60)]
    public void Verify_CodeTwoStepsAway_IsRefused(int offsetSeconds)
    {
        var (verifier, time) = At(1234567890);
        var code = TotpVerifier.ComputeCode(RfcKey, time.GetUtcNow().AddSeconds(offsetSeconds));

        var result = verifier.Verify(RfcKey, code, null);

        Assert.False(result.Succeeded);
        Assert.Equal(TotpFailure.Invalid, result.Failure);
    }

    [Fact]
    public void Verify_SameCodeTwice_SecondIsReplay()
    {
        var (verifier, time) = At(1234567890);
        var code = TotpVerifier.ComputeCode(RfcKey, time.GetUtcNow());
        var first = verifier.Verify(RfcKey, code, null);

        var second = verifier.Verify(RfcKey, code, first.MatchedStep);

        Assert.True(first.Succeeded);
        Assert.False(second.Succeeded);
        Assert.Equal(TotpFailure.Replayed, second.Failure);
    }

    [Fact]
    public void Verify_OlderCodeAfterNewerAccepted_IsReplay()
    {
        var (verifier, time) = At(1234567890);
        var previous = TotpVerifier.ComputeCode(RfcKey, time.GetUtcNow().AddSeconds(-30));
        var current = TotpVerifier.ComputeCode(RfcKey, time.GetUtcNow());
        var accepted = verifier.Verify(RfcKey, current, null);

        var result = verifier.Verify(RfcKey, previous, accepted.MatchedStep);

        Assert.Equal(TotpFailure.Replayed, result.Failure);
    }

    [Fact]
    public void Verify_NextStepCodeAfterTimePasses_IsAccepted()
    {
        var (verifier, time) = At(1234567890);
        var first = verifier.Verify(RfcKey, TotpVerifier.ComputeCode(RfcKey, time.GetUtcNow()), null);
        time.Advance(TimeSpan.FromSeconds(30));

        var second = verifier.Verify(RfcKey, TotpVerifier.ComputeCode(RfcKey, time.GetUtcNow()), first.MatchedStep);

        Assert.True(second.Succeeded);
        Assert.Equal(first.MatchedStep + 1, second.MatchedStep);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    public void Verify_NotSixDigits_IsMalformed(string? code)
    {
        var (verifier, _) = At(1234567890);

        Assert.Equal(TotpFailure.Malformed, verifier.Verify(RfcKey, code, null).Failure);
    }

    [Fact]
    public void Verify_CodeWithSpace_IsAccepted()
    {
        var (verifier, time) = At(1234567890);
        var code = TotpVerifier.ComputeCode(RfcKey, time.GetUtcNow());

        Assert.True(verifier.Verify(RfcKey, code[..3] + " " + code[3..], null).Succeeded);
    }

    [Fact]
    public void Base32_RoundTrip_RestoresKey()
    {
        var key = TotpVerifier.GenerateKey();

        var text = TotpVerifier.ToBase32(key);

        Assert.Equal(20, key.Length);
        Assert.Equal(32, text.Length);
        Assert.Equal(key, TotpVerifier.FromBase32(text));
        Assert.Equal(key, TotpVerifier.FromBase32(TotpVerifier.FormatKeyForDisplay(text).ToLowerInvariant()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base32!")]
    [InlineData("ABC1")]
    public void FromBase32_Invalid_ReturnsNull(string text) => Assert.Null(TotpVerifier.FromBase32(text));

    [Fact]
    public void BuildOtpauthUri_IncludesParametersAuthenticatorAppsExpect()
    {
        var uri = TotpVerifier.BuildOtpauthUri("Identity Center", "alice@example.com", "JBSWY3DPEHPK3PXP");

        Assert.Equal("otpauth://totp/Identity%20Center:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Identity%20Center&algorithm=SHA1&digits=6&period=30", uri);
    }
}
