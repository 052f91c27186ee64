using IdentityCenter.Core.Catalog;

namespace IdentityCenter.Core.Tests.Catalog;

public sealed class ManagedPolicySearchTests
{
    private static readonly ManagedPolicyCatalog Catalog = ManagedPolicyCatalog.Default;

    [Fact]
    public void Search_DynamoDb_CaseInsensitive_NamePrefixMatchesFirst()
    {
        var found = Catalog.Search("dynamodb", max: 200);

        Assert.Contains(found, p => p.Name == "AmazonDynamoDBFullAccess");
        Assert.All(found, p => Assert.Contains("dynamodb", p.DisplayName, StringComparison.OrdinalIgnoreCase));

        var prefix = Catalog.Search("AmazonDynamoDB", max: 200).ToList();
        var firstNonPrefix = prefix.FindIndex(p => !p.Name.StartsWith("AmazonDynamoDB", StringComparison.OrdinalIgnoreCase));
        var lastPrefix = prefix.FindLastIndex(p => p.Name.StartsWith("AmazonDynamoDB", StringComparison.OrdinalIgnoreCase));
        Assert.True(firstNonPrefix < 0 || lastPrefix < firstNonPrefix, "a name-prefix match came after another match");
    }

    [Fact]
    public void Search_PrefixOutranksContains()
    {
        var found = Catalog.Search("ReadOnlyAccess", max: 500);

        Assert.Equal("ReadOnlyAccess", found[0].Name);
        Assert.Contains(found, p => p.Name == "AmazonS3ReadOnlyAccess");
    }

    [Fact]
    public void Search_PathAndName_FindsJobFunctionPolicy()
    {
        var found = Catalog.Search("job-function/DatabaseAdmin");

        var policy = Assert.Single(found);
        Assert.Equal("arn:aws:iam::aws:policy/job-function/DatabaseAdministrator", policy.Arn);
        Assert.Equal("job-function/DatabaseAdministrator", policy.DisplayName);
        Assert.Equal("DatabaseAdministrator", Catalog.Search("DatabaseAdmin")[0].Name);
    }

    [Fact]
    public void Search_SeveralWords_AllMustMatch()
    {
        var found = Catalog.Search("s3 readonly", max: 100);

        Assert.Contains(found, p => p.Name == "AmazonS3ReadOnlyAccess");
        Assert.DoesNotContain(found, p => p.Name == "AmazonS3FullAccess");
    }

    [Fact]
    public void Search_JobFunctionOnly_ListsOnlyJobFunctionPolicies()
    {
        var all = Catalog.Search("", jobFunctionOnly: true, max: 1000);

        Assert.InRange(all.Count, 8, 40);
        Assert.All(all, p => Assert.Equal("/job-function/", p.Path));
        Assert.Contains(all, p => p.Name == "DataScientist");
        Assert.Contains(all, p => p.Name == "ViewOnlyAccess");
        Assert.DoesNotContain(Catalog.Search("Administrator", jobFunctionOnly: true, max: 1000), p => p.Name == "AdministratorAccess");
    }

    [Fact]
    public void Search_HonoursMax_AndNeverOffersOrganizationsPolicies()
    {
        Assert.Equal(5, Catalog.Search("Amazon", max: 5).Count);
        Assert.DoesNotContain(Catalog.Search("FullAWSAccess"), p => p.Kind != ManagedPolicyKind.AwsManagedIamPolicy);
        Assert.Empty(Catalog.Search("no such policy name anywhere"));
    }

    [Fact]
    public void ServiceAccess_S3ReadOnly_GrantsS3ReadAndListOnly()
    {
        var access = Catalog.ServiceAccessOf(Catalog.FindByName("AmazonS3ReadOnlyAccess")!);

        var s3 = Assert.Single(access, a => a.ServicePrefix == "s3");
        Assert.Equal(ActionAccessLevel.Read | ActionAccessLevel.List, s3.AccessLevels);
        Assert.False(s3.IsFullAccess);
        Assert.All(access, a => Assert.Equal(ActionAccessLevel.None, a.AccessLevels & (ActionAccessLevel.Write | ActionAccessLevel.PermissionsManagement | ActionAccessLevel.Tagging)));
        Assert.Same(access, Catalog.ServiceAccessOf(Catalog.FindByName("AmazonS3ReadOnlyAccess")!));
    }

    [Fact]
    public void ServiceAccess_AdministratorAccess_FullAccessToEveryService()
    {
        var access = Catalog.ServiceAccessOf(Catalog.FindByName("AdministratorAccess")!);

        Assert.Equal(ServiceAuthorizationCatalog.Default.ServicePrefixes.Count(p => ServiceAuthorizationCatalog.Default.FindService(p)!.Actions.Count > 0), access.Count);
        Assert.All(access, a => Assert.True(a.IsFullAccess, a.ServicePrefix));
    }

    [Fact]
    public void ServiceAccess_PowerUser_NotActionExcludesIamPermissionsManagementButKeepsOtherServices()
    {
        var access = Catalog.ServiceAccessOf(Catalog.FindByName("PowerUserAccess")!);

        Assert.True(Assert.Single(access, a => a.ServicePrefix == "ec2").IsFullAccess);
        var iam = access.SingleOrDefault(a => a.ServicePrefix == "iam");
        Assert.True(iam is null || !iam.IsFullAccess);
    }

    [Fact]
    public void ServiceAccess_DynamoDbFullAccess_GrantsDynamoDbWrite()
    {
        var access = Catalog.ServiceAccessOf(Catalog.FindByName("AmazonDynamoDBFullAccess")!);

        var dynamodb = Assert.Single(access, a => a.ServicePrefix == "dynamodb");
        Assert.True(dynamodb.IsFullAccess);
        Assert.True(dynamodb.AccessLevels.HasFlag(ActionAccessLevel.Write));
    }

    [Fact]
    public void Summarize_DenyStatementsAndUnknownActionsIgnored()
    {
        const string document = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Deny","Action":"sqs:*","Resource":"*"},
              {"Effect":"Allow","Action":["s3:ListAllMyBuckets","nosuch:Thing"],"Resource":"*"}]}
            """;

        var access = PolicyAccessSummarizer.Summarize(document, ServiceAuthorizationCatalog.Default);

        var s3 = Assert.Single(access);
        Assert.Equal("s3", s3.ServicePrefix);
        Assert.Equal(ActionAccessLevel.List, s3.AccessLevels);
        Assert.Equal(1, s3.ActionCount);
    }
}
