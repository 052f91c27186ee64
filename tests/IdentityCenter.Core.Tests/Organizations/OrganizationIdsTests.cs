using IdentityCenter.Core.Organizations;

namespace IdentityCenter.Core.Tests.Organizations;

public sealed class OrganizationIdsTests
{
    [Theory]
    [InlineData("o-abcdefghij", true)]
    [InlineData("o-abc123def456ghi789", true)]
    [InlineData("o-abcdefghi", false)]
    [InlineData("o-ABCDEFGHIJ", false)]
    [InlineData("x-abcdefghij", false)]
    public void IsOrganizationId_Examples_MatchAwsPattern(string value, bool expected) =>
        Assert.Equal(expected, OrganizationIds.IsOrganizationId(value));

    [Theory]
    [InlineData("r-ab12", true)]
    [InlineData("r-ab1", false)]
    [InlineData("r-AB12", false)]
    public void IsRootId_Examples_MatchAwsPattern(string value, bool expected) =>
        Assert.Equal(expected, OrganizationIds.IsRootId(value));

    [Theory]
    [InlineData("ou-ab12-abcdefgh", true)]
    [InlineData("ou-ab12-abcdefg", false)]
    [InlineData("ou-ab12abcdefgh", false)]
    [InlineData("ou-AB12-abcdefgh", false)]
    public void IsOrganizationalUnitId_Examples_MatchAwsPattern(string value, bool expected) =>
        Assert.Equal(expected, OrganizationIds.IsOrganizationalUnitId(value));

    [Theory]
    [InlineData("111122223333", true)]
    [InlineData("011122223333", true)]
    [InlineData("11112222333", false)]
    [InlineData("1111222233334", false)]
    [InlineData("11112222333a", false)]
    [InlineData(null, false)]
    public void IsAccountId_Examples_RequireTwelveDigits(string? value, bool expected) =>
        Assert.Equal(expected, OrganizationIds.IsAccountId(value));

    [Theory]
    [InlineData("p-FullAWSAccess", true)]
    [InlineData("p-abcd1234", true)]
    [InlineData("p-abc1234", false)]
    [InlineData("p-abcd-1234", false)]
    public void IsPolicyId_Examples_MatchAwsPattern(string value, bool expected) =>
        Assert.Equal(expected, OrganizationIds.IsPolicyId(value));

    [Fact]
    public void NewIds_FromRandomSource_AreValidAndOuEmbedsRoot()
    {
        var random = new SeededRandomSource(1);

        var org = OrganizationIds.NewOrganizationId(random);
        var root = OrganizationIds.NewRootId(random);
        var ou = OrganizationIds.NewOrganizationalUnitId(random, root);
        var account = OrganizationIds.NewAccountId(random);
        var policy = OrganizationIds.NewPolicyId(random);

        Assert.True(OrganizationIds.IsOrganizationId(org), org);
        Assert.True(OrganizationIds.IsRootId(root), root);
        Assert.True(OrganizationIds.IsOrganizationalUnitId(ou), ou);
        Assert.StartsWith("ou-" + root[2..] + "-", ou, StringComparison.Ordinal);
        Assert.True(OrganizationIds.IsAccountId(account), account);
        Assert.True(OrganizationIds.IsPolicyId(policy), policy);
    }

    [Fact]
    public void NewAccountId_SameSeed_SameIdAndDifferentSeedDiffers()
    {
        var first = OrganizationIds.NewAccountId(new SeededRandomSource(42));
        var again = OrganizationIds.NewAccountId(new SeededRandomSource(42));
        var other = OrganizationIds.NewAccountId(new SeededRandomSource(43));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void RandomStrings_ManyDraws_UseWholeAlphabet()
    {
        var random = new SeededRandomSource(7);

        var text = RandomStrings.Create(random, RandomStrings.LowerAlphanumeric, 5000);

        Assert.Equal(RandomStrings.LowerAlphanumeric.Length, text.Distinct().Count());
        Assert.All(text, c => Assert.Contains(c, RandomStrings.LowerAlphanumeric));
    }
}
