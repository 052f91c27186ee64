using Bunit;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Components.Pages.Admin.Groups;
using MudBlazor;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Groups;

public sealed class GroupsPageTests
{
    [Fact]
    public async Task Render_ManyGroups_AsksServerForFirstPageAndShowsRows()
    {
        await using var admin = new AdminTestContext();
        for (var i = 0; i < 30; i++)
        {
            admin.Groups.AddGroup($"g{i:D2}", $"Team {i:D2}", $"Description {i}");
        }

        admin.RenderProviders();

        var page = admin.Context.Render<GroupsPage>();

        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll(".groups-grid tbody tr.mud-table-row").Count));
        Assert.Equal(new GroupQuery(null, false, 0, 25), admin.Groups.Queries[^1]);
        Assert.Equal("/admin/groups/g00", page.Find(".groups-grid tbody tr.mud-table-row a").GetAttribute("href"));
    }

    [Fact]
    public async Task List_DatabaseDoesNotAnswer_ShowsTheMessage_TheNextGoodReadClearsIt()
    {
        await using var admin = new AdminTestContext();
        admin.Groups.AddGroup("g01", "Team 01", "One");
        admin.Groups.ListFailure = new TimeoutException("database timeout");
        admin.RenderProviders();

        var page = admin.Context.Render<GroupsPage>();

        page.WaitForAssertion(() => Assert.Equal("The groups could not be loaded. Try again in a moment.", page.Find(".mud-alert-message").TextContent.Trim()));
        admin.Groups.ListFailure = null;
        page.Find(".groups-search input").Input("Team");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-alert-message")));
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".groups-grid tbody tr.mud-table-row")));
    }

    [Fact]
    public async Task Search_Typed_QueriesServerWithSearch()
    {
        await using var admin = new AdminTestContext();
        admin.Groups.AddGroup("g1", "Developers");
        admin.Groups.AddGroup("g2", "Designers");
        admin.Groups.AddGroup("g3", "Finance");
        admin.RenderProviders();
        var page = admin.Context.Render<GroupsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(admin.Groups.Queries));

        page.Find(".groups-search input").Input("De");

        page.WaitForAssertion(() => Assert.Equal("De", admin.Groups.Queries[^1].Search), TimeSpan.FromSeconds(3));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".groups-grid tbody tr.mud-table-row").Count));
    }

    [Fact]
    public async Task CreateGroup_DuplicateName_ShowsConflictMessage()
    {
        await using var admin = new AdminTestContext();
        admin.Groups.AddGroup("g1", "Developers");
        var dialogs = admin.RenderProviders();
        var page = admin.Context.Render<GroupsPage>();

        page.Find(".groups-create").Click();
        dialogs.WaitForElement(".field-groupname input").Change("developers");
        dialogs.Find("form#create-group-form").Submit();

        dialogs.WaitForAssertion(() => Assert.Contains("already exists", dialogs.Find(".field-groupname").TextContent, StringComparison.Ordinal));
        Assert.Single(admin.Groups.Groups);
    }

    [Fact]
    public async Task CreateGroup_Valid_CreatesAndOpensTheGroup()
    {
        await using var admin = new AdminTestContext();
        var dialogs = admin.RenderProviders();
        var page = admin.Context.Render<GroupsPage>();

        page.Find(".groups-create").Click();
        dialogs.WaitForElement(".field-groupname input").Change("Auditors");
        dialogs.Find(".field-description textarea").Change("Read-only reviewers");
        dialogs.Find("form#create-group-form").Submit();

        dialogs.WaitForAssertion(() => Assert.Single(admin.Groups.CreatedInputs));
        Assert.Equal(new GroupInput("Auditors", "Read-only reviewers"), admin.Groups.CreatedInputs[0]);
        var navigation = admin.Context.Services.GetService<Microsoft.AspNetCore.Components.NavigationManager>()!;
        Assert.EndsWith("/admin/groups/g-Auditors", navigation.Uri, StringComparison.Ordinal);
    }
}
