using IdentityCenter.Core.Security;

namespace IdentityCenter.Core.Tests.Security;

public sealed class PasswordPolicyTests
{
    [Fact]
    public void IdentityCenterDirectory_Preset_MatchesTheDirectoryRules()
    {
        var preset = PasswordPolicy.IdentityCenterDirectory;

        Assert.Equal(8, preset.MinimumPasswordLength);
        Assert.Equal(64, preset.MaximumPasswordLength);
        Assert.True(preset.RequireSymbols && preset.RequireNumbers && preset.RequireUppercaseCharacters && preset.RequireLowercaseCharacters);
        Assert.Equal(3, preset.PasswordReusePrevention);
        Assert.Null(preset.MaxPasswordAge);
        Assert.Empty(preset.Validate());
    }

    [Theory]
    [InlineData(5, nameof(PasswordPolicy.MinimumPasswordLength))]
    [InlineData(129, nameof(PasswordPolicy.MinimumPasswordLength))]
    public void Validate_MinimumLengthOutOfRange_ReportsField(int length, string field)
    {
        var policy = new PasswordPolicy { MinimumPasswordLength = length };

        Assert.Contains(policy.Validate(), e => e.Field == field);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(128)]
    public void Validate_MinimumLengthAtBounds_IsAccepted(int length)
    {
        var policy = new PasswordPolicy { MinimumPasswordLength = length, MaximumPasswordLength = 128 };

        Assert.Empty(policy.Validate());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1096)]
    public void Validate_MaxPasswordAgeOutOfRange_ReportsField(int days)
    {
        var policy = new PasswordPolicy { MaxPasswordAge = days };

        Assert.Contains(policy.Validate(), e => e.Field == nameof(PasswordPolicy.MaxPasswordAge));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(25)]
    public void Validate_ReusePreventionOutOfRange_ReportsField(int count)
    {
        var policy = new PasswordPolicy { PasswordReusePrevention = count };

        Assert.Contains(policy.Validate(), e => e.Field == nameof(PasswordPolicy.PasswordReusePrevention));
    }

    [Fact]
    public void Validate_MaximumBelowMinimum_ReportsMaximumLength()
    {
        var policy = new PasswordPolicy { MinimumPasswordLength = 20, MaximumPasswordLength = 10 };

        Assert.Contains(policy.Validate(), e => e.Field == nameof(PasswordPolicy.MaximumPasswordLength));
    }

    [Fact]
    public void Validate_HardExpiryWithoutMaxAge_ReportsHardExpiry()
    {
        var policy = new PasswordPolicy { HardExpiry = true };

        Assert.Contains(policy.Validate(), e => e.Field == nameof(PasswordPolicy.HardExpiry));
    }

    [Fact]
    public void IsExpired_OlderThanMaxAge_IsTrueAndNeverWithoutMaxAge()
    {
        var changed = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var policy = new PasswordPolicy { MaxPasswordAge = 30 };

        Assert.False(policy.IsExpired(changed, changed.AddDays(29)));
        Assert.True(policy.IsExpired(changed, changed.AddDays(30)));
        Assert.False(new PasswordPolicy().IsExpired(changed, changed.AddYears(10)));
        Assert.True(policy.ExpirePasswords);
    }

    [Fact]
    public void Generate_AnyValidPolicy_ProducesPasswordsThatSatisfyIt()
    {
        PasswordPolicy[] policies =
        [
            PasswordPolicy.IdentityCenterDirectory,
            new() { MinimumPasswordLength = 6, MaximumPasswordLength = 6, RequireSymbols = true, RequireNumbers = true, RequireUppercaseCharacters = true, RequireLowercaseCharacters = true },
            new() { MinimumPasswordLength = 40, RequireSymbols = true },
        ];

        foreach (var policy in policies)
        {
            for (var i = 0; i < 50; i++)
            {
                var password = PasswordGenerator.Generate(policy);
                Assert.True(PasswordPolicyChecker.Check(policy, password).IsSatisfied, password);
            }
        }
    }

    [Fact]
    public void Generate_Many_NeverStartWithASymbol()
    {
        // A leading = + - or @ would make a spreadsheet read the password as a formula (and the CSV writer defuses those).
        var policy = new PasswordPolicy { MinimumPasswordLength = 6, MaximumPasswordLength = 6, RequireSymbols = true, RequireNumbers = true, RequireUppercaseCharacters = true, RequireLowercaseCharacters = true };
        for (var i = 0; i < 2_000; i++)
        {
            var password = PasswordGenerator.Generate(policy);
            Assert.True(char.IsLetterOrDigit(password[0]), password);
        }
    }

    [Fact]
    public void Generate_TwoCalls_GiveDifferentPasswords()
    {
        Assert.NotEqual(PasswordGenerator.Generate(PasswordPolicy.IdentityCenterDirectory), PasswordGenerator.Generate(PasswordPolicy.IdentityCenterDirectory));
    }
}
