using Bunit;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Components.Pages.Admin.Groups;
using IdentityCenter.Web.Services;
using MudBlazor;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Groups;

/// <summary>The members section of the group page on its own: server paging and search, removal, adding through its search.</summary>
public sealed class GroupMembersTests
{
    private static readonly IReadOnlySet<string> All = SectionTestGroup.Allowing(ConsoleActions.CreateGroupMembership, ConsoleActions.DeleteGroupMembership);

    private static IRenderedComponent<GroupMembers> Render(AdminTestContext admin, Action? changed = null, IReadOnlySet<string>? allowed = null)
    {
        var section = admin.Context.Render<GroupMembers>(p => p
            .Add(x => x.Group, SectionTestGroup.Of(admin))
            .Add(x => x.Allowed, allowed ?? All)
            .Add(x => x.Changed, changed ?? (() => { })));
        section.WaitForAssertion(() => Assert.Equal(2, Rows(section).Count));
        return section;
    }

    private static List<string> Rows(IRenderedComponent<GroupMembers> section) =>
        section.FindAll(".members-grid tbody tr.mud-table-row").Select(r => r.QuerySelector("a")!.TextContent).ToList();

    [Fact]
    public async Task Remove_Confirmed_RemovesTheMemberTheListShowsTheRestAndThePageIsTold()
    {
        await using var admin = SectionTestGroup.Context();
        var dialogs = admin.RenderProviders();
        var changed = 0;
        var section = Render(admin, () => changed++);

        section.Find("button[aria-label='Remove bob from the group']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Remove bob from Developers?", dialogs.Find(".confirm-dialog-message").TextContent, StringComparison.Ordinal));
        dialogs.Find(".confirm-dialog-confirm").Click();

        section.WaitForAssertion(() => Assert.Equal(["alice"], Rows(section)));
        Assert.Equal([(SectionTestGroup.Id, "id-bob")], admin.Groups.Removed);
        Assert.Equal(1, changed);
    }

    [Fact]
    public async Task Remove_Cancelled_KeepsTheMember()
    {
        await using var admin = SectionTestGroup.Context();
        var dialogs = admin.RenderProviders();
        var section = Render(admin);

        section.FindAll(".member-remove")[0].Click();
        dialogs.WaitForElement(".confirm-dialog-cancel").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".confirm-dialog-cancel")));
        Assert.Empty(admin.Groups.Removed);
        Assert.Equal(["alice", "bob"], Rows(section));
    }

    [Fact]
    public async Task Remove_AuditorWhosePageOfferedIt_RefusedOnTheServerWithTheReason()
    {
        await using var admin = SectionTestGroup.Context(BuiltInGroups.AuditorsId);
        var dialogs = admin.RenderProviders();
        var changed = 0;
        var section = Render(admin, () => changed++);

        section.FindAll(".member-remove")[0].Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        section.WaitForAssertion(() => Assert.Contains($"is not authorized to perform: {ConsoleActions.DeleteGroupMembership}", section.Find(".group-members-error").TextContent, StringComparison.Ordinal));
        Assert.Empty(admin.Groups.Removed);
        Assert.Equal(["alice", "bob"], Rows(section));
        Assert.Equal(0, changed);
    }

    [Fact]
    public async Task Remove_DatabaseDown_ShowsTheUnavailableFailure()
    {
        await using var admin = SectionTestGroup.Context();
        var dialogs = admin.RenderProviders();
        var section = Render(admin);
        admin.Groups.StorageFailure = new TimeoutException("database timeout");

        section.FindAll(".member-remove")[0].Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        section.WaitForAssertion(() => Assert.Equal(AdminErrors.Unavailable, section.Find(".group-members-error").TextContent.Trim()));
        Assert.Equal(["alice", "bob"], Rows(section));
    }

    [Fact]
    public async Task Search_AsksTheServerForMatchingMembersOnly()
    {
        await using var admin = SectionTestGroup.Context();
        admin.RenderProviders();
        var section = Render(admin);
        var search = section.FindComponents<MudTextField<string>>().Single(f => f.Instance.Class == "members-search");

        await section.InvokeAsync(() => search.Instance.ValueChanged.InvokeAsync("bo"));

        section.WaitForAssertion(() => Assert.Equal(["bob"], Rows(section)));
        await section.InvokeAsync(() => search.Instance.ValueChanged.InvokeAsync("zz"));
        section.WaitForAssertion(() => Assert.Contains("No members match the search.", section.Find(".members-grid").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddThroughItsSearch_TheListShowsTheNewMembersAndThePageIsTold()
    {
        await using var admin = SectionTestGroup.Context();
        admin.RenderProviders();
        var changed = 0;
        var section = Render(admin, () => changed++);

        await SectionTestGroup.ChooseAsync(section, "ca", 0);
        section.Find(".members-add").Click();

        section.WaitForAssertion(() => Assert.Equal(["alice", "bob", "carol"], Rows(section)));
        Assert.Equal(1, changed);
    }

    [Fact]
    public async Task WithoutPermissions_ListsMembersOnly()
    {
        await using var admin = SectionTestGroup.Context();
        admin.RenderProviders();

        var section = Render(admin, allowed: SectionTestGroup.Allowing());

        Assert.Contains("Members (2)", section.Markup, StringComparison.Ordinal);
        Assert.Empty(section.FindAll(".members-add"));
        Assert.Empty(section.FindAll(".member-remove"));
    }
}
