using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Catalog;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities;
using IdentityCenter.Infrastructure.Data.Entities.Access;
using IdentityCenter.Infrastructure.Data.Entities.Credentials;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Tests.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Infrastructure.Tests.Data;

/// <summary>
/// Every multi-step change is one transaction or resumable: a failure injected half-way (what a crash at
/// that point looks like) leaves nothing of the change, or the next run completes it. Revocations commit
/// with the change that causes them.
/// </summary>
public sealed class AllOrNothingTests
{
    private static readonly string[] DemoUserNames = ["ana.admin", "ben.dev", "cara.data", "dan.ops", "eve.audit", "finn.finance"];

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task WorkshopSeed_StoppedHalfWay_NextSeedRemovesWhatItLeftAndCompletesIt(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider, FaultInjection.Register);
        var seeder = kit.Directory.Get<IWorkshopSeeder>();

        using (FaultInjection.FailWhen(db => FaultInjection.Adds<ApplicationUser>(db, u => u.UserName == "dan.ops")))
        {
            await Assert.ThrowsAsync<InjectedFaultException>(() => seeder.SeedAsync(reset: false, kit.Admin));
        }

        // Half a demo: the accounts were committed; the demo users are created in one transaction, so none of them was.
        Assert.Equal(7, (await kit.Organizations.GetOrganizationAsync())!.Accounts.Count);
        Assert.Equal(0, await CountDemoUsersAsync(kit));

        var seeded = AccessTestKit.Ok(await seeder.SeedAsync(reset: false, kit.Admin));

        Assert.True(seeded.RedoneAfterInterruption);
        await AssertWholeWorkshopAsync(kit);
        Assert.Equal(OperationErrorKind.Conflict, (await seeder.SeedAsync(reset: false, kit.Admin)).ErrorKind);
    }

    /// <summary>The seed's steps before any workshop account or user exists: what each leaves is demo data too.</summary>
    public static TheoryData<string, string> EarlySeedSteps()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in ((IEnumerable<object[]>)TestDirectory.Providers).Select(p => (string)p[0]))
        {
            foreach (var step in new[] { "second OU", "first account", "second SCP", "first customer policy", "first permission set", "first group" })
            {
                data.Add(provider, step);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EarlySeedSteps))]
    public async Task WorkshopSeed_StoppedAtAnEarlyStep_NextSeedCompletesIt(string provider, string step)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider, FaultInjection.Register);
        var seeder = kit.Directory.Get<IWorkshopSeeder>();
        Func<DbContext, bool> fault = step switch
        {
            "second OU" => db => FaultInjection.Adds<OrganizationalUnitRecord>(db, u => u.Name == "Workloads"),
            "first account" => db => FaultInjection.Adds<AccountRecord>(db, a => a.IsWorkshop),
            "second SCP" => db => FaultInjection.Adds<OrganizationPolicyRecord>(db, p => p.Name == WorkshopSeeder.ProdGuardrailName),
            "first customer policy" => db => FaultInjection.Adds<CustomerManagedPolicyRecord>(db),
            "first permission set" => db => FaultInjection.Adds<PermissionSetRecord>(db),
            "first group" => db => FaultInjection.Adds<Group>(db),
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };
        using (FaultInjection.FailWhen(fault))
        {
            await Assert.ThrowsAsync<InjectedFaultException>(() => seeder.SeedAsync(reset: false, kit.Admin));
        }

        AccessTestKit.Ok(await seeder.SeedAsync(reset: false, kit.Admin));

        await AssertWholeWorkshopAsync(kit);
        Assert.Equal(OperationErrorKind.Conflict, (await seeder.SeedAsync(reset: false, kit.Admin)).ErrorKind);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task WorkshopReset_StoppedWhileRemoving_NextSeedRedoesIt(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider, FaultInjection.Register);
        var seeder = kit.Directory.Get<IWorkshopSeeder>();
        AccessTestKit.Ok(await seeder.SeedAsync(reset: false, kit.Admin));

        using (FaultInjection.FailWhen(db => FaultInjection.Deletes<ApplicationUser>(db, u => u.UserName == "cara.data")))
        {
            await Assert.ThrowsAsync<InjectedFaultException>(() => seeder.SeedAsync(reset: true, kit.Admin));
        }

        Assert.Equal(4, await CountDemoUsersAsync(kit));

        var seeded = AccessTestKit.Ok(await seeder.SeedAsync(reset: false, kit.Admin));

        Assert.True(seeded.RedoneAfterInterruption);
        await AssertWholeWorkshopAsync(kit);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task WorkshopReset_StoppedAfterTheUsers_OnlyDemoGroupsLeft_NextSeedRedoesIt(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider, FaultInjection.Register);
        var seeder = kit.Directory.Get<IWorkshopSeeder>();
        AccessTestKit.Ok(await seeder.SeedAsync(reset: false, kit.Admin));

        using (FaultInjection.FailWhen(db => FaultInjection.Deletes<Group>(db, g => g.DisplayName == "Workshop-Finance")))
        {
            await Assert.ThrowsAsync<InjectedFaultException>(() => seeder.SeedAsync(reset: true, kit.Admin));
        }

        Assert.Equal(0, await CountDemoUsersAsync(kit));
        Assert.Single((await kit.Organizations.GetOrganizationAsync())!.Accounts);

        var seeded = AccessTestKit.Ok(await seeder.SeedAsync(reset: false, kit.Admin));

        Assert.True(seeded.RedoneAfterInterruption);
        await AssertWholeWorkshopAsync(kit);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task DeleteAssignment_RevocationCannotBeWritten_AssignmentStays(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider, FaultInjection.Register);
        var (request, _) = await AssignAsync(kit, PrincipalType.User);

        using (FaultInjection.FailWhen(db => FaultInjection.Adds<CredentialRevocationRecord>(db)))
        {
            await Assert.ThrowsAsync<InjectedFaultException>(() => kit.Assignments.DeleteAsync(request, kit.Admin));
        }

        Assert.Equal(1, await CountAsync<AccountAssignmentRecord>(kit));
        Assert.Equal(0, await CountAsync<CredentialRevocationRecord>(kit));
        Assert.Empty(kit.Revocation.Assignments);

        AccessTestKit.Ok(await kit.Assignments.DeleteAsync(request, kit.Admin));

        Assert.Equal(0, await CountAsync<AccountAssignmentRecord>(kit));
        await using var check = await kit.Directory.NewDbAsync();
        var row = await check.Set<CredentialRevocationRecord>().SingleAsync();
        Assert.Equal((request.AccountId, request.PermissionSetId, request.PrincipalId), (row.AccountId!, row.PermissionSetId!, row.PrincipalId!));
        Assert.Equal(1, await check.AuditEvents.CountAsync(a => a.EventName == CredentialAuditNames.RevokeCredentials));
        Assert.Equal(1, await check.AuditEvents.CountAsync(a => a.EventName == AccessAuditEventNames.DeleteAccountAssignment));
        Assert.Contains((request.AccountId, request.PermissionSetId, request.PrincipalId), kit.Revocation.Assignments);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task DeleteUser_AssignmentCleanupFails_UserAndAssignmentsStay(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider, FaultInjection.Register);
        var (request, _) = await AssignAsync(kit, PrincipalType.User);
        var users = kit.Directory.Get<IUserDirectoryService>();

        using (FaultInjection.FailWhen(db => FaultInjection.Deletes<AccountAssignmentRecord>(db)))
        {
            await Assert.ThrowsAsync<InjectedFaultException>(() => users.DeleteUserAsync(request.PrincipalId, kit.Admin));
        }

        Assert.NotNull(await users.GetUserAsync(request.PrincipalId));
        Assert.Equal(1, await CountAsync<AccountAssignmentRecord>(kit));
        Assert.Equal(0, await CountAsync<CredentialRevocationRecord>(kit));

        AccessTestKit.Ok(await users.DeleteUserAsync(request.PrincipalId, kit.Admin));

        Assert.Null(await users.GetUserAsync(request.PrincipalId));
        Assert.Equal(0, await CountAsync<AccountAssignmentRecord>(kit));
        Assert.Equal(2, await CountAsync<CredentialRevocationRecord>(kit));
        Assert.Empty(await kit.Assignments.ListForPrincipalAsync(PrincipalType.User, request.PrincipalId));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task DeleteGroup_AssignmentCleanupFails_GroupMembersAndAssignmentsStay(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider, FaultInjection.Register);
        var (request, member) = await AssignAsync(kit, PrincipalType.Group);
        var groups = kit.Directory.Get<IGroupDirectoryService>();

        using (FaultInjection.FailWhen(db => FaultInjection.Deletes<AccountAssignmentRecord>(db)))
        {
            await Assert.ThrowsAsync<InjectedFaultException>(() => groups.DeleteGroupAsync(request.PrincipalId, kit.Admin));
        }

        Assert.NotNull(await groups.GetGroupAsync(request.PrincipalId));
        Assert.Equal(1, await CountAsync<Infrastructure.Data.Entities.GroupMembership>(kit, m => m.UserId == member));
        Assert.Equal(1, await CountAsync<AccountAssignmentRecord>(kit));
        Assert.Equal(0, await CountAsync<CredentialRevocationRecord>(kit));

        AccessTestKit.Ok(await groups.DeleteGroupAsync(request.PrincipalId, kit.Admin));

        Assert.Null(await groups.GetGroupAsync(request.PrincipalId));
        Assert.Equal(0, await CountAsync<AccountAssignmentRecord>(kit));
        Assert.Equal(0, await CountAsync<Infrastructure.Data.Entities.GroupMembership>(kit, m => m.UserId == member));
        Assert.Equal(2, await CountAsync<CredentialRevocationRecord>(kit));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task RemoveGroupMember_RevocationCannotBeWritten_MembershipStays(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider, FaultInjection.Register);
        var (request, member) = await AssignAsync(kit, PrincipalType.Group);
        var groups = kit.Directory.Get<IGroupDirectoryService>();

        using (FaultInjection.FailWhen(db => FaultInjection.Adds<CredentialRevocationRecord>(db)))
        {
            await Assert.ThrowsAsync<InjectedFaultException>(() => groups.RemoveMemberAsync(request.PrincipalId, member, kit.Admin));
        }

        Assert.Equal(1, await CountAsync<Infrastructure.Data.Entities.GroupMembership>(kit, m => m.UserId == member));

        AccessTestKit.Ok(await groups.RemoveMemberAsync(request.PrincipalId, member, kit.Admin));

        Assert.Equal(0, await CountAsync<Infrastructure.Data.Entities.GroupMembership>(kit, m => m.UserId == member));
        Assert.Equal(1, await CountAsync<CredentialRevocationRecord>(kit, r => r.Kind == RevocationKinds.Membership && r.GroupId == request.PrincipalId && r.PrincipalId == member));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task DisableUser_RevocationCannotBeWritten_UserStaysEnabled(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider, FaultInjection.Register);
        var user = await kit.CreateUserAsync("dora");
        var users = kit.Directory.Get<IUserDirectoryService>();

        using (FaultInjection.FailWhen(db => FaultInjection.Adds<CredentialRevocationRecord>(db)))
        {
            await Assert.ThrowsAsync<InjectedFaultException>(() => users.SetEnabledAsync(user, false, kit.Admin));
        }

        Assert.True((await users.GetUserAsync(user))!.Enabled);

        AccessTestKit.Ok(await users.SetEnabledAsync(user, false, kit.Admin));

        Assert.False((await users.GetUserAsync(user))!.Enabled);
        Assert.Equal(1, await CountAsync<CredentialRevocationRecord>(kit, r => r.Kind == RevocationKinds.User && r.PrincipalId == user));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task PermissionSetSave_StoppedAtALaterPart_NothingIsSaved(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider, FaultInjection.Register);
        var set = await kit.CreatePermissionSetAsync("Analysts");
        var readOnly = ManagedPolicyCatalog.Default.FindByName("ReadOnlyAccess")!.Arn;
        var changes = new PermissionSetChanges("Reads and queries", "PT4H", null, [readOnly], [], AccessTestKit.AllowS3Get, null, [new("team", "data")]);

        using (FaultInjection.FailWhen(db => FaultInjection.Adds<AuditRecord>(db, a => a.EventName == AccessAuditEventNames.PutInlinePolicyToPermissionSet)))
        {
            await Assert.ThrowsAsync<InjectedFaultException>(() => kit.PermissionSets.SaveAsync(set, changes, kit.Admin));
        }

        var unchanged = (await kit.PermissionSets.GetAsync(set))!.PermissionSet;
        Assert.Null(unchanged.Description);
        Assert.Empty(unchanged.ManagedPolicyArns);
        Assert.Null(unchanged.InlinePolicy);
        Assert.Empty(unchanged.Tags);
        Assert.Equal(1, unchanged.Version);

        var saved = AccessTestKit.Ok(await kit.PermissionSets.SaveAsync(set, changes, kit.Admin));

        Assert.Equal(
            [AccessAuditEventNames.UpdatePermissionSet, AccessAuditEventNames.AttachManagedPolicyToPermissionSet, AccessAuditEventNames.PutInlinePolicyToPermissionSet, AccessAuditEventNames.TagResource],
            saved.Operations);
        var after = saved.Detail.PermissionSet;
        Assert.Equal(("Reads and queries", TimeSpan.FromHours(4), AccessTestKit.AllowS3Get, 2), (after.Description, after.SessionDuration, after.InlinePolicy, after.Version));
        Assert.Equal([readOnly], after.ManagedPolicyArns);
        Assert.Empty(AccessTestKit.Ok(await kit.PermissionSets.SaveAsync(set, changes, kit.Admin)).Operations);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task PermissionSetSave_APartIsRefused_NoneOfTheOthersIsSaved(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var set = await kit.CreatePermissionSetAsync("Analysts");
        var readOnly = ManagedPolicyCatalog.Default.FindByName("ReadOnlyAccess")!.Arn;

        var refused = await kit.PermissionSets.SaveAsync(set, new PermissionSetChanges("Reads", null, null, [readOnly], [], """{"Version":"2012-10-17","Statement":[{"Effect":"allow"}]}""", null, []), kit.Admin);

        Assert.Equal(OperationErrorKind.Validation, refused.ErrorKind);
        Assert.Contains(refused.Errors, e => e.Field.StartsWith("InlinePolicy", StringComparison.Ordinal));
        var unchanged = (await kit.PermissionSets.GetAsync(set))!.PermissionSet;
        Assert.Equal(((string?)null, 0, 1), (unchanged.Description, unchanged.ManagedPolicyArns.Count, unchanged.Version));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task UserImport_StoppedHalfWay_NoUserOfTheFileExists(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider, services: FaultInjection.Register);
        var csv = "UserName,DisplayName\n" + string.Join("\n", Enumerable.Range(1, 5).Select(i => $"imp{i},Imported {i}"));

        using (FaultInjection.FailWhen(db => FaultInjection.Adds<ApplicationUser>(db, u => u.UserName == "imp4")))
        {
            await Assert.ThrowsAsync<InjectedFaultException>(() => test.Get<IUserImportService>().ImportAsync(csv, test.Admin));
        }

        await using var db = await test.NewDbAsync();
        Assert.Equal(0, await db.Users.CountAsync(u => u.NormalizedUserName!.StartsWith("IMP")));
        Assert.True((await test.Get<IUserImportService>().ImportAsync(csv, test.Admin)).Succeeded);
        Assert.Equal(5, await db.Users.CountAsync(u => u.NormalizedUserName!.StartsWith("IMP")));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task CreateAssignments_StoppedHalfWay_NoAssignmentOrProvisionedRoleExists(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider, FaultInjection.Register);
        var (_, account, management) = await kit.CreateOrganizationAsync();
        var set = await kit.CreatePermissionSetAsync("Readers", AccessTestKit.AllowS3Get);
        var user = await kit.CreateUserAsync("avery");

        using (FaultInjection.FailWhen(db => FaultInjection.Adds<AccountAssignmentRecord>(db)))
        {
            await Assert.ThrowsAsync<InjectedFaultException>(() => kit.Assignments.ApplyPlanAsync([account, management], [(PrincipalType.User, user)], [set], kit.Admin));
        }

        Assert.Equal(0, await CountAsync<AccountAssignmentRecord>(kit));
        Assert.Equal(0, await CountAsync<ProvisionedRoleRecord>(kit));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Bootstrap_StoppedJustBeforeItsCommit_ItsPasswordWasShownAndTheNextStartMakesAWorkingOne(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider, new Dictionary<string, string?> { ["IdentityCenter:Bootstrap:AdminPassword"] = "" }, services: FaultInjection.Register);
        await using (var db = await test.NewDbAsync())
        {
            // No administrator any more: the next start must make one, with a generated password.
            await db.GroupMemberships.Where(m => m.GroupId == BuiltInGroups.AdministratorsId).ExecuteDeleteAsync();
        }

        using var dying = new StringWriter();
        using (FaultInjection.FailCommit())
        {
            await Assert.ThrowsAsync<InjectedFaultException>(() => test.Get<DirectoryBootstrapper>().RunAsync(dying));
        }

        // The operator saw a password although the process died before the commit; nothing was committed.
        Assert.Contains("One-time password", dying.ToString(), StringComparison.Ordinal);
        Assert.Equal(0L, await CountAsync(test, "SELECT COUNT(*) FROM \"GroupMemberships\""));

        using var next = new StringWriter();
        var result = await test.Get<DirectoryBootstrapper>().RunAsync(next);

        Assert.True(result.AdministratorCreated);
        await using var scope = test.Root.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByNameAsync("admin"))!, result.GeneratedPassword!));
        Assert.Contains(result.GeneratedPassword!, next.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A user (or a group with one member) assigned a permission set in a member account.</summary>
    private static async Task<(AssignmentRequest Request, string UserId)> AssignAsync(AccessTestKit kit, PrincipalType type)
    {
        var (_, account, _) = await kit.CreateOrganizationAsync();
        var set = await kit.CreatePermissionSetAsync("Readers", AccessTestKit.AllowS3Get);
        var user = await kit.CreateUserAsync("avery");
        var principal = user;
        if (type == PrincipalType.Group)
        {
            principal = await kit.CreateGroupAsync("Readers");
            await kit.AddMemberAsync(principal, user);
        }

        var request = new AssignmentRequest(account, set, type, principal);
        AccessTestKit.Ok(await kit.Assignments.CreateAsync(request, kit.Admin));
        return (request, user);
    }

    private static async Task<int> CountDemoUsersAsync(AccessTestKit kit)
    {
        var users = kit.Directory.Get<IUserDirectoryService>();
        var count = 0;
        foreach (var name in DemoUserNames)
        {
            count += await users.FindByUserNameAsync(name) is null ? 0 : 1;
        }

        return count;
    }

    /// <summary>Everything the seed makes: six demo users in their groups, the accounts, OUs, permission sets and assignments.</summary>
    private static async Task AssertWholeWorkshopAsync(AccessTestKit kit)
    {
        Assert.Equal(6, await CountDemoUsersAsync(kit));
        var view = (await kit.Organizations.GetOrganizationAsync())!;
        Assert.Equal(7, view.Accounts.Count);
        Assert.Equal(["Dev", "Prod", "Sandbox", "Security", "Workloads"], view.OrganizationalUnits.Select(u => u.Name).Order());
        var guardrails = (await kit.Organizations.ListPoliciesAsync(OrganizationPolicyType.ServiceControlPolicy)).Where(p => !p.AwsManaged).ToList();
        Assert.Equal([(WorkshopSeeder.ProdGuardrailName, 1), (WorkshopSeeder.RegionGuardrailName, 1)], guardrails.Select(p => (p.Name, p.TargetIds.Count)).Order());
        var sets = await kit.PermissionSets.ListAsync();
        Assert.Equal(["AdministratorAccess", "Billing", "DataAnalyst", "PowerUser", "ReadOnly"], sets.Select(s => s.Name));
        Assert.Equal(23, sets.Sum(s => s.AssignmentCount));
        var groups = await kit.Directory.Get<IGroupDirectoryService>().ListGroupsAsync(new GroupQuery("Workshop-", PageSize: 100));
        Assert.Equal(5, groups.TotalCount);
        Assert.Equal(7, groups.Items.Sum(g => g.MemberCount));
    }

    private static async Task<long> CountAsync(TestDirectory test, string sql)
    {
        await using var db = await test.NewDbAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<int> CountAsync<T>(AccessTestKit kit, System.Linq.Expressions.Expression<Func<T, bool>>? filter = null) where T : class
    {
        await using var db = await kit.Directory.NewDbAsync();
        var set = db.Set<T>().AsQueryable();
        return await (filter is null ? set : set.Where(filter)).CountAsync();
    }
}
