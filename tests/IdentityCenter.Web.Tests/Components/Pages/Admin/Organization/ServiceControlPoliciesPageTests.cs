using Bunit;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Web.Components.Pages.Admin.Organization;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Organization;

public sealed class ServiceControlPoliciesPageTests
{
    private const string Deny = """{"Version":"2012-10-17","Statement":[{"Sid":"NoDelete","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}""";

    [Fact]
    public async Task CreateScp_InvalidDocument_IsRefusedThenCreatedWhenFixed()
    {
        await using var access = new AccessTestContext();
        access.RenderProviders();
        var page = access.Context.Render<ServiceControlPoliciesPage>();

        page.Find("#scp-new").Click();
        page.Find("input#org-policy-name").Change("GuardRails");
        page.Find("#org-policy-document-text").Input("""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"*"}]}""");
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#org-policy-document .policy-editor-finding-error")));
        page.Find("#org-policy-form").Submit();
        page.WaitForAssertion(() => Assert.Contains("fix them before saving", page.Find("#org-policy-document .policy-editor-external-error").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(access.Organization.Calls, c => c.Method == "CreatePolicy");

        page.Find("#org-policy-document-text").Input(Deny);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#org-policy-document .policy-editor-finding-error")));
        page.Find("#org-policy-form").Submit();

        page.WaitForAssertion(() => Assert.Contains(("CreatePolicy", "GuardRails", Deny), access.Organization.Calls));
        page.WaitForAssertion(() => Assert.Contains("GuardRails", page.Find(".org-policy-list-scp").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Select_AttachedPolicy_ListsTargetsAndCannotBeDeleted()
    {
        await using var access = new AccessTestContext();
        access.Organization.AddUnit("ou-root-00000001", "Workloads", "r-root");
        access.Organization.AddPolicy("p-guard", "GuardRails", OrganizationPolicyType.ServiceControlPolicy, Deny, "ou-root-00000001");
        access.RenderProviders();
        var page = access.Context.Render<ServiceControlPoliciesPage>();

        page.FindAll(".org-policy-item").First(i => i.TextContent.Contains("GuardRails", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.Contains("Workloads (ou-root-00000001)", page.Find(".org-policy-targets").TextContent, StringComparison.Ordinal));
        Assert.True(page.Find("#org-policy-delete").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Select_AwsManagedPolicy_IsReadOnly()
    {
        await using var access = new AccessTestContext();
        access.RenderProviders();
        var page = access.Context.Render<ServiceControlPoliciesPage>();

        page.FindAll(".org-policy-item").First(i => i.TextContent.Contains("FullAWSAccess", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.True(page.Find("#org-policy-document-text").HasAttribute("readonly")));
        Assert.Empty(page.FindAll("#org-policy-save"));
    }
}
