using Bunit;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Components.Pages.Admin.Users;
using IdentityCenter.Web.Tests.Fakes;
using MudBlazor;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Users;

public sealed class UsersPageTests
{
    private static AdminTestContext WithUsers(int count)
    {
        var admin = new AdminTestContext();
        for (var i = 0; i < count; i++)
        {
            admin.Users.Store.Add(FakeUserDirectoryService.NewUser($"u{i:D3}", $"user{i:D3}", $"User {i:D3}", $"user{i:D3}@example.com", enabled: i % 3 != 0));
        }

        return admin;
    }

    [Fact]
    public async Task Render_FirstLoad_AsksServerForFirstPageOf25SortedByUserName()
    {
        await using var admin = WithUsers(60);
        admin.RenderProviders();

        var page = admin.Context.Render<UsersPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(admin.Users.Queries));
        var query = admin.Users.Queries[^1];
        Assert.Equal(new UserQuery(null, UserStatusFilter.All, UserSortField.UserName, false, 0, 25), query);
        Assert.Single(admin.Users.Queries);
        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll(".users-grid tbody tr.mud-table-row").Count));
    }

    [Fact]
    public async Task List_DatabaseDoesNotAnswer_ShowsTheMessage_TheNextGoodReadClearsIt()
    {
        await using var admin = WithUsers(3);
        admin.Users.SearchFailure = new TimeoutException("database timeout");
        admin.RenderProviders();

        var page = admin.Context.Render<UsersPage>();

        page.WaitForAssertion(() => Assert.Equal("The users could not be loaded. Try again in a moment.", page.Find(".mud-alert-message").TextContent.Trim()));
        admin.Users.SearchFailure = null;
        page.Find(".users-search input").Input("user");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-alert-message")));
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll(".users-grid tbody tr.mud-table-row").Count));
    }

    [Fact]
    public async Task Render_Rows_ShowUserNameLinkEmailAndStatus()
    {
        await using var admin = new AdminTestContext();
        admin.Users.Store.Add(FakeUserDirectoryService.NewUser("id-alice", "alice", "Alice Liddell", "alice@example.com"));
        admin.Users.Store.Add(FakeUserDirectoryService.NewUser("id-bob", "bob", "Bob Builder", "bob@example.com", enabled: false));
        admin.RenderProviders();

        var page = admin.Context.Render<UsersPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".users-grid tbody tr.mud-table-row").Count));
        var rows = page.FindAll(".users-grid tbody tr.mud-table-row");
        Assert.Equal("/admin/users/id-alice", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Alice Liddell", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("alice@example.com", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Enabled", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Disabled", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("2026-01-02 03:04 UTC", rows[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_Typed_QueriesServerWithSearchAfterDebounce()
    {
        await using var admin = WithUsers(40);
        admin.RenderProviders();
        var page = admin.Context.Render<UsersPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(admin.Users.Queries));

        page.Find(".users-search input").Input("user01");

        page.WaitForAssertion(() => Assert.Equal("user01", admin.Users.Queries[^1].Search), TimeSpan.FromSeconds(3));
        Assert.Equal(0, admin.Users.Queries[^1].PageIndex);
        page.WaitForAssertion(() => Assert.Equal(10, page.FindAll(".users-grid tbody tr.mud-table-row").Count));
        Assert.All(page.FindAll(".users-grid tbody tr.mud-table-row"), row => Assert.Contains("user01", row.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StatusFilter_Disabled_QueriesServerWithStatusAndShowsOnlyDisabledUsers()
    {
        await using var admin = WithUsers(9);
        admin.RenderProviders();
        var page = admin.Context.Render<UsersPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(admin.Users.Queries));

        var select = page.FindComponent<MudSelect<UserStatusFilter>>();
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(UserStatusFilter.Disabled));

        page.WaitForAssertion(() => Assert.Equal(UserStatusFilter.Disabled, admin.Users.Queries[^1].Status));
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll(".users-grid tbody tr.mud-table-row").Count));
        Assert.All(page.FindAll(".users-grid tbody tr.mud-table-row"), row => Assert.Contains("Disabled", row.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pager_NextPage_AsksServerForSecondPageOnly()
    {
        await using var admin = WithUsers(60);
        admin.RenderProviders();
        var page = admin.Context.Render<UsersPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(admin.Users.Queries));

        page.Find("button[aria-label='Next page']").Click();

        page.WaitForAssertion(() => Assert.Equal(1, admin.Users.Queries[^1].PageIndex));
        Assert.Equal(25, admin.Users.Queries[^1].PageSize);
        page.WaitForAssertion(() => Assert.Contains("user025", page.Find(".users-grid tbody tr.mud-table-row").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sort_DisplayNameHeaderClicked_QueriesServerSortedByDisplayName()
    {
        await using var admin = WithUsers(5);
        admin.RenderProviders();
        var page = admin.Context.Render<UsersPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(admin.Users.Queries));

        var header = page.FindAll(".users-grid th").First(th => th.TextContent.Contains("Display name", StringComparison.Ordinal));
        header.QuerySelector("button[aria-label='Sort']")!.Click();

        page.WaitForAssertion(() => Assert.Equal(UserSortField.DisplayName, admin.Users.Queries[^1].SortBy));
    }

    [Fact]
    public async Task Search_TypedOnLaterPage_RestartsFromFirstPage()
    {
        await using var admin = WithUsers(60);
        admin.RenderProviders();
        var page = admin.Context.Render<UsersPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(admin.Users.Queries));
        page.Find("button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.Equal(1, admin.Users.Queries[^1].PageIndex));

        page.Find(".users-search input").Input("user0");

        page.WaitForAssertion(() => Assert.Equal(("user0", 0), (admin.Users.Queries[^1].Search, admin.Users.Queries[^1].PageIndex)), TimeSpan.FromSeconds(3));
        Assert.DoesNotContain(admin.Users.Queries, q => q.Search == "user0" && q.PageIndex != 0);
        page.WaitForAssertion(() => Assert.Contains("user000", page.Find(".users-grid tbody tr.mud-table-row").TextContent, StringComparison.Ordinal));
    }
}
