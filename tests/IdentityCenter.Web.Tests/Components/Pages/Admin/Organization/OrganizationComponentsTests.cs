using Bunit;
using IdentityCenter.Core;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Components.Pages.Admin.Organization;
using IdentityCenter.Web.Tests.Fakes;
using MudBlazor;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Organization;

/// <summary>The components the organization page is made of, each on its own over the organization service fake.</summary>
public sealed class OrganizationComponentsTests
{
    private static AccessTestContext Arrange()
    {
        var access = new AccessTestContext();
        access.Organization.AddUnit("ou-root-00000001", "Workloads", FakeOrganizationService.RootId);
        access.Organization.AddAccount("222222222222", "Dev", "ou-root-00000001");
        return access;
    }

    private static async Task<OrganizationView> ViewAsync(AccessTestContext access) => (await access.Organization.GetOrganizationAsync())!;

    [Fact]
    public async Task NodeForm_EditAccount_StartsWithItsValuesAndSavesThemThroughTheService()
    {
        await using var access = Arrange();
        var view = await ViewAsync(access);
        var saved = new List<string>();
        var form = access.Context.Render<OrganizationNodeForm>(p => p
            .Add(f => f.Mode, OrganizationFormMode.EditAccount)
            .Add(f => f.Node, view.Nodes.Single(n => n.Id == "222222222222"))
            .Add(f => f.Account, view.Accounts.Single(a => a.Id == "222222222222"))
            .Add(f => f.Saved, (string message) => saved.Add(message)));

        Assert.Equal("Dev", form.Find("input#org-account-name").GetAttribute("value"));
        form.Find("input#org-account-name").Change("Development");
        form.Find("#org-node-form").Submit();

        form.WaitForAssertion(() => Assert.Equal(["Account saved."], saved));
        Assert.Contains(("UpdateAccount", "222222222222", "Development"), access.Organization.Calls);
    }

    [Fact]
    public async Task NodeForm_ServiceRefusesTheName_ShowsItAtTheFieldAndAnotherErrorAboveTheButtons_NothingSaved()
    {
        await using var access = Arrange();
        var view = await ViewAsync(access);
        access.Organization.NextFailure = OperationResult.Invalid(
            [new FieldError("Name", "An OU named Workloads already exists here: choose another name."), FieldError.General("The parent OU was deleted meanwhile.")]);
        var saved = new List<string>();
        var form = access.Context.Render<OrganizationNodeForm>(p => p
            .Add(f => f.Mode, OrganizationFormMode.CreateUnit)
            .Add(f => f.Node, view.Nodes.Single(n => n.Id == FakeOrganizationService.RootId))
            .Add(f => f.Saved, (string message) => saved.Add(message)));

        Assert.Equal("New OU in Root", form.Find("h3").TextContent);
        form.Find("input#org-ou-name").Change("Workloads");
        form.Find("#org-node-form").Submit();

        form.WaitForAssertion(() => Assert.Contains("already exists here", form.Find(".mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal));
        Assert.Equal("The parent OU was deleted meanwhile.", Assert.Single(form.FindAll(".operation-error")).TextContent.Trim());
        Assert.Empty(saved);
    }

    [Fact]
    public async Task NodeForm_AnotherNodeChosen_StartsAfresh()
    {
        await using var access = Arrange();
        var view = await ViewAsync(access);
        var form = access.Context.Render<OrganizationNodeForm>(p => p
            .Add(f => f.Mode, OrganizationFormMode.RenameUnit)
            .Add(f => f.Node, view.Nodes.Single(n => n.Id == "ou-root-00000001")));
        Assert.Equal("Workloads", form.Find("input#org-ou-name").GetAttribute("value"));

        form.Render(p => p.Add(f => f.Mode, OrganizationFormMode.CreateAccount).Add(f => f.Node, view.Nodes.Single(n => n.Id == FakeOrganizationService.RootId)));

        Assert.True(string.IsNullOrEmpty(form.Find("input#org-account-name").GetAttribute("value")));
        Assert.Equal("New account in Root", form.Find("h3").TextContent);
    }

    [Fact]
    public async Task AttachedPolicies_ListsByTypeOffersOnlyTheOthersAndHandsTheChoiceToThePage()
    {
        await using var access = Arrange();
        access.RenderProviders();
        var guard = access.Organization.AddPolicy("p-guard", "GuardRails", OrganizationPolicyType.ServiceControlPolicy, "{}");
        var rcp = access.Organization.AddPolicy("p-rcp", "DataPerimeter", OrganizationPolicyType.ResourceControlPolicy, "{}", "222222222222");
        var all = await access.Organization.ListPoliciesAsync();
        var attached = all.Where(p => p.Id == rcp.Id).ToList();
        string? attach = null;
        OrganizationPolicyInfo? detach = null;
        var panel = access.Context.Render<AttachedPoliciesPanel>(p => p
            .Add(c => c.TargetId, "222222222222")
            .Add(c => c.Attached, attached)
            .Add(c => c.AllPolicies, all)
            .Add(c => c.Attach, (string id) => attach = id)
            .Add(c => c.Detach, (OrganizationPolicyInfo policy) => detach = policy));

        Assert.Contains("None directly attached.", panel.Find(".org-attached-scp").TextContent, StringComparison.Ordinal);
        Assert.Contains("DataPerimeter", panel.Find(".org-attached-rcp").TextContent, StringComparison.Ordinal);
        Assert.True(panel.Find("#org-attach-policy").HasAttribute("disabled"));
        var select = panel.FindComponent<MudSelect<string>>();
        Assert.DoesNotContain(select.FindComponents<MudSelectItem<string>>(), i => i.Instance.Value == rcp.Id);

        await panel.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(guard.Id));
        panel.Find("#org-attach-policy").Click();
        Assert.Equal(guard.Id, attach);
        panel.Find(".org-detach-policy").Click();
        Assert.Equal(rcp.Id, detach?.Id);
    }

    [Fact]
    public async Task TreeItems_ShowEveryLevelAccountsWithIdsAndTheManagementMarker()
    {
        await using var access = Arrange();
        access.Organization.AddUnit("ou-root-00000002", "Prod", "ou-root-00000001");
        var view = await ViewAsync(access);
        var tree = access.Context.Render<MudTreeView<string>>(p => p.AddChildContent<OrganizationTreeItems>(c => c.Add(t => t.View, view)));

        var items = tree.FindAll(".mud-treeview-item-content").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(5, items.Count);
        Assert.Contains(items, t => t.StartsWith("Prod", StringComparison.Ordinal));
        Assert.Contains(items, t => t.Contains("Dev (222222222222)", StringComparison.Ordinal) && !t.Contains("management", StringComparison.Ordinal));
        Assert.Contains(items, t => t.Contains("Management (111111111111)", StringComparison.Ordinal) && t.Contains("management", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateOrganizationForm_FieldErrorAtTheField_CreatedOnlyOnSuccess()
    {
        await using var access = new AccessTestContext();
        access.Organization.Exists = false;
        var created = 0;
        var form = access.Context.Render<CreateOrganizationForm>(p => p.Add(f => f.Created, () => created++));

        form.Find("input#org-create-name").Change("Management");
        form.Find("input#org-create-email").Change("root@example.com");
        form.Find("#org-create-form").Submit();

        form.WaitForAssertion(() => Assert.Equal(1, created));
        Assert.Contains(("CreateOrganization", "Management", "root@example.com"), access.Organization.Calls);
    }

    [Fact]
    public async Task OperationErrors_ShowsTheErrorsOfNoFormFieldAndTheFailure_Once()
    {
        await using var access = new AccessTestContext();
        var errors = access.Context.Render<OperationErrors>(p => p
            .Add(e => e.Errors, [new FieldError("Name", "Choose a name."), FieldError.General("The OU is not empty.")])
            .Add(e => e.Fields, ["Name"])
            .Add(e => e.Failure, "The OU is not empty."));

        Assert.Equal(["The OU is not empty."], errors.FindAll(".operation-error").Select(e => e.TextContent.Trim()));
    }
}
