using Bunit;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Components.Pages.Admin.Groups;
using IdentityCenter.Web.Services;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Groups;

/// <summary>Adding members on the group page, on its own: the prefix search, the queue, one call, the server-side check.</summary>
public sealed class AddGroupMembersTests
{
    private static IRenderedComponent<AddGroupMembers> Render(AdminTestContext admin, Action? added = null) =>
        admin.Context.Render<AddGroupMembers>(p => p
            .Add(x => x.Group, SectionTestGroup.Of(admin))
            .Add(x => x.Added, added ?? (() => { })));

    [Fact]
    public async Task Search_AsksTheServiceForAPrefix_QueuedUsersAreNotOfferedAgain()
    {
        await using var admin = SectionTestGroup.Context();
        admin.RenderProviders();
        var section = Render(admin);

        await SectionTestGroup.ChooseAsync(section, " ca ", 0);
        var autocomplete = section.FindComponent<MudBlazor.MudAutocomplete<IdentityCenter.Infrastructure.Directory.MemberCandidate>>();
        var again = (await section.InvokeAsync(() => autocomplete.Instance.SearchFunc!("ca", CancellationToken.None))).ToList();

        Assert.Equal("ca", admin.Groups.CandidateSearches[0]);
        Assert.Equal(["cathy"], again.Select(c => c.UserName));
        Assert.Equal(["carol"], section.FindAll(".members-pending .mud-chip").Select(c => c.TextContent.Trim()));
        Assert.Contains("Add member", section.Find(".members-add").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_TwoQueued_AddsBothInOneCallAndTellsTheList()
    {
        await using var admin = SectionTestGroup.Context();
        admin.RenderProviders();
        var added = 0;
        var section = Render(admin, () => added++);

        await SectionTestGroup.ChooseAsync(section, "ca", 0, 1);
        section.WaitForAssertion(() => Assert.Contains("Add 2 members", section.Find(".members-add").TextContent, StringComparison.Ordinal));
        section.Find(".members-add").Click();

        section.WaitForAssertion(() => Assert.Equal(1, added));
        var call = Assert.Single(admin.Groups.Added);
        Assert.Equal(SectionTestGroup.Id, call.GroupId);
        Assert.Equal(["id-carol", "id-cathy"], call.UserIds);
        Assert.Empty(section.FindAll(".members-pending"));
    }

    [Fact]
    public async Task Add_HelpDeskAddingAnAdministrator_RefusedOnTheServer_QueueKept()
    {
        await using var admin = SectionTestGroup.Context(BuiltInGroups.HelpDeskId);
        admin.Authorizer.AdministrativeSubjects["id-carol"] = BuiltInGroups.AdministratorsName;
        admin.RenderProviders();
        var added = 0;
        var section = Render(admin, () => added++);

        await SectionTestGroup.ChooseAsync(section, "ca", 0, 1);
        section.Find(".members-add").Click();

        section.WaitForAssertion(() => Assert.Contains("with an explicit deny", section.Find(".group-add-members-error").TextContent, StringComparison.Ordinal));
        Assert.Contains(ConsoleActions.CreateGroupMembership, section.Find(".group-add-members-error").TextContent, StringComparison.Ordinal);
        Assert.Empty(admin.Groups.Added);
        Assert.Equal(2, section.FindAll(".members-pending .mud-chip").Count);
        Assert.Equal(0, added);
    }

    [Fact]
    public async Task Add_DatabaseDown_ShowsTheUnavailableFailure_QueueKept()
    {
        await using var admin = SectionTestGroup.Context();
        admin.RenderProviders();
        var added = 0;
        var section = Render(admin, () => added++);
        await SectionTestGroup.ChooseAsync(section, "ca", 0);
        admin.Groups.StorageFailure = new TimeoutException("database timeout");

        section.Find(".members-add").Click();

        section.WaitForAssertion(() => Assert.Equal(AdminErrors.Unavailable, section.Find(".group-add-members-error").TextContent.Trim()));
        Assert.Single(section.FindAll(".members-pending .mud-chip"));
        Assert.Equal(0, added);
    }
}
