using IdentityCenter.Core.Assignments;
using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.Infrastructure.Tests.Access;

public sealed class EntitlementServiceTests
{
    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Entitlements_DirectAndThroughGroup_AreLiveAndMarked(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var (_, account, _) = await kit.CreateOrganizationAsync();
        var set = await kit.CreatePermissionSetAsync("Developers", AccessTestKit.AllowS3Get, duration: "PT4H");
        var user = await kit.CreateUserAsync("alice");
        var group = await kit.CreateGroupAsync("Team");
        AccessTestKit.Ok(await kit.Assignments.CreateAsync(new AssignmentRequest(account, set, PrincipalType.Group, group), kit.Admin));

        Assert.Empty(await kit.Entitlements.ListAccountsAsync(user));

        await kit.AddMemberAsync(group, user);
        var accounts = await kit.Entitlements.ListAccountsAsync(user);
        Assert.Equal(account, Assert.Single(accounts).AccountId);
        var viaGroup = Assert.Single(await kit.Entitlements.ListRolesAsync(user, account));
        Assert.Equal("Developers", viaGroup.RoleName);
        Assert.False(viaGroup.Direct);
        Assert.Equal([group], viaGroup.ViaGroups);
        Assert.Equal(TimeSpan.FromHours(4), viaGroup.SessionDuration);

        AccessTestKit.Ok(await kit.Assignments.CreateAsync(new AssignmentRequest(account, set, PrincipalType.User, user), kit.Admin));
        var both = Assert.Single(await kit.Entitlements.ListRolesAsync(user, account));
        Assert.True(both.Direct);
        Assert.Equal([group], both.ViaGroups);
        var effective = Assert.Single(await kit.Assignments.ListEffectiveForUserAsync(user));
        Assert.True(effective.IsDirect);
        Assert.Equal("Team", Assert.Single(effective.ViaGroups).DisplayName);

        AccessTestKit.Ok(await kit.Assignments.DeleteAsync(new AssignmentRequest(account, set, PrincipalType.Group, group), kit.Admin));
        Assert.Contains((account, set, group), kit.Revocation.Assignments);
        var directOnly = Assert.Single(await kit.Entitlements.ListRolesAsync(user, account));
        Assert.True(directOnly.Direct);
        Assert.Empty(directOnly.ViaGroups);

        AccessTestKit.Ok(await kit.Assignments.DeleteAsync(new AssignmentRequest(account, set, PrincipalType.User, user), kit.Admin));
        Assert.Empty(await kit.Entitlements.ListAccountsAsync(user));
        Assert.Contains((account, set, user), kit.Revocation.Assignments);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task ResolveRole_Granted_CarriesArnDurationOrgPathGrantorsAndAbacTags(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var (root, account, _) = await kit.CreateOrganizationAsync();
        var set = await kit.CreatePermissionSetAsync("Analyst", AccessTestKit.AllowS3Get, duration: "PT2H");
        var user = await kit.CreateUserAsync("bob");
        var group = await kit.CreateGroupAsync("Analysts");
        await kit.AddMemberAsync(group, user);
        AccessTestKit.Ok(await kit.Assignments.CreateAsync(new AssignmentRequest(account, set, PrincipalType.Group, group), kit.Admin));
        AccessTestKit.Ok(await kit.Attributes.PutAttributesAsync(
            [new AccessControlAttribute("Department", "${path:enterprise.department}"), new AccessControlAttribute("Email", "${path:emails[primary eq true].value}")], kit.Admin));
        AccessTestKit.Ok(await kit.Attributes.SetUserAttributesAsync(user, new Dictionary<string, string?> { ["enterprise.department"] = "Finance" }, kit.Admin));

        var result = await kit.Entitlements.ResolveRoleAsync(user, account, "Analyst");

        Assert.Equal(RoleResolution.Granted, result.Outcome);
        var grant = result.Grant!;
        Assert.Matches($"^arn:aws:iam::{account}:role/aws-reserved/sso.amazonaws.com/us-east-1/AWSReservedSSO_Analyst_[0-9a-f]{{16}}$", grant.RoleArn);
        Assert.Equal(TimeSpan.FromHours(2), grant.SessionDuration);
        Assert.Equal([group], grant.GrantingPrincipalIds);
        Assert.Equal("Finance", grant.PrincipalTags["Department"]);
        Assert.Equal("bob@example.com", grant.PrincipalTags["Email"]);
        var org = (await kit.Organizations.GetOrganizationAsync())!.Organization;
        Assert.Equal(org.OrganizationId, grant.OrganizationId);
        Assert.Equal($"{org.OrganizationId}/{root}/", Assert.Single(grant.OrganizationPaths));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task ResolveRole_Refusals_NameTheReason(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var (_, account, management) = await kit.CreateOrganizationAsync();
        await kit.CreatePermissionSetAsync("Ops", AccessTestKit.AllowS3Get);
        var set = (await kit.PermissionSets.ListAsync()).Single(s => s.Name == "Ops").Id;
        var user = await kit.CreateUserAsync("carol");
        var other = await kit.CreateUserAsync("dave");
        AccessTestKit.Ok(await kit.Assignments.CreateAsync(new AssignmentRequest(account, set, PrincipalType.User, other), kit.Admin));

        Assert.Equal(RoleResolution.AccountNotFound, (await kit.Entitlements.ResolveRoleAsync(user, "999999999999", "Ops")).Outcome);
        Assert.Equal(RoleResolution.RoleNotFound, (await kit.Entitlements.ResolveRoleAsync(user, management, "Ops")).Outcome);
        Assert.Equal(RoleResolution.RoleNotFound, (await kit.Entitlements.ResolveRoleAsync(user, account, "Nope")).Outcome);
        Assert.Equal(RoleResolution.NotAssigned, (await kit.Entitlements.ResolveRoleAsync(user, account, "Ops")).Outcome);
        Assert.Equal(RoleResolution.Granted, (await kit.Entitlements.ResolveRoleAsync(other, account, "Ops")).Outcome);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task ListRoles_SuspendedAccount_IsNotUsable(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var (_, account, _) = await kit.CreateOrganizationAsync();
        var set = await kit.CreatePermissionSetAsync("Ops", AccessTestKit.AllowS3Get);
        var user = await kit.CreateUserAsync("erin");
        AccessTestKit.Ok(await kit.Assignments.CreateAsync(new AssignmentRequest(account, set, PrincipalType.User, user), kit.Admin));
        Assert.Single(await kit.Entitlements.ListAccountsAsync(user));

        AccessTestKit.Ok(await kit.Organizations.UpdateAccountAsync(account, new AccountUpdate("Workload", "workload@example.com", Core.Organizations.AccountStatus.Suspended), kit.Admin));

        Assert.Empty(await kit.Entitlements.ListAccountsAsync(user));
        Assert.Equal(RoleResolution.AccountNotFound, (await kit.Entitlements.ResolveRoleAsync(user, account, "Ops")).Outcome);
    }
}
