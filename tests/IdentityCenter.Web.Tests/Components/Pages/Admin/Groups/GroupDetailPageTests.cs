using Bunit;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Components.Pages.Admin.Groups;
using MudBlazor;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Groups;

public sealed class GroupDetailPageTests
{
    private static AdminTestContext WithDevelopers()
    {
        var admin = new AdminTestContext();
        admin.Groups.AddGroup("g-dev", "Developers", "Build things");
        admin.Groups.AddMember("g-dev", "id-alice", "alice");
        admin.Groups.AddMember("g-dev", "id-bob", "bob");
        admin.Groups.Candidates.Add(new MemberCandidate("id-alice", "alice", "Alice", null, false));
        admin.Groups.Candidates.Add(new MemberCandidate("id-carol", "carol", "Carol", "carol@example.com", false));
        admin.Groups.Candidates.Add(new MemberCandidate("id-cathy", "cathy", "Cathy", null, false));
        return admin;
    }

    private static IRenderedComponent<GroupDetailPage> Render(AdminTestContext admin)
    {
        var page = admin.Context.Render<GroupDetailPage>(p => p.Add(x => x.GroupId, "g-dev"));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".members-grid tbody tr.mud-table-row").Count));
        return page;
    }

    [Fact]
    public async Task Render_Group_ShowsDetailsAndMembers()
    {
        await using var admin = WithDevelopers();
        admin.RenderProviders();

        var page = Render(admin);

        Assert.Equal("Developers", page.Find("h1.group-title").TextContent);
        Assert.Equal("Build things", page.Find(".field-description textarea").TextContent);
        Assert.Contains("alice", page.FindAll(".members-grid tbody tr.mud-table-row")[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Members (2)", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMembers_SearchAndChooseTwo_AddsBothInOneCall()
    {
        await using var admin = WithDevelopers();
        admin.RenderProviders();
        var page = Render(admin);
        var autocomplete = page.FindComponent<MudAutocomplete<MemberCandidate>>();

        var hits = (await page.InvokeAsync(() => autocomplete.Instance.SearchFunc!("ca", CancellationToken.None))).ToList();
        Assert.Equal(["carol", "cathy"], hits.Select(h => h.UserName));
        Assert.Equal("ca", admin.Groups.CandidateSearches[^1]);
        await page.InvokeAsync(() => autocomplete.Instance.ValueChanged.InvokeAsync(hits[0]));
        await page.InvokeAsync(() => autocomplete.Instance.ValueChanged.InvokeAsync(hits[1]));
        page.WaitForAssertion(() => Assert.Contains("Add 2 members", page.Find(".members-add").TextContent, StringComparison.Ordinal));
        page.Find(".members-add").Click();

        page.WaitForAssertion(() => Assert.Single(admin.Groups.Added));
        Assert.Equal("g-dev", admin.Groups.Added[0].GroupId);
        Assert.Equal(["id-carol", "id-cathy"], admin.Groups.Added[0].UserIds);
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll(".members-grid tbody tr.mud-table-row").Count));
        Assert.Empty(page.FindAll(".members-pending"));
    }

    [Fact]
    public async Task AddMembers_ExistingMember_IsMarkedAndNotQueued()
    {
        await using var admin = WithDevelopers();
        admin.RenderProviders();
        var page = Render(admin);
        var autocomplete = page.FindComponent<MudAutocomplete<MemberCandidate>>();

        var hits = (await page.InvokeAsync(() => autocomplete.Instance.SearchFunc!("alice", CancellationToken.None))).ToList();
        var alice = Assert.Single(hits);
        Assert.True(alice.IsMember);
        Assert.True(autocomplete.Instance.ItemDisabledFunc!(alice));
        await page.InvokeAsync(() => autocomplete.Instance.ValueChanged.InvokeAsync(alice));

        Assert.True(page.Find(".members-add").HasAttribute("disabled"));
        Assert.Empty(admin.Groups.Added);
    }

    [Fact]
    public async Task RemoveMember_Confirmed_RemovesAndReloads()
    {
        await using var admin = WithDevelopers();
        var dialogs = admin.RenderProviders();
        var page = Render(admin);

        page.FindAll(".member-remove")[1].Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Remove bob from Developers?", dialogs.Find(".confirm-dialog-message").TextContent, StringComparison.Ordinal));
        dialogs.Find(".confirm-dialog-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal([("g-dev", "id-bob")], admin.Groups.Removed));
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".members-grid tbody tr.mud-table-row")));
    }

    [Fact]
    public async Task RemoveMember_Refused_ShowsReason()
    {
        await using var admin = WithDevelopers();
        admin.Groups.NextFailure = IdentityCenter.Core.Directory.OperationResult.Conflict("", "This is the last enabled administrator. Add another administrator first.");
        var dialogs = admin.RenderProviders();
        var page = Render(admin);

        page.FindAll(".member-remove")[0].Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        page.WaitForAssertion(() => Assert.Contains("last enabled administrator", page.Find(".group-action-error").TextContent, StringComparison.Ordinal));
        Assert.Equal(2, page.FindAll(".members-grid tbody tr.mud-table-row").Count);
    }

    [Fact]
    public async Task DeleteGroup_Confirmed_DeletesAndReturnsToList()
    {
        await using var admin = WithDevelopers();
        var dialogs = admin.RenderProviders();
        var page = Render(admin);

        page.Find(".group-delete").Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal(["g-dev"], admin.Groups.Deleted));
        var navigation = admin.Context.Services.GetService<Microsoft.AspNetCore.Components.NavigationManager>()!;
        Assert.EndsWith("/admin/groups", navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_DatabaseDown_ShowsLoadMessage()
    {
        await using var admin = WithDevelopers();
        admin.Groups.StorageFailure = new TimeoutException("database timeout");
        admin.RenderProviders();

        var page = admin.Context.Render<GroupDetailPage>(p => p.Add(x => x.GroupId, "g-dev"));

        page.WaitForAssertion(() => Assert.Equal("The group could not be loaded: the directory database did not answer. Reload the page in a moment.",
            page.Find(".group-load-error").TextContent.Trim()));
        Assert.Empty(page.FindAll(".members-grid"));
    }

    [Fact]
    public async Task AddMember_HeadingAndDeleteConfirmationCountTheNewMember()
    {
        await using var admin = WithDevelopers();
        var dialogs = admin.RenderProviders();
        var page = Render(admin);

        await SectionTestGroup.ChooseAsync(page, "ca", 0);
        page.Find(".members-add").Click();
        page.WaitForAssertion(() => Assert.Contains("Members (3)", page.Markup, StringComparison.Ordinal));
        page.Find(".group-delete").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("Its 3 membership(s) are removed", dialogs.Find(".confirm-dialog-message").TextContent, StringComparison.Ordinal));
        dialogs.Find(".confirm-dialog-cancel").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".confirm-dialog-cancel")));
        Assert.Empty(admin.Groups.Deleted);
    }

    [Fact]
    public async Task SaveDetails_TitleAndBreadcrumbShowTheNewName()
    {
        await using var admin = WithDevelopers();
        admin.RenderProviders();
        var page = Render(admin);

        page.Find(".field-groupname input").Change("Builders");
        page.Find("#group-form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Builders", page.Find("h1.group-title").TextContent));
        Assert.Contains("Builders", page.Find(".mud-breadcrumbs").TextContent, StringComparison.Ordinal);
    }
}
