using IdentityCenter.Core.Organizations;

namespace IdentityCenter.Infrastructure.Tests.Access;

/// <summary>Access fails closed: nothing for a suspended account or a disabled user.</summary>
public sealed class FailClosedPolicySetTests
{
    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task SuspendAccount_ExistingRole_HasNoPolicySetUntilActiveAgain(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var (_, account, _) = await kit.CreateOrganizationAsync();
        var set = await kit.CreatePermissionSetAsync("Readers", AccessTestKit.AllowS3Get);
        var active = await kit.PolicySets.GetAsync(account, set);
        Assert.NotNull(active);
        var info = (await kit.Organizations.GetAccountAsync(account))!;

        AccessTestKit.Ok(await kit.Organizations.UpdateAccountAsync(account, new(info.Name, info.Email, AccountStatus.Suspended), kit.Admin));
        Assert.Null(await kit.PolicySets.GetAsync(account, set));

        AccessTestKit.Ok(await kit.Organizations.UpdateAccountAsync(account, new(info.Name, info.Email, AccountStatus.Active), kit.Admin));
        Assert.NotNull(await kit.PolicySets.GetAsync(account, set));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task DisableUser_WithAssignment_IsEntitledToNothing(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var (_, account, _) = await kit.CreateOrganizationAsync();
        var set = await kit.CreatePermissionSetAsync("Readers", AccessTestKit.AllowS3Get);
        var user = await kit.CreateUserAsync("dora");
        AccessTestKit.Ok(await kit.Assignments.CreateAsync(new(account, set, Core.Assignments.PrincipalType.User, user), kit.Admin));
        Assert.Single(await kit.Entitlements.ListAccountsAsync(user));

        AccessTestKit.Ok(await kit.Directory.Get<Infrastructure.Directory.IUserDirectoryService>().SetEnabledAsync(user, false, kit.Admin));

        Assert.Empty(await kit.Entitlements.ListAccountsAsync(user));
        Assert.Equal(Infrastructure.Access.RoleResolution.NotAssigned, (await kit.Entitlements.ResolveRoleAsync(user, account, "Readers")).Outcome);
    }
}
