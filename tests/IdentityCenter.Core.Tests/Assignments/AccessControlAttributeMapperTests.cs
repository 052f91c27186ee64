using IdentityCenter.Core.Assignments;

namespace IdentityCenter.Core.Tests.Assignments;

public sealed class AccessControlAttributeMapperTests
{
    private static readonly UserAttributes Alice = new(new Dictionary<string, string?>
    {
        ["userName"] = "alice@example.com",
        ["enterprise.department"] = "Engineering",
        ["enterprise.costCenter"] = "",
        ["title"] = "Lead, Platform",
    });

    [Fact]
    public void Map_DepartmentAndUserName_BecomePrincipalTags()
    {
        AccessControlAttribute[] config = [new("Department", "${path:enterprise.department}"), new("User", "${path:userName}")];

        var mapping = AccessControlAttributeMapper.Map(config, Alice);

        Assert.Equal("Engineering", mapping.Tags["Department"]);
        Assert.Equal("alice@example.com", mapping.Tags["user"]);
        Assert.Empty(mapping.Skipped);
    }

    [Fact]
    public void Map_MissingEmptyOrDisallowedValues_LeftOutAndReported()
    {
        AccessControlAttribute[] config =
        [
            new("CostCenter", "${path:enterprise.costCenter}"),
            new("Division", "${path:enterprise.division}"),
            new("Title", "${path:title}"),
        ];

        var mapping = AccessControlAttributeMapper.Map(config, Alice);

        Assert.Empty(mapping.Tags);
        Assert.Equal(["CostCenter", "Division", "Title"], mapping.Skipped.Select(s => s.Key));
        Assert.Contains("characters", mapping.Skipped[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_ValueLongerThan256_Skipped()
    {
        var user = new UserAttributes(new Dictionary<string, string?> { ["displayName"] = new string('x', 257) });

        var mapping = AccessControlAttributeMapper.Map([new("Name", "${path:displayName}")], user);

        Assert.Empty(mapping.Tags);
        Assert.Contains("256", Assert.Single(mapping.Skipped).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_51Attributes_Quotes50()
    {
        var config = Enumerable.Range(0, 51).Select(i => new AccessControlAttribute($"k{i}", "${path:userName}")).ToList();

        var errors = AccessControlAttributeMapper.Validate(config);

        Assert.Contains(errors, e => e.Message.Contains("At most 50", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_BadSourcesAndKeys_EachReported()
    {
        AccessControlAttribute[] config =
        [
            new("Department", "enterprise.department"),
            new("Shoe", "${path:shoeSize}"),
            new("department", "${path:enterprise.department}"),
            new("aws:Bad", "${path:userName}"),
            new("", "${path:userName}"),
        ];

        var errors = AccessControlAttributeMapper.Validate(config);

        Assert.Contains(errors, e => e.Field == "AccessControlAttributes[0].Source" && e.Message.Contains("${path:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "AccessControlAttributes[1].Source" && e.Message.Contains("shoeSize", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "AccessControlAttributes[2].Key");
        Assert.Contains(errors, e => e.Field == "AccessControlAttributes[3].Key");
        Assert.Contains(errors, e => e.Field == "AccessControlAttributes[4].Key" && e.Message.Contains("1-128", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SupportedPaths_NoErrors()
    {
        var config = AccessControlAttributeMapper.SupportedPaths.Select((p, i) => new AccessControlAttribute($"k{i}", "${path:" + p + "}")).ToList();

        Assert.Empty(AccessControlAttributeMapper.Validate(config));
    }
}
