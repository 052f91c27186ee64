using IdentityCenter.Core.Security;

namespace IdentityCenter.Core.Tests.Security;

public sealed class PasswordPolicyCheckerTests
{
    private static readonly PasswordPolicy Preset = PasswordPolicy.IdentityCenterDirectory;

    [Fact]
    public void Check_PresetWithStrongPassword_SatisfiesEveryRule()
    {
        var result = PasswordPolicyChecker.Check(Preset, "Correct-Horse7");

        Assert.True(result.IsSatisfied);
        Assert.Equal(
            [PasswordRule.MinimumLength, PasswordRule.MaximumLength, PasswordRule.Uppercase, PasswordRule.Lowercase, PasswordRule.Number, PasswordRule.Symbol],
            result.Rules.Select(r => r.Rule));
    }

    [Theory]
    [InlineData("Sh0rt!", PasswordRule.MinimumLength)]
    [InlineData("lowercase-only7", PasswordRule.Uppercase)]
    [InlineData("UPPERCASE-ONLY7", PasswordRule.Lowercase)]
    [InlineData("No-Digits-Here", PasswordRule.Number)]
    [InlineData("NoSymbols1234", PasswordRule.Symbol)]
    public void Check_PresetMissingOneClass_ReportsExactlyThatRule(string password, PasswordRule expected)
    {
        var result = PasswordPolicyChecker.Check(Preset, password);

        Assert.False(result.IsSatisfied);
        Assert.Equal([expected], result.Violations.Select(v => v.Rule));
    }

    [Fact]
    public void Check_PresetWith65Characters_ViolatesMaximumLength()
    {
        var password = "Aa1!" + new string('x', 61);

        var result = PasswordPolicyChecker.Check(Preset, password);

        Assert.Equal([PasswordRule.MaximumLength], result.Violations.Select(v => v.Rule));
    }

    [Fact]
    public void Check_PolicyWithoutClassRules_ListsOnlyLengthRules()
    {
        var policy = new PasswordPolicy { MinimumPasswordLength = 6 };

        var result = PasswordPolicyChecker.Check(policy, "abcdef");

        Assert.True(result.IsSatisfied);
        Assert.Equal([PasswordRule.MinimumLength, PasswordRule.MaximumLength], result.Rules.Select(r => r.Rule));
    }

    [Fact]
    public void Check_NullPassword_IsTreatedAsEmpty()
    {
        var result = PasswordPolicyChecker.Check(Preset, null);

        Assert.Contains(result.Violations, v => v.Rule == PasswordRule.MinimumLength);
        Assert.Contains(result.Rules, r => r.Rule == PasswordRule.MaximumLength && r.Satisfied);
    }

    [Theory]
    [InlineData('!')]
    [InlineData('|')]
    [InlineData('\'')]
    [InlineData('~')]
    [InlineData('€')]
    public void IsSymbol_PunctuationAndSymbols_CountAsSymbols(char c) => Assert.True(PasswordPolicyChecker.IsSymbol(c));

    [Theory]
    [InlineData('a')]
    [InlineData('Z')]
    [InlineData('5')]
    [InlineData(' ')]
    public void IsSymbol_LettersDigitsAndSpace_AreNotSymbols(char c) => Assert.False(PasswordPolicyChecker.IsSymbol(c));
}
