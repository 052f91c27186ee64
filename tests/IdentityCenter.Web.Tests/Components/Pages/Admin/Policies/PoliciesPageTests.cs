using Bunit;
using IdentityCenter.Web.Components.Pages.Admin.Policies;
using IdentityCenter.Web.Tests.Fakes;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Policies;

public sealed class PoliciesPageTests
{
    private const string Doc = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";

    [Fact]
    public async Task AwsManaged_SelectPolicy_ShowsReadOnlyDocument()
    {
        await using var access = new AccessTestContext();
        access.RenderProviders();
        var page = access.Context.Render<PoliciesPage>();

        page.Find("input#policies-aws-filter").Input("ReadOnlyAccess");
        page.WaitForAssertion(() => Assert.StartsWith("ReadOnlyAccess", page.FindAll(".policies-aws-item")[0].TextContent.Trim(), StringComparison.Ordinal));
        page.FindAll(".policies-aws-item")[0].Click();

        page.WaitForAssertion(() => Assert.Equal("ReadOnlyAccess", page.Find(".policies-aws-title").TextContent));
        Assert.True(page.Find("#policies-aws-document-text").HasAttribute("readonly"));
        Assert.Contains("\"Statement\"", page.Find("#policies-aws-document-text").GetAttribute("value"), StringComparison.Ordinal);
        Assert.Equal("arn:aws:iam::aws:policy/ReadOnlyAccess", page.Find(".managed-policy-detail-arn").TextContent);
    }

    [Fact]
    public async Task AwsManaged_JobFunctionFilter_ListsOnlyJobFunctionPoliciesWithPathAndServices()
    {
        await using var access = new AccessTestContext();
        access.RenderProviders();
        var page = access.Context.Render<PoliciesPage>();

        page.Find("#policies-aws-job-function").Change(true);

        page.WaitForAssertion(() => Assert.All(page.FindAll(".policies-aws-item"), i => Assert.StartsWith("job-function/", i.TextContent.Trim(), StringComparison.Ordinal)));
        page.FindAll(".policies-aws-item").First(i => i.TextContent.Trim() == "job-function/DatabaseAdministrator").Click();
        page.WaitForAssertion(() => Assert.Equal("arn:aws:iam::aws:policy/job-function/DatabaseAdministrator", page.Find(".managed-policy-detail-arn").TextContent));
        Assert.Contains("Full access", page.Find(".managed-policy-services tr[data-service='dynamodb']").TextContent, StringComparison.Ordinal);
        Assert.Contains("v1 (", page.Find(".managed-policy-detail-versions").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomerManaged_Create_SendsAccountNamePathAndDocument()
    {
        await using var access = new AccessTestContext();
        access.Organization.AddAccount("222222222222", "Dev", FakeOrganizationService.RootId);
        access.RenderProviders();
        var page = access.Context.Render<PoliciesPage>();
        page.FindAll(".mud-tab").First(t => t.TextContent.Contains("Customer managed", StringComparison.Ordinal)).Click();

        page.WaitForElement("#policies-create").Click();
        page.Find("input#policies-name").Change("S3Reader");
        page.Find("input#policies-path").Change("/team/");
        page.Find("#policies-document-text").Input(Doc);
        page.WaitForElement("#policies-document .policy-editor-valid");
        page.Find("#policies-create-form").Submit();

        page.WaitForAssertion(() => Assert.Single(access.Policies.CreatedInputs));
        var input = access.Policies.CreatedInputs[0];
        Assert.Equal(("Dev", "S3Reader", "/team/", Doc), (access.Organization.Accounts.First(a => a.Id == input.AccountId).Name, input.Name, input.Path, input.Document));
        page.WaitForAssertion(() => Assert.Equal("S3Reader", page.Find(".policies-detail-title").TextContent));
    }

    [Fact]
    public async Task CustomerManaged_Versions_SetDefaultAndDelete()
    {
        await using var access = new AccessTestContext();
        access.Organization.AddAccount("222222222222", "Dev", FakeOrganizationService.RootId);
        var policy = access.Policies.AddCustomer("cp-1", "222222222222", "S3Reader", Doc);
        access.RenderProviders();
        var dialogs = access.Context.Render<MudBlazor.MudDialogProvider>();
        var page = access.Context.Render<PoliciesPage>();
        page.FindAll(".mud-tab").First(t => t.TextContent.Contains("Customer managed", StringComparison.Ordinal)).Click();
        page.WaitForElement(".policies-customer-name").Click();

        page.WaitForElement("#policies-save-version").Click();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".policies-version").Count));
        page.WaitForAssertion(() => Assert.Contains(("cp-1", "CreateVersion", Doc), access.Policies.Calls));

        page.FindAll(".policies-set-default").First(b => !b.HasAttribute("disabled")).Click();
        page.WaitForAssertion(() => Assert.Contains(("cp-1", "SetDefault", "v1"), access.Policies.Calls));
        page.WaitForAssertion(() => Assert.False(page.FindAll(".policies-delete-version")[1].HasAttribute("disabled")));
        page.FindAll(".policies-delete-version")[1].Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();
        page.WaitForAssertion(() => Assert.Contains(("cp-1", "DeleteVersion", "v2"), access.Policies.Calls));
        Assert.NotNull(policy);
    }
}
