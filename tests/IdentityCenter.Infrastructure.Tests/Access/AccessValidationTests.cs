using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Tests.Access;

public sealed class AccessValidationTests
{
    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Delete_StillAssigned_IsRefusedWithTheAssignments_AndRemoveAssignmentsRevokes(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var (_, account, _) = await kit.CreateOrganizationAsync();
        var set = await kit.CreatePermissionSetAsync("Busy", AccessTestKit.AllowS3Get);
        var user = await kit.CreateUserAsync("jack");
        AccessTestKit.Ok(await kit.Assignments.CreateAsync(new AssignmentRequest(account, set, PrincipalType.User, user), kit.Admin));

        var deleteSet = await kit.PermissionSets.DeleteAsync(set, kit.Admin);
        var removeAccount = await kit.Organizations.RemoveAccountAsync(account, kit.Admin);

        Assert.Equal(OperationErrorKind.Conflict, deleteSet.ErrorKind);
        Assert.Contains("1 account assignment", deleteSet.Summary, StringComparison.Ordinal);
        Assert.Contains(user, deleteSet.Summary, StringComparison.Ordinal);
        Assert.Equal(OperationErrorKind.Conflict, removeAccount.ErrorKind);
        Assert.Contains("Busy", removeAccount.Summary, StringComparison.Ordinal);
        Assert.NotNull(await kit.PermissionSets.GetAsync(set));
        Assert.NotNull(await kit.Organizations.GetAccountAsync(account));

        var group = await kit.CreateGroupAsync("Leavers");
        AccessTestKit.Ok(await kit.Assignments.CreateAsync(new AssignmentRequest(account, set, PrincipalType.Group, group), kit.Admin));
        Assert.Equal(1, AccessTestKit.Ok(await kit.Assignments.DeletePrincipalAssignmentsAsync(PrincipalType.Group, group, kit.Admin)));
        Assert.Contains((account, set, group), kit.Revocation.Assignments);
        Assert.Single(await kit.Assignments.ListForPermissionSetAsync(set));

        AccessTestKit.Ok(await kit.PermissionSets.DeleteAsync(set, kit.Admin, removeAssignments: true));
        Assert.Null(await kit.PermissionSets.GetAsync(set));
        Assert.Contains((account, set, user), kit.Revocation.Assignments);
        AccessTestKit.Ok(await kit.Organizations.RemoveAccountAsync(account, kit.Admin));
        Assert.Null(await kit.Organizations.GetAccountAsync(account));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task InvalidDocuments_AreNotSaved_AndSayWhere(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var (_, account, _) = await kit.CreateOrganizationAsync();
        const string Broken = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ { \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", } ]\n}";

        var policy = await kit.Policies.CreateCustomerManagedPolicyAsync(new CustomerManagedPolicyInput(account, "Broken", null, null, Broken), kit.Admin);
        var scp = await kit.Organizations.CreatePolicyAsync(new OrganizationPolicyInput("Broken", null, OrganizationPolicyType.ServiceControlPolicy, Broken), kit.Admin);
        var set = await kit.PermissionSets.CreateAsync(new PermissionSetInput("Broken", InlinePolicy: Broken), kit.Admin);

        Assert.Equal(OperationErrorKind.Validation, policy.ErrorKind);
        Assert.Contains(policy.Errors, e => e.Field == "Document" && e.Message.StartsWith("Line 3, column", StringComparison.Ordinal));
        Assert.Equal(OperationErrorKind.Validation, scp.ErrorKind);
        Assert.Contains(set.Errors, e => e.Field == "InlinePolicy" && e.Message.StartsWith("Line 3", StringComparison.Ordinal));
        Assert.Empty(await kit.Policies.ListCustomerManagedPoliciesAsync(account));
        Assert.Empty(await kit.PermissionSets.ListAsync());
        Assert.DoesNotContain(await kit.Organizations.ListPoliciesAsync(), p => !p.AwsManaged);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Limits_AreEnforcedWithMessagesQuotingThem(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var (_, account, _) = await kit.CreateOrganizationAsync();
        var tooLong = await kit.PermissionSets.CreateAsync(new PermissionSetInput("Long", SessionDuration: "PT13H"), kit.Admin);
        Assert.Contains(tooLong.Errors, e => e.Field == "SessionDuration" && e.Message.Contains("PT12H", StringComparison.Ordinal));
        var badName = await kit.PermissionSets.CreateAsync(new PermissionSetInput(new string('a', 33)), kit.Admin);
        Assert.Contains(badName.Errors, e => e.Field == "Name" && e.Message.Contains("32", StringComparison.Ordinal));

        var policy = AccessTestKit.Ok(await kit.Policies.CreateCustomerManagedPolicyAsync(new CustomerManagedPolicyInput(account, "Versions", null, null, AccessTestKit.AllowS3Get), kit.Admin));
        for (var i = 0; i < 4; i++)
        {
            AccessTestKit.Ok(await kit.Policies.CreatePolicyVersionAsync(policy.Id, AccessTestKit.AllowS3Get, setAsDefault: false, kit.Admin));
        }

        var sixth = await kit.Policies.CreatePolicyVersionAsync(policy.Id, AccessTestKit.AllowS3Get, setAsDefault: false, kit.Admin);
        Assert.Equal(OperationErrorKind.Conflict, sixth.ErrorKind);
        Assert.Contains("5 versions", sixth.Summary, StringComparison.Ordinal);
        var deleteDefault = await kit.Policies.DeletePolicyVersionAsync(policy.Id, "v1", kit.Admin);
        Assert.Equal(OperationErrorKind.Conflict, deleteDefault.ErrorKind);

        var tooMany = Enumerable.Range(0, 51).Select(i => new AccessControlAttribute("k" + i, "${path:userName}")).ToList();
        var abac = await kit.Attributes.PutAttributesAsync(tooMany, kit.Admin);
        Assert.Contains("50", abac.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task ApplyPlan_WithAnUnknownPrincipal_SavesNothing(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var (_, account, management) = await kit.CreateOrganizationAsync();
        var set = await kit.CreatePermissionSetAsync("Batch", AccessTestKit.AllowS3Get);
        var user = await kit.CreateUserAsync("kim");
        await using var before = await kit.Directory.NewDbAsync();
        var auditBefore = await before.AuditEvents.CountAsync();

        var result = await kit.Assignments.ApplyPlanAsync([account, management], [(PrincipalType.User, user), (PrincipalType.Group, "no-such-group")], [set], kit.Admin);

        Assert.Equal(OperationErrorKind.Validation, result.ErrorKind);
        Assert.Contains(result.Errors, e => e.Message.Contains("no-such-group", StringComparison.Ordinal));
        await using var db = await kit.Directory.NewDbAsync();
        Assert.Equal(0, await db.AccountAssignments.CountAsync());
        Assert.Equal(0, await db.ProvisionedRoles.CountAsync());
        Assert.Equal(auditBefore, await db.AuditEvents.CountAsync());

        var plan = await kit.Assignments.PlanAsync([account, management], [(PrincipalType.User, user)], [set]);
        Assert.Equal(2, plan.ToCreate.Count);
        var applied = AccessTestKit.Ok(await kit.Assignments.ApplyPlanAsync([account, management], [(PrincipalType.User, user)], [set], kit.Admin));
        Assert.Equal(2, applied.Created.Count);
        var replan = await kit.Assignments.PlanAsync([account, management], [(PrincipalType.User, user)], [set]);
        Assert.Empty(replan.ToCreate);
        Assert.Equal(2, replan.AlreadyAssigned.Count);
        var names = (await db.AuditEvents.AsNoTracking().ToListAsync()).Select(r => AuditRecordMapper.ToEvent(r).EventName).ToList();
        Assert.Equal(2, names.Count(n => n == AccessAuditEventNames.CreateAccountAssignment));
        Assert.Equal(2, names.Count(n => n == AccessAuditEventNames.ProvisionPermissionSet));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Organization_MoveAccountAndNestedOus_UpdatePolicyPath(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var (root, account, _) = await kit.CreateOrganizationAsync();
        var workloads = AccessTestKit.Ok(await kit.Organizations.CreateOrganizationalUnitAsync(root, "Workloads", kit.Admin));
        var prod = AccessTestKit.Ok(await kit.Organizations.CreateOrganizationalUnitAsync(workloads.Id, "Prod", kit.Admin));
        var duplicate = await kit.Organizations.CreateOrganizationalUnitAsync(root, "workloads", kit.Admin);
        Assert.Equal(OperationErrorKind.Conflict, duplicate.ErrorKind);

        AccessTestKit.Ok(await kit.Organizations.MoveAccountAsync(account, prod.Id, kit.Admin));

        var path = (await kit.Organizations.GetPolicyPathAsync(account, OrganizationPolicyType.ServiceControlPolicy))!;
        Assert.Equal([root, workloads.Id, prod.Id, account], path.Levels.Select(l => l.TargetId));
        Assert.All(path.Levels, l => Assert.Equal("FullAWSAccess", Assert.Single(l.Policies).PolicyName));
        Assert.Equal(prod.Id, (await kit.Organizations.GetAccountAsync(account))!.ParentId);
        var notEmpty = await kit.Organizations.DeleteOrganizationalUnitAsync(workloads.Id, kit.Admin);
        Assert.Equal(OperationErrorKind.Conflict, notEmpty.ErrorKind);
        var lastScp = await kit.Organizations.DetachPolicyAsync(OrganizationTree.FullAwsAccessPolicyId, prod.Id, kit.Admin);
        Assert.Equal(OperationErrorKind.Conflict, lastScp.ErrorKind);

        var allowList = AccessTestKit.Ok(await kit.Organizations.CreatePolicyAsync(new OrganizationPolicyInput("OnlyS3", "allow list", OrganizationPolicyType.ServiceControlPolicy, AccessTestKit.AllowS3Get), kit.Admin));
        AccessTestKit.Ok(await kit.Organizations.AttachPolicyAsync(allowList.Id, prod.Id, kit.Admin));
        AccessTestKit.Ok(await kit.Organizations.DetachPolicyAsync(OrganizationTree.FullAwsAccessPolicyId, prod.Id, kit.Admin));
        var reloaded = (await kit.Organizations.GetPolicyPathAsync(account, OrganizationPolicyType.ServiceControlPolicy))!;
        Assert.Equal("OnlyS3", Assert.Single(reloaded.Levels[2].Policies).PolicyName);
        Assert.Equal([prod.Id], (await kit.Organizations.GetPolicyAsync(allowList.Id))!.TargetIds);
        var inUse = await kit.Organizations.DeletePolicyAsync(allowList.Id, kit.Admin);
        Assert.Equal(OperationErrorKind.Conflict, inUse.ErrorKind);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task MatrixAndDashboard_ReflectAssignments(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        AccessTestKit.Ok(await kit.Directory.Get<IWorkshopSeeder>().SeedAsync(reset: false, kit.Admin));

        var users = await kit.EffectiveAccess.GetMatrixAsync(new MatrixQuery { RowType = PrincipalType.User, Take = 50 });
        var groups = await kit.EffectiveAccess.GetMatrixAsync(new MatrixQuery { RowType = PrincipalType.Group, Take = 50 });
        var dashboard = await kit.Directory.Get<IAccessDashboardService>().GetDashboardAsync();
        var report = await kit.Directory.Get<IAccessDashboardService>().GetCredentialReportAsync();

        Assert.Equal(6, users.Page.TotalRows);
        var dan = users.Page.Rows.Single(r => r.PrincipalName == "dan.ops");
        var sandbox = users.AccountNames.Single(a => a.Value == "Sandbox").Key;
        var powerUser = Assert.Single(dan.Cells[sandbox], c => c.PermissionSetName == "PowerUser");
        Assert.True(powerUser.IsDirect);
        Assert.Single(powerUser.ViaGroupIds);
        Assert.Equal(5, groups.Page.TotalRows);
        Assert.Equal(7, dashboard.Accounts);
        Assert.Equal(5, dashboard.PermissionSets);
        Assert.Equal(7, dashboard.Users);
        Assert.NotEmpty(dashboard.RecentEvents);
        Assert.Equal(
            ["user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed", "password_next_rotation", "mfa_active"],
            report.Columns.Take(8));
        Assert.Equal("portal_last_sign_in", report.Columns[^1]);
        Assert.Equal(7, report.Rows.Count);
        Assert.All(report.Rows, r => Assert.Equal(report.Columns.Count, r.Count));
        Assert.Contains(report.Rows, r => r[0] == "cara.data" && r[1].StartsWith("arn:aws:identitystore:::user/", StringComparison.Ordinal));
    }
}
