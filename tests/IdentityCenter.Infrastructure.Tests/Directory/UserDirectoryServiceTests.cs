using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Tests.Directory;

public sealed class UserDirectoryServiceTests
{
    public static TheoryData<string> Providers => TestDirectory.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CreateUser_ValidRequest_ReturnsWorkingOneTimePasswordThatMustBeChanged(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var users = t.Get<IUserDirectoryService>();

        var result = await users.CreateUserAsync(new CreateUserRequest("alice", "Alice Smith", "Alice", "Smith", "alice@example.com"), t.Admin);

        Assert.True(result.Succeeded, result.Summary);
        var created = result.Value!;
        Assert.True(created.User.MustChangePassword);
        Assert.True(created.User.Enabled);
        Assert.Equal("admin", created.User.CreatedBy);
        var manager = t.Get<UserManager<ApplicationUser>>();
        var entity = await manager.FindByNameAsync("ALICE");
        Assert.True(await manager.CheckPasswordAsync(entity!, created.OneTimePassword));
        await using var db = await t.NewDbAsync();
        Assert.Single(await db.PasswordHistory.Where(p => p.UserId == entity!.Id).ToListAsync());
        Assert.Single(await db.AuditEvents.Where(a => a.EventName == AuditEventNames.CreateUser && a.TargetUserId == entity!.Id).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CreateUser_NameTakenInOtherCase_ReturnsConflictOnUserName(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var users = t.Get<IUserDirectoryService>();
        await users.CreateUserAsync(new CreateUserRequest("bob", "Bob"), t.Admin);

        var again = await users.CreateUserAsync(new CreateUserRequest("BOB", "Other Bob"), t.Admin);

        Assert.Equal(OperationErrorKind.Conflict, again.ErrorKind);
        Assert.Contains("already exists", Assert.Single(again.ErrorsFor("UserName")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CreateUser_InvalidFields_ReportsEachFieldAndWritesNothing(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var users = t.Get<IUserDirectoryService>();

        var result = await users.CreateUserAsync(new CreateUserRequest("Administrator", "", Email: "nope"), t.Admin);

        Assert.Equal(OperationErrorKind.Validation, result.ErrorKind);
        Assert.Equal(["UserName", "DisplayName", "Email"], result.Errors.Select(e => e.Field));
        Assert.Equal(1, (await users.ListUsersAsync(new UserQuery())).TotalCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ListUsers_SearchStatusSortAndPaging_AreServerSide(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var users = t.Get<IUserDirectoryService>();
        for (var i = 0; i < 12; i++)
        {
            var r = await users.CreateUserAsync(new CreateUserRequest($"user{i:D2}", $"Person {i:D2}", Email: $"p{i}@corp.example"), t.Admin);
            Assert.True(r.Succeeded, r.Summary);
            if (i % 4 == 0)
            {
                Assert.True((await users.SetEnabledAsync(r.Value!.User.Id, false, t.Admin)).Succeeded);
            }
        }

        var page = await users.ListUsersAsync(new UserQuery(Search: "user", PageIndex: 1, PageSize: 5));
        var disabled = await users.ListUsersAsync(new UserQuery(Status: UserStatusFilter.Disabled));
        var byDisplayDesc = await users.ListUsersAsync(new UserQuery(Search: "PERSON", SortBy: UserSortField.DisplayName, Descending: true, PageSize: 3));
        var byEmail = await users.ListUsersAsync(new UserQuery(Search: "p11@"));

        Assert.Equal(12, page.TotalCount);
        Assert.Equal(["user05", "user06", "user07", "user08", "user09"], page.Items.Select(u => u.UserName));
        Assert.Equal(["user00", "user04", "user08"], disabled.Items.Select(u => u.UserName));
        Assert.Equal(["Person 11", "Person 10", "Person 09"], byDisplayDesc.Items.Select(u => u.DisplayName));
        Assert.Equal("user11", Assert.Single(byEmail.Items).UserName);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SetEnabled_Disable_EndsSessionsAtOnceAndAudits(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var users = t.Get<IUserDirectoryService>();
        var sessions = t.Get<IUserSessionService>();
        var user = (await users.CreateUserAsync(new CreateUserRequest("carol", "Carol"), t.Admin)).Value!.User;
        var session = await sessions.CreateAsync(new NewSession(user.Id, "10.0.0.1", "browser", false, false));
        Assert.True(await sessions.IsActiveAsync(session.Id));

        var result = await users.SetEnabledAsync(user.Id, false, t.Admin);

        Assert.True(result.Succeeded);
        Assert.False(await sessions.IsActiveAsync(session.Id));
        Assert.False((await users.GetUserAsync(user.Id))!.Enabled);
        Assert.Equal(SessionEndReasons.UserDisabled, (await sessions.GetAsync(session.Id))!.EndReason);
        var audit = await t.Get<IAuditLog>().QueryAsync(new AuditQuery(EventName: AuditEventNames.DisableUser));
        Assert.Equal("carol", Assert.Single(audit.Items).TargetUserName);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SetEnabledAndDelete_OwnAccountOrLastAdministrator_AreRefused(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var users = t.Get<IUserDirectoryService>();
        var other = (await users.CreateUserAsync(new CreateUserRequest("dave", "Dave"), t.Admin)).Value!.User;
        var otherActor = new Actor(other.Id, "dave");

        Assert.Equal(OperationErrorKind.Forbidden, (await users.SetEnabledAsync(t.Admin.UserId!, false, t.Admin)).ErrorKind);
        Assert.Equal(OperationErrorKind.Forbidden, (await users.DeleteUserAsync(t.Admin.UserId!, t.Admin)).ErrorKind);
        Assert.Equal(OperationErrorKind.Conflict, (await users.DeleteUserAsync(t.Admin.UserId!, otherActor)).ErrorKind);
        Assert.Equal(OperationErrorKind.Conflict, (await users.SetEnabledAsync(t.Admin.UserId!, false, otherActor)).ErrorKind);
        Assert.True((await users.GetUserAsync(t.Admin.UserId!))!.Enabled);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DeleteUser_RemovesUserMembershipsDevicesAndEndsSessions(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var users = t.Get<IUserDirectoryService>();
        var groups = t.Get<IGroupDirectoryService>();
        var sessions = t.Get<IUserSessionService>();
        var user = (await users.CreateUserAsync(new CreateUserRequest("erin", "Erin"), t.Admin)).Value!.User;
        var group = (await groups.CreateGroupAsync(new GroupInput("Engineering", null), t.Admin)).Value!;
        await groups.AddMembersAsync(group.Id, [user.Id], t.Admin);
        var session = await sessions.CreateAsync(new NewSession(user.Id, null, null, false, false));

        var result = await users.DeleteUserAsync(user.Id, t.Admin);

        Assert.True(result.Succeeded);
        Assert.Null(await users.GetUserAsync(user.Id));
        Assert.Equal(0, (await groups.GetGroupAsync(group.Id))!.MemberCount);
        Assert.False(await sessions.IsActiveAsync(session.Id));
        await using var db = await t.NewDbAsync();
        Assert.Single(await db.AuditEvents.Where(a => a.EventName == AuditEventNames.DeleteUser && a.TargetUserName == "erin").ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ResetPassword_GivesNewOneTimePassword_OldOneStopsWorkingAndLockIsCleared(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var users = t.Get<IUserDirectoryService>();
        var created = (await users.CreateUserAsync(new CreateUserRequest("frank", "Frank"), t.Admin)).Value!;
        await using (var db = await t.NewDbAsync())
        {
            await db.Users.Where(u => u.Id == created.User.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, DateTimeOffset.UtcNow.AddHours(1)));
        }

        var reset = await users.ResetPasswordAsync(created.User.Id, t.Admin);

        Assert.True(reset.Succeeded);
        Assert.NotEqual(created.OneTimePassword, reset.Value);
        var manager = t.Get<UserManager<ApplicationUser>>();
        var entity = await manager.FindByIdAsync(created.User.Id);
        await using (var db = await t.NewDbAsync())
        {
            entity = await db.Users.AsNoTracking().FirstAsync(u => u.Id == created.User.Id);
        }

        Assert.True(await manager.CheckPasswordAsync(entity, reset.Value!));
        Assert.False(await manager.CheckPasswordAsync(entity, created.OneTimePassword));
        Assert.Null(entity.LockoutEnd);
        Assert.True(entity.MustChangePassword);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UpdateUser_ChangesProfileAndAuditsOnlyChangedAttributes(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var users = t.Get<IUserDirectoryService>();
        var user = (await users.CreateUserAsync(new CreateUserRequest("gina", "Gina", Email: "gina@example.com"), t.Admin)).Value!.User;

        var result = await users.UpdateUserAsync(user.Id, new UserProfile("Gina Lopez", "Gina", null, "gina@example.com"), t.Admin);
        var invalid = await users.UpdateUserAsync(user.Id, new UserProfile("", null, null, "x"), t.Admin);

        Assert.True(result.Succeeded);
        Assert.Equal("Gina Lopez", result.Value!.DisplayName);
        Assert.Equal(["DisplayName", "Email"], invalid.Errors.Select(e => e.Field));
        var audit = await t.Get<IAuditLog>().QueryAsync(new AuditQuery(EventName: AuditEventNames.UpdateUser));
        var e = Assert.Single(audit.Items);
        Assert.Equal(new[] { "displayName", "name.givenName" }.Order(), e.RequestParameters.Keys.Order());
    }
}
