using IdentityCenter.Core.Assignments;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Directory;

namespace IdentityCenter.Infrastructure.Tests.Access;

/// <summary>Deleting a user or a group removes its account assignments, so no list keeps pointing at it.</summary>
public sealed class PrincipalDeletionTests
{
    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task DeleteUserAndGroup_WithAssignments_AssignmentsGoToo(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var (_, account, _) = await kit.CreateOrganizationAsync();
        var set = await kit.CreatePermissionSetAsync("Readers", AccessTestKit.AllowS3Get);
        var user = await kit.CreateUserAsync("gone");
        var group = await kit.CreateGroupAsync("Leaving");
        AccessTestKit.Ok(await kit.Assignments.CreateAsync(new AssignmentRequest(account, set, PrincipalType.User, user), kit.Admin));
        AccessTestKit.Ok(await kit.Assignments.CreateAsync(new AssignmentRequest(account, set, PrincipalType.Group, group), kit.Admin));
        Assert.Equal(2, (await kit.Assignments.ListForAccountAsync(account)).Count);

        Assert.True((await kit.Directory.Get<IUserDirectoryService>().DeleteUserAsync(user, kit.Admin)).Succeeded);
        var afterUser = await kit.Assignments.ListForAccountAsync(account);
        Assert.Equal(group, Assert.Single(afterUser).PrincipalId);

        Assert.True((await kit.Directory.Get<IGroupDirectoryService>().DeleteGroupAsync(group, kit.Admin)).Succeeded);
        Assert.Empty(await kit.Assignments.ListForAccountAsync(account));
    }
}
