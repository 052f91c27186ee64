using Bunit;
using IdentityCenter.Web.Components.Pages.Admin.Assignments;
using IdentityCenter.Web.Tests.Fakes;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Assignments;

/// <summary>The wizard's accounts step on its own: it ticks accounts in the shared selection.</summary>
public sealed class AssignmentAccountsStepTests
{
    private static async Task<IRenderedComponent<AssignmentAccountsStep>> RenderAsync(AccessTestContext access, AssignmentSelection selection)
    {
        access.Organization.AddAccount("222222222222", "Dev", FakeOrganizationService.RootId);
        access.Organization.AddAccount("333333333333", "Prod", FakeOrganizationService.RootId);
        var accounts = await access.Organization.ListAccountsAsync();
        return access.Context.Render<AssignmentAccountsStep>(p => p.Add(s => s.Selection, selection).Add(s => s.Accounts, accounts));
    }

    [Fact]
    public async Task Tick_AddsTheAccountToTheSelection_UntickRemovesIt()
    {
        await using var access = new AccessTestContext();
        var selection = new AssignmentSelection();
        var step = await RenderAsync(access, selection);

        step.FindAll(".wizard-account").First(e => e.TextContent.Contains("Prod (333333333333)", StringComparison.Ordinal)).QuerySelector("input")!.Change(true);

        Assert.Equal(["333333333333"], selection.AccountIds);
        step.WaitForAssertion(() => Assert.Equal("1 account(s) selected", step.Find(".wizard-selected-count").TextContent.Trim()));

        step.FindAll(".wizard-account").First(e => e.TextContent.Contains("Prod (333333333333)", StringComparison.Ordinal)).QuerySelector("input")!.Change(false);

        Assert.Empty(selection.AccountIds);
    }

    [Fact]
    public async Task Render_ChosenBefore_ShowsThemTicked_AndTheManagementAccountMarked()
    {
        await using var access = new AccessTestContext();
        var selection = new AssignmentSelection();
        selection.AccountIds.Add("222222222222");

        var step = await RenderAsync(access, selection);

        var dev = step.FindAll(".wizard-account").First(e => e.TextContent.Contains("Dev (222222222222)", StringComparison.Ordinal));
        Assert.True(dev.QuerySelector("input")!.HasAttribute("checked"));
        Assert.False(step.FindAll(".wizard-account").First(e => e.TextContent.Contains("Prod", StringComparison.Ordinal)).QuerySelector("input")!.HasAttribute("checked"));
        Assert.Contains(step.FindAll(".wizard-account"), e => e.TextContent.Contains("Management (111111111111)", StringComparison.Ordinal) && e.TextContent.Contains("management account", StringComparison.Ordinal));
        Assert.Equal("1 account(s) selected", step.Find(".wizard-selected-count").TextContent.Trim());
    }

    [Fact]
    public async Task Filter_ByNameOrId_ListsOnlyTheMatches_AndKeepsHiddenChoices()
    {
        await using var access = new AccessTestContext();
        var selection = new AssignmentSelection();
        selection.AccountIds.Add("222222222222");
        var step = await RenderAsync(access, selection);

        step.Find("input#wizard-account-filter").Input("prod");
        step.WaitForAssertion(() => Assert.Equal(["Prod (333333333333)"], step.FindAll(".wizard-account").Select(e => e.TextContent.Split(" · ")[0].Trim())));

        step.Find("input#wizard-account-filter").Input("1111");
        step.WaitForAssertion(() => Assert.Single(step.FindAll(".wizard-account")));
        Assert.Contains("Management", step.Find(".wizard-account").TextContent, StringComparison.Ordinal);
        Assert.Equal(["222222222222"], selection.AccountIds);
    }

    [Fact]
    public async Task Render_NoAccounts_PointsToTheOrganization()
    {
        await using var access = new AccessTestContext();
        var step = access.Context.Render<AssignmentAccountsStep>(p => p.Add(s => s.Selection, new AssignmentSelection()));

        Assert.Contains("There are no accounts yet.", step.Markup, StringComparison.Ordinal);
        Assert.Equal("/admin/organization", step.Find(".wizard-accounts a").GetAttribute("href"));
    }
}
