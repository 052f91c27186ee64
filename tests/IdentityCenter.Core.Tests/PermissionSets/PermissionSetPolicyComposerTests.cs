using IdentityCenter.Core.Catalog;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.PermissionSets;

namespace IdentityCenter.Core.Tests.PermissionSets;

public sealed class PermissionSetPolicyComposerTests
{
    private const string Account = "222222222222";
    private const string CustomerDocument = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}""";

    private static OrganizationTree Organization()
    {
        var tree = new OrganizationTree("o-abcdefghij", "r-ab12", new OrganizationAccount("111111111111", "Management", "mgmt@example.com"));
        Assert.Null(tree.AddOrganizationalUnit("ou-ab12-workload", "Workloads", "r-ab12"));
        Assert.Null(tree.AddAccount(new OrganizationAccount(Account, "App", "app@example.com"), "ou-ab12-workload"));
        return tree;
    }

    private static PermissionSet Developer() => new()
    {
        Id = "ps-0123456789abcdef",
        Name = "Developer",
        Version = 4,
        ManagedPolicyArns = ["arn:aws:iam::aws:policy/PowerUserAccess"],
        CustomerManagedPolicyReferences = [new("DenyBucketDeletion", "/guardrails/")],
        InlinePolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}""",
        PermissionsBoundary = PermissionsBoundary.FromManagedPolicy("arn:aws:iam::aws:policy/ReadOnlyAccess"),
    };

    [Fact]
    public void Compose_FullPermissionSet_EveryDocumentInOrderWithScpAndRcpPaths()
    {
        var customer = new CustomerManagedPolicySet().Add(Account, "DenyBucketDeletion", "/guardrails/", CustomerDocument);

        var sources = PermissionSetPolicyComposer.Compose(Developer(), Account, ManagedPolicyCatalog.Default, customer, Organization());

        Assert.Empty(sources.Problems);
        Assert.Equal(["PowerUserAccess", "DenyBucketDeletion", "AwsSSOInlinePolicy"], sources.IdentityPolicies.Select(p => p.Name));
        Assert.Equal([PolicySourceKind.AwsManaged, PolicySourceKind.CustomerManaged, PolicySourceKind.Inline], sources.IdentityPolicies.Select(p => p.Kind));
        Assert.Equal(ManagedPolicyCatalog.Default.FindByName("PowerUserAccess")!.Document, sources.IdentityPolicies[0].Document);
        Assert.Equal(CustomerDocument, sources.IdentityPolicies[1].Document);
        Assert.Equal($"arn:aws:iam::{Account}:policy/guardrails/DenyBucketDeletion", sources.IdentityPolicies[1].Arn);
        Assert.Equal("ReadOnlyAccess", sources.PermissionsBoundary!.Name);
        Assert.Equal(3, sources.ServiceControlPolicies!.Levels.Count);
        Assert.Equal(3, sources.ResourceControlPolicies!.Levels.Count);
        Assert.Equal(4, sources.PermissionSetVersion);
    }

    [Fact]
    public void Compose_MissingPolicies_ReportedAsProblemsAndLeftOut()
    {
        var ps = Developer() with { ManagedPolicyArns = ["arn:aws:iam::aws:policy/AmazonRedshiftFullAccez"] };

        var sources = PermissionSetPolicyComposer.Compose(ps, Account, ManagedPolicyCatalog.Default, new CustomerManagedPolicySet(), organization: null);

        Assert.Equal(["AwsSSOInlinePolicy"], sources.IdentityPolicies.Select(p => p.Name));
        Assert.Contains(sources.Problems, p => p.Contains("AmazonRedshiftFullAccez", StringComparison.Ordinal));
        Assert.Contains(sources.Problems, p => p.Contains("/guardrails/DenyBucketDeletion", StringComparison.Ordinal));
        Assert.Null(sources.ServiceControlPolicies);
    }

    [Fact]
    public void Compose_CustomerBoundary_ReadFromAccount()
    {
        var ps = Developer() with { PermissionsBoundary = PermissionsBoundary.FromCustomerManagedPolicy(new("Boundary")) };
        var customer = new CustomerManagedPolicySet()
            .Add(Account, "DenyBucketDeletion", "/guardrails/", CustomerDocument)
            .Add(Account, "Boundary", "/", "{\"b\":1}");

        var sources = PermissionSetPolicyComposer.Compose(ps, Account, ManagedPolicyCatalog.Default, customer, Organization());

        Assert.Equal("{\"b\":1}", sources.PermissionsBoundary!.Document);
        Assert.Equal(PolicySourceKind.CustomerManaged, sources.PermissionsBoundary.Kind);
    }

    [Fact]
    public void Compose_ManagementAccount_ScpsDoNotApply()
    {
        var sources = PermissionSetPolicyComposer.Compose(Developer() with { CustomerManagedPolicyReferences = [] }, "111111111111",
            ManagedPolicyCatalog.Default, new CustomerManagedPolicySet(), Organization());

        Assert.False(sources.ServiceControlPolicies!.AppliesToAccount);
    }

    [Fact]
    public void ValidateManagedPoliciesAreShipped_UnknownArn_SuggestsSimilarShippedPolicies()
    {
        var ps = Developer() with { ManagedPolicyArns = ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonRedshiftFullAccez"] };

        var error = Assert.Single(PermissionSetValidator.ValidateManagedPoliciesAreShipped(ps, ManagedPolicyCatalog.Default));

        Assert.Equal("ManagedPolicyArns[1]", error.Field);
        Assert.Contains("did you mean", error.Message, StringComparison.Ordinal);
        Assert.Contains("arn:aws:iam::aws:policy/AmazonRedshiftFullAccess", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RoleUniqueId_StablePerArnAndShapedLikeIam()
    {
        const string arn = "arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/us-east-1/AWSReservedSSO_Dev_0123456789abcdef";

        var id = PermissionSetNaming.RoleUniqueId(arn);

        Assert.Matches("^AROA[A-Z2-7]{17}$", id);
        Assert.Equal(id, PermissionSetNaming.RoleUniqueId(arn));
        Assert.NotEqual(id, PermissionSetNaming.RoleUniqueId(arn.Replace("0123", "9999", StringComparison.Ordinal)));
    }
}
