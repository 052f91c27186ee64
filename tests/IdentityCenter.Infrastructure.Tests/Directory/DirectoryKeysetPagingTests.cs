using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;

namespace IdentityCenter.Infrastructure.Tests.Directory;

/// <summary>
/// The directory reads the Identity Store API pages with (keyset paging after a name or id) and its lookups of groups by
/// name and memberships by id, on both database providers: every row once, in order, and a page boundary that stays put
/// when rows are added before it.
/// </summary>
public sealed class DirectoryKeysetPagingTests
{
    public static TheoryData<string> Providers => TestDirectory.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UserAndGroupDetails_PageAfterTheLastName_EveryRowOnceInOrder(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var users = t.Get<IUserDirectoryService>();
        var groups = t.Get<IGroupDirectoryService>();
        foreach (var name in new[] { "carol", "Bob", "alice", "dave", "Eve" })
        {
            Assert.True((await users.CreateUserAsync(new CreateUserRequest(name, name.ToUpperInvariant()), t.Admin)).Succeeded);
            Assert.True((await groups.CreateGroupAsync(new GroupInput("Team " + name, null), t.Admin)).Succeeded);
        }

        var firstPage = await users.ListUserDetailsAsync(null, 2);
        Assert.True((await users.CreateUserAsync(new CreateUserRequest("aaron", "Aaron"), t.Admin)).Succeeded);
        var rest = new List<UserDetail>();
        for (var after = firstPage[^1].UserName; await users.ListUserDetailsAsync(after, 2) is { Count: > 0 } page; after = page[^1].UserName)
        {
            rest.AddRange(page);
        }

        var all = (await users.ListUsersAsync(new UserQuery(PageSize: 200))).Items.Select(u => u.UserName).ToList();
        Assert.Equal(all.Where(n => n != "aaron"), firstPage.Concat(rest).Select(u => u.UserName));
        Assert.Equal("BOB", rest.Single(u => u.UserName == "Bob").DisplayName);

        var groupNames = new List<string>();
        for (string? after = null; await groups.ListGroupDetailsAsync(after, 3) is { Count: > 0 } page; after = page[^1].DisplayName)
        {
            groupNames.AddRange(page.Select(g => g.DisplayName));
        }

        Assert.Equal((await groups.ListGroupsAsync(new GroupQuery(PageSize: 200))).Items.Select(g => g.DisplayName), groupNames);
        Assert.Equal(BuiltInGroups.Administrative.Count + 5, groupNames.Count);
        Assert.Equal("Team Eve", (await groups.FindByDisplayNameAsync(" team EVE "))!.DisplayName);
        Assert.Null(await groups.FindByDisplayNameAsync("Team"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Memberships_ById_ByGroupAndUser_AndListedByGroupOrUser(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var users = t.Get<IUserDirectoryService>();
        var groups = t.Get<IGroupDirectoryService>();
        var alice = (await users.CreateUserAsync(new CreateUserRequest("alice", "Alice"), t.Admin)).Value!.User.Id;
        var bob = (await users.CreateUserAsync(new CreateUserRequest("bob", "Bob"), t.Admin)).Value!.User.Id;
        var ops = (await groups.CreateGroupAsync(new GroupInput("Ops", null), t.Admin)).Value!.Id;
        var dev = (await groups.CreateGroupAsync(new GroupInput("Dev", null), t.Admin)).Value!.Id;
        Assert.True((await groups.AddMembersAsync(ops, [alice, bob], t.Admin)).Succeeded);
        Assert.True((await groups.AddMembersAsync(dev, [alice], t.Admin)).Succeeded);

        var aliceInOps = await groups.FindMembershipAsync(ops, alice);
        var byId = await groups.GetMembershipAsync(aliceInOps!.MembershipId);
        var opsPage1 = await groups.ListMembershipsAsync(ops, null, null, 1);
        var opsPage2 = await groups.ListMembershipsAsync(ops, null, opsPage1[^1].MembershipId, 1);
        var opsPage3 = await groups.ListMembershipsAsync(ops, null, opsPage2[^1].MembershipId, 1);
        var ofAlice = await groups.ListMembershipsAsync(null, alice, null, 10);

        Assert.Equal(aliceInOps, byId);
        Assert.Equal((ops, alice), (byId!.GroupId, byId.UserId));
        Assert.True(Guid.TryParse(byId.MembershipId, out _));
        Assert.Null(await groups.FindMembershipAsync(dev, bob));
        Assert.Null(await groups.GetMembershipAsync(Guid.NewGuid().ToString()));
        Assert.Equal((1, 1), (opsPage1.Count, opsPage2.Count));
        Assert.Equal(new[] { alice, bob }.Order(StringComparer.Ordinal), opsPage1.Concat(opsPage2).Select(m => m.UserId).Order(StringComparer.Ordinal));
        Assert.Empty(opsPage3);
        Assert.Equal(new[] { dev, ops }.Order(StringComparer.Ordinal), ofAlice.Select(m => m.GroupId).Order(StringComparer.Ordinal));
    }
}
