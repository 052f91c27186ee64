using IdentityCenter.Core.Organizations;

namespace IdentityCenter.Core.Tests.Organizations;

public sealed class OrganizationValidationTests
{
    [Theory]
    [InlineData("a@b.co")]
    [InlineData("admin+prod@example.com")]
    public void ValidateEmail_ValidAddress_NoError(string email) =>
        Assert.Null(OrganizationValidation.ValidateEmail(email));

    [Theory]
    [InlineData("a@b.c")]
    [InlineData("")]
    public void ValidateEmail_TooShort_QuotesSixToSixtyFour(string email)
    {
        var error = OrganizationValidation.ValidateEmail(email);

        Assert.NotNull(error);
        Assert.Contains("6-64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateEmail_TooLong_QuotesLimit()
    {
        var email = new string('a', 60) + "@x.com";

        var error = OrganizationValidation.ValidateEmail(email);

        Assert.NotNull(error);
        Assert.Contains("6-64", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-at-sign.example.com")]
    [InlineData("two words@example.com")]
    [InlineData("user@nodot")]
    public void ValidateEmail_NotAnAddress_SaysWhichForm(string email)
    {
        var error = OrganizationValidation.ValidateEmail(email);

        Assert.NotNull(error);
        Assert.Contains("name@example.com", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateAccountName_129Characters_Quotes128()
    {
        var error = OrganizationValidation.ValidateAccountName(new string('x', 129));

        Assert.NotNull(error);
        Assert.Contains("1-128", error.Message, StringComparison.Ordinal);
        Assert.Null(OrganizationValidation.ValidateAccountName(new string('x', 128)));
    }

    [Fact]
    public void ValidateAccount_AllFieldsWrong_ReportsEveryField()
    {
        var errors = OrganizationValidation.ValidateAccount("123", "", "bad");

        Assert.Equal(["AccountId", "Name", "Email"], errors.Select(e => e.Field));
        Assert.Contains("12 digits", errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("active", AccountStatus.Active)]
    [InlineData("SUSPENDED", AccountStatus.Suspended)]
    public void AccountStatusNames_TryParse_ReadsAwsNames(string text, AccountStatus expected)
    {
        Assert.True(AccountStatusNames.TryParse(text, out var status));
        Assert.Equal(expected, status);
        Assert.Equal(text.ToUpperInvariant(), status.ToAwsString());
    }

    [Fact]
    public void AccountStatusNames_TryParse_UnknownIsRejected() =>
        Assert.False(AccountStatusNames.TryParse("PENDING", out _));
}
