using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;

namespace IdentityCenter.Infrastructure.Tests.Directory;

public sealed class GroupDirectoryServiceTests
{
    public static TheoryData<string> Providers => TestDirectory.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CreateGroup_DuplicateNameIgnoringCase_ReturnsConflict(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var groups = t.Get<IGroupDirectoryService>();
        Assert.True((await groups.CreateGroupAsync(new GroupInput("Engineering", "Builds things"), t.Admin)).Succeeded);

        var duplicate = await groups.CreateGroupAsync(new GroupInput(" engineering ", null), t.Admin);
        var reserved = await groups.CreateGroupAsync(new GroupInput("AWSAdministrators", null), t.Admin);

        Assert.Equal(OperationErrorKind.Conflict, duplicate.ErrorKind);
        Assert.Single(duplicate.ErrorsFor("DisplayName"));
        Assert.Equal(OperationErrorKind.Validation, reserved.ErrorKind);
        // The built-in administrative groups (admins, auditors, help desk) and Engineering.
        Assert.Equal(BuiltInGroups.Administrative.Count + 1, (await groups.ListGroupsAsync(new GroupQuery())).TotalCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Members_AddSearchListAndRemove_WorkAndAreAudited(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var users = t.Get<IUserDirectoryService>();
        var groups = t.Get<IGroupDirectoryService>();
        var alice = (await users.CreateUserAsync(new CreateUserRequest("alice", "Alice"), t.Admin)).Value!.User;
        var bob = (await users.CreateUserAsync(new CreateUserRequest("bob", "Bob"), t.Admin)).Value!.User;
        var group = (await groups.CreateGroupAsync(new GroupInput("Ops", null), t.Admin)).Value!;

        var added = await groups.AddMembersAsync(group.Id, [alice.Id, bob.Id], t.Admin);
        var again = await groups.AddMembersAsync(group.Id, [alice.Id], t.Admin);
        var candidates = await groups.SearchCandidatesAsync(group.Id, "AL");
        var members = await groups.ListMembersAsync(group.Id, null, 0, 10);
        var removed = await groups.RemoveMemberAsync(group.Id, bob.Id, t.Admin);

        Assert.True(added.Succeeded && again.Succeeded && removed.Succeeded);
        Assert.True(Assert.Single(candidates).IsMember);
        Assert.Equal(["alice", "bob"], members.Items.Select(m => m.UserName));
        Assert.Equal(["Ops"], (await groups.GetGroupsForUserAsync(alice.Id)).Select(g => g.DisplayName));
        Assert.Empty(await groups.GetGroupsForUserAsync(bob.Id));
        var audit = t.Get<IAuditLog>();
        Assert.Equal(1, (await audit.QueryAsync(new AuditQuery(EventName: AuditEventNames.AddMemberToGroup, User: "alice"))).TotalCount);
        Assert.Equal(1, (await audit.QueryAsync(new AuditQuery(EventName: AuditEventNames.AddMemberToGroup, User: "bob"))).TotalCount);
        Assert.Equal(1, (await audit.QueryAsync(new AuditQuery(EventName: AuditEventNames.RemoveMemberFromGroup))).TotalCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BuiltInAdministratorsGroup_CannotBeDeletedRenamedOrEmptied(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var groups = t.Get<IGroupDirectoryService>();

        var delete = await groups.DeleteGroupAsync(BuiltInGroups.AdministratorsId, t.Admin);
        var rename = await groups.UpdateGroupAsync(BuiltInGroups.AdministratorsId, new GroupInput("Admins2", null), t.Admin);
        var describe = await groups.UpdateGroupAsync(BuiltInGroups.AdministratorsId, new GroupInput(BuiltInGroups.AdministratorsName, "Ours"), t.Admin);
        var removeLast = await groups.RemoveMemberAsync(BuiltInGroups.AdministratorsId, t.Admin.UserId!, t.Admin);

        Assert.Equal(OperationErrorKind.Forbidden, delete.ErrorKind);
        Assert.Equal(OperationErrorKind.Validation, rename.ErrorKind);
        Assert.True(describe.Succeeded);
        Assert.Equal(OperationErrorKind.Conflict, removeLast.ErrorKind);
        Assert.Equal(1, (await groups.GetGroupAsync(BuiltInGroups.AdministratorsId))!.MemberCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DeleteGroup_RemovesMemberships(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var users = t.Get<IUserDirectoryService>();
        var groups = t.Get<IGroupDirectoryService>();
        var alice = (await users.CreateUserAsync(new CreateUserRequest("alice", "Alice"), t.Admin)).Value!.User;
        var group = (await groups.CreateGroupAsync(new GroupInput("Temp", null), t.Admin)).Value!;
        await groups.AddMembersAsync(group.Id, [alice.Id], t.Admin);

        Assert.True((await groups.DeleteGroupAsync(group.Id, t.Admin)).Succeeded);

        Assert.Null(await groups.GetGroupAsync(group.Id));
        Assert.Empty(await groups.GetGroupsForUserAsync(alice.Id));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AddMembers_UnknownUser_AddsNobody(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var users = t.Get<IUserDirectoryService>();
        var groups = t.Get<IGroupDirectoryService>();
        var alice = (await users.CreateUserAsync(new CreateUserRequest("alice", "Alice"), t.Admin)).Value!.User;
        var group = (await groups.CreateGroupAsync(new GroupInput("Team", null), t.Admin)).Value!;

        var result = await groups.AddMembersAsync(group.Id, [alice.Id, "no-such-user"], t.Admin);

        Assert.Equal(OperationErrorKind.NotFound, result.ErrorKind);
        Assert.Equal(0, (await groups.GetGroupAsync(group.Id))!.MemberCount);
    }
}
