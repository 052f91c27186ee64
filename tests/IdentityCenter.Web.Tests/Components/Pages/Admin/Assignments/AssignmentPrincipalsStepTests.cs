using Bunit;
using IdentityCenter.Core.Assignments;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Components.Pages.Admin.Assignments;
using IdentityCenter.Web.Tests.Fakes;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Assignments;

/// <summary>The wizard's users and groups step on its own: server-side searches, adding and removing principals.</summary>
public sealed class AssignmentPrincipalsStepTests
{
    private static IRenderedComponent<AssignmentPrincipalsStep> Render(AccessTestContext access, AssignmentSelection selection)
    {
        access.RenderProviders();
        return access.Context.Render<AssignmentPrincipalsStep>(p => p.Add(s => s.Selection, selection));
    }

    [Fact]
    public async Task SearchUsers_In100000Users_AsksTheDirectoryForOnePageAndShowsIt()
    {
        await using var access = new AccessTestContext();
        for (var i = 0; i < 100_000; i++)
        {
            access.Users.Store.Add(FakeUserDirectoryService.NewUser($"u-{i:D6}", $"user{i:D6}", $"User {i}"));
        }

        var step = Render(access, new AssignmentSelection());

        step.Find("input#wizard-user-search").Input("user");

        step.WaitForAssertion(() => Assert.Equal(20, step.FindAll(".wizard-user-result").Count));
        Assert.Equal("user", access.Users.Queries[^1].Search);
        Assert.Equal(20, access.Users.Queries[^1].PageSize);
        Assert.Contains("user000000", step.FindAll(".wizard-user-result")[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_UserAndGroup_LandInTheSelectionOnce_RemovingTheChipDropsIt()
    {
        await using var access = new AccessTestContext();
        access.Users.Store.Add(FakeUserDirectoryService.NewUser("u-alice", "alice", "Alice"));
        access.Groups.AddGroup("g-dev", "Developers");
        var selection = new AssignmentSelection();
        var step = Render(access, selection);

        step.Find("input#wizard-user-search").Input("ali");
        step.WaitForElement(".wizard-user-add").Click();
        step.WaitForAssertion(() => Assert.True(step.Find(".wizard-user-add").HasAttribute("disabled")));
        Assert.Equal("Add user alice", step.Find(".wizard-user-add").GetAttribute("aria-label"));
        step.Find("input#wizard-group-search").Input("Dev");
        step.WaitForElement(".wizard-group-add").Click();

        step.WaitForAssertion(() => Assert.Equal(2, step.FindAll(".wizard-selected-principal").Count));
        Assert.Equal([new ChosenPrincipal(PrincipalType.User, "u-alice", "alice"), new ChosenPrincipal(PrincipalType.Group, "g-dev", "Developers")], selection.Principals);
        Assert.Contains("Selected (2)", step.Markup, StringComparison.Ordinal);

        step.FindAll(".wizard-selected-principal").First(c => c.TextContent.Contains("alice", StringComparison.Ordinal)).QuerySelector(".mud-chip-close-button")!.Click();

        step.WaitForAssertion(() => Assert.Single(step.FindAll(".wizard-selected-principal")));
        Assert.Equal([new ChosenPrincipal(PrincipalType.Group, "g-dev", "Developers")], selection.Principals);
    }

    [Fact]
    public async Task Render_ChosenBefore_ShowsTheirChipsAndDisablesTheirAddButtons()
    {
        await using var access = new AccessTestContext();
        access.Users.Store.Add(FakeUserDirectoryService.NewUser("u-alice", "alice", "Alice"));
        var selection = new AssignmentSelection();
        selection.Choose(PrincipalType.User, "u-alice", "alice");
        var step = Render(access, selection);

        Assert.Contains("alice", step.Find(".wizard-selected-principal").TextContent, StringComparison.Ordinal);
        step.Find("input#wizard-user-search").Input("alice");
        step.WaitForAssertion(() => Assert.True(step.Find(".wizard-user-add").HasAttribute("disabled")));
    }

    [Fact]
    public async Task SearchUsers_DatabaseDown_ShowsTheFailureUnderTheField_AndAClearedSearchForgetsIt()
    {
        await using var access = new AccessTestContext();
        access.Users.SearchFailure = new TimeoutException("database timeout");
        var step = Render(access, new AssignmentSelection());

        step.Find("input#wizard-user-search").Input("ali");

        step.WaitForAssertion(() => Assert.Equal("The user search did not answer. Try again in a moment.", step.Find(".wizard-search-error").TextContent.Trim()));
        Assert.Contains("operation-error", step.Find(".wizard-search-error").ClassName, StringComparison.Ordinal);
        Assert.Empty(step.FindAll(".wizard-user-result"));

        step.Find("input#wizard-user-search").Input("");
        step.WaitForAssertion(() => Assert.Empty(step.FindAll(".wizard-search-error")));
    }
}
