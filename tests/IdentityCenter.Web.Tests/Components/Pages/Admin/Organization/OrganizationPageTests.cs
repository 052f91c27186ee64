using Bunit;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Web.Components.Pages.Admin.Organization;
using IdentityCenter.Web.Tests.Fakes;
using MudBlazor;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Organization;

public sealed class OrganizationPageTests
{
    private static AccessTestContext Arrange()
    {
        var access = new AccessTestContext();
        access.Organization.AddUnit("ou-root-00000001", "Workloads", FakeOrganizationService.RootId);
        access.Organization.AddUnit("ou-root-00000002", "Sandbox", FakeOrganizationService.RootId);
        access.Organization.AddAccount("222222222222", "Dev", "ou-root-00000001");
        access.Organization.AddPolicy("p-guard", "GuardRails", OrganizationPolicyType.ServiceControlPolicy, """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}""");
        return access;
    }

    private static void Select(IRenderedComponent<OrganizationPage> page, string text) =>
        page.FindAll(".mud-treeview-item-content").First(e => e.TextContent.Contains(text, StringComparison.Ordinal)).Click();

    [Fact]
    public async Task Render_Tree_ShowsRootUnitsAccountsAndMarksManagement()
    {
        await using var access = Arrange();
        access.RenderProviders();

        var page = access.Context.Render<OrganizationPage>();

        var items = page.FindAll(".mud-treeview-item-content").Select(e => e.TextContent).ToList();
        Assert.Contains(items, t => t.Contains("Root", StringComparison.Ordinal));
        Assert.Contains(items, t => t.Contains("Workloads", StringComparison.Ordinal));
        Assert.Contains(items, t => t.Contains("Dev (222222222222)", StringComparison.Ordinal));
        Assert.Contains(items, t => t.Contains("Management (111111111111)", StringComparison.Ordinal) && t.Contains("management", StringComparison.Ordinal));
        Assert.Contains("FullAWSAccess", page.Find(".org-attached-scp").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoveAccount_ChooseDestination_CallsServiceAndReloads()
    {
        await using var access = Arrange();
        var dialogs = access.RenderProviders();
        var page = access.Context.Render<OrganizationPage>();

        Select(page, "Dev (222222222222)");
        page.WaitForElement("#org-move-account").Click();
        var select = dialogs.WaitForElement("#org-move-destination");
        var destination = dialogs.FindComponent<MudSelect<string>>();
        await dialogs.InvokeAsync(() => destination.Instance.ValueChanged.InvokeAsync("ou-root-00000002"));
        dialogs.Find("#org-move-confirm").Click();

        page.WaitForAssertion(() => Assert.Contains(("MoveAccount", "222222222222", "ou-root-00000002"), access.Organization.Calls));
        Assert.Equal("ou-root-00000002", access.Organization.AccountParents["222222222222"]);
        Assert.NotNull(select);
    }

    [Fact]
    public async Task MoveAccount_DestinationsExcludeCurrentParent()
    {
        await using var access = Arrange();
        var dialogs = access.RenderProviders();
        var page = access.Context.Render<OrganizationPage>();

        Select(page, "Dev (222222222222)");
        page.WaitForElement("#org-move-account").Click();
        dialogs.WaitForElement("#org-move-destination");
        var dialog = dialogs.FindComponent<MoveAccountDialog>();

        Assert.Equal(["r-root", "ou-root-00000002"], dialog.Instance.Destinations.Select(d => d.Id));
        dialogs.Find("#org-move-confirm").Click();
        Assert.Contains("Choose where the account moves", dialogs.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(access.Organization.Calls, c => c.Method == "MoveAccount");
    }

    [Fact]
    public async Task CreateUnit_InSelectedUnit_CallsServiceWithParent()
    {
        await using var access = Arrange();
        access.RenderProviders();
        var page = access.Context.Render<OrganizationPage>();

        Select(page, "Workloads");
        page.WaitForElement("#org-create-ou").Click();
        page.Find("input#org-ou-name").Change("Prod");
        page.Find("#org-node-form").Submit();

        page.WaitForAssertion(() => Assert.Contains(("CreateOrganizationalUnit", "ou-root-00000001", "Prod"), access.Organization.Calls));
        page.WaitForAssertion(() => Assert.Contains(page.FindAll(".mud-treeview-item-content"), e => e.TextContent.Contains("Prod", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AttachAndDetach_ScpOnAccount_CallService()
    {
        await using var access = Arrange();
        var dialogs = access.RenderProviders();
        var page = access.Context.Render<OrganizationPage>();

        Select(page, "Dev (222222222222)");
        var attach = page.FindComponents<MudSelect<string>>().First(s => s.Instance.Label == "Attach a policy");
        await page.InvokeAsync(() => attach.Instance.ValueChanged.InvokeAsync("p-guard"));
        page.Find("#org-attach-policy").Click();
        page.WaitForAssertion(() => Assert.Contains(("AttachPolicy", "p-guard", "222222222222"), access.Organization.Calls));
        page.WaitForAssertion(() => Assert.Contains("GuardRails", page.Find(".org-attached-scp").TextContent, StringComparison.Ordinal));

        page.Find(".org-detach-policy").Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();
        page.WaitForAssertion(() => Assert.Contains(("DetachPolicy", "p-guard", "222222222222"), access.Organization.Calls));
    }

    [Fact]
    public async Task Render_NoOrganization_OffersToCreateIt()
    {
        await using var access = new AccessTestContext();
        access.Organization.Exists = false;
        access.RenderProviders();
        var page = access.Context.Render<OrganizationPage>();

        page.Find("input#org-create-name").Change("Management");
        page.Find("input#org-create-email").Change("root@example.com");
        page.Find("#org-create-form").Submit();

        page.WaitForAssertion(() => Assert.Contains(("CreateOrganization", "Management", "root@example.com"), access.Organization.Calls));
        page.WaitForElement(".org-tree");
    }
}
