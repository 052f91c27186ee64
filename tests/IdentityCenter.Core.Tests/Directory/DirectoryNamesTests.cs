using IdentityCenter.Core.Directory;

namespace IdentityCenter.Core.Tests.Directory;

public sealed class DirectoryNamesTests
{
    [Theory]
    [InlineData("alice")]
    [InlineData("alice.smith@example.com")]
    [InlineData("Zoë_Ångström-1")]
    [InlineData("用户")]
    [InlineData("a")]
    public void ValidateUserName_ValidNames_HaveNoErrors(string name) => Assert.Empty(DirectoryNames.ValidateUserName(name));

    [Fact]
    public void ValidateUserName_128Characters_IsValidAnd129IsNot()
    {
        Assert.Empty(DirectoryNames.ValidateUserName(new string('a', 128)));
        var error = Assert.Single(DirectoryNames.ValidateUserName(new string('a', 129)));
        Assert.Equal("UserName", error.Field);
        Assert.Contains("128", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alice smith")]
    [InlineData("alice\tsmith")]
    [InlineData(" alice")]
    [InlineData("alice\n")]
    public void ValidateUserName_Whitespace_IsRefused(string name)
    {
        var error = Assert.Single(DirectoryNames.ValidateUserName(name));
        Assert.Contains("whitespace", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void ValidateUserName_Empty_AsksForOne(string? name) =>
        Assert.Equal("Enter a user name.", Assert.Single(DirectoryNames.ValidateUserName(name)).Message);

    [Theory]
    [InlineData("Administrator")]
    [InlineData("administrator")]
    [InlineData("AWSAdministrators")]
    [InlineData("awsadministrators")]
    public void ValidateUserName_ReservedNamesInAnyCase_AreRefused(string name) =>
        Assert.Contains("reserved", Assert.Single(DirectoryNames.ValidateUserName(name)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("ADMINISTRATOR")]
    [InlineData(" AWSAdministrators ")]
    public void ValidateGroupName_ReservedNames_AreRefused(string name) => Assert.NotEmpty(DirectoryNames.ValidateGroupName(name));

    [Theory]
    [InlineData("Engineering")]
    [InlineData("Data & Analytics (EU)")]
    public void ValidateGroupName_OrdinaryNames_AreValid(string name) => Assert.Empty(DirectoryNames.ValidateGroupName(name));

    [Fact]
    public void ValidateGroupName_EmptyOrTooLongOrMultiline_AreRefused()
    {
        Assert.NotEmpty(DirectoryNames.ValidateGroupName("  "));
        Assert.NotEmpty(DirectoryNames.ValidateGroupName(new string('g', 1025)));
        Assert.NotEmpty(DirectoryNames.ValidateGroupName("two\nlines"));
        Assert.Empty(DirectoryNames.ValidateGroupName(new string('g', 1024)));
    }

    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("a.b+tag@sub.example.org")]
    public void ValidateEmail_ValidAddresses_HaveNoErrors(string email) => Assert.Empty(DirectoryNames.ValidateEmail(email));

    [Theory]
    [InlineData("alice")]
    [InlineData("alice@")]
    [InlineData("@example.com")]
    [InlineData("alice@example")]
    [InlineData("a@b@example.com")]
    [InlineData("alice smith@example.com")]
    public void ValidateEmail_Malformed_ReportsEmailField(string email) =>
        Assert.Equal("Email", Assert.Single(DirectoryNames.ValidateEmail(email)).Field);

    [Fact]
    public void ValidateEmail_EmptyOptional_IsValidButRequiredIsNot()
    {
        Assert.Empty(DirectoryNames.ValidateEmail(null));
        Assert.NotEmpty(DirectoryNames.ValidateEmail("", required: true));
    }

    [Fact]
    public void ValidateProfile_ReportsEveryBadFieldAtOnce()
    {
        var profile = new UserProfile("", new string('g', 1025), "ok", "not-an-email");

        var fields = DirectoryNames.ValidateProfile(profile).Select(e => e.Field).ToList();

        Assert.Equal(["DisplayName", "GivenName", "Email"], fields);
    }

    [Fact]
    public void Normalize_TrimsAndUpperCases() => Assert.Equal("ALICE", DirectoryNames.Normalize("  alice "));
}
