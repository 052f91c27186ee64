using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Catalog;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.Infrastructure.Tests.Access;

public sealed class ProvisioningTests
{
    private static AuthorizationRequest GetObject(string account) =>
        new($"arn:aws:sts::{account}:assumed-role/AWSReservedSSO_X_0000000000000000/u", "s3:GetObject", "arn:aws:s3:::bucket/key");

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Edit_MarksProvisionedAccountOutOfDate_UntilProvisioned(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var (_, account, _) = await kit.CreateOrganizationAsync();
        var set = await kit.CreatePermissionSetAsync("Drift");
        var user = await kit.CreateUserAsync("frank");
        var created = AccessTestKit.Ok(await kit.Assignments.CreateAsync(new AssignmentRequest(account, set, PrincipalType.User, user), kit.Admin));
        Assert.True(created.Provisioning.Succeeded);
        Assert.Equal(ProvisioningStatus.LatestProvisioned, Assert.Single(await kit.PermissionSets.ListProvisioningStatusAsync(set)).Status);
        Assert.Equal(Decision.ImplicitDeny, PolicyEvaluator.Evaluate(GetObject(account), (await kit.PolicySets.GetAsync(account, set))!).Decision);

        var arn = ManagedPolicyCatalog.Default.FindByName("AmazonS3ReadOnlyAccess")!.Arn;
        var edited = AccessTestKit.Ok(await kit.PermissionSets.AttachManagedPolicyAsync(set, arn, kit.Admin));

        Assert.Equal(2, edited.PermissionSet.Version);
        var stale = Assert.Single(edited.Accounts);
        Assert.Equal(ProvisioningStatus.LatestNotProvisioned, stale.Status);
        Assert.Equal(1, stale.ProvisionedVersion);
        // The role keeps what it was provisioned with until provisioned again, as in AWS.
        Assert.Equal(Decision.ImplicitDeny, PolicyEvaluator.Evaluate(GetObject(account), (await kit.PolicySets.GetAsync(account, set))!).Decision);

        var report = AccessTestKit.Ok(await kit.PermissionSets.ProvisionAsync(set, accountId: null, kit.Admin));

        Assert.True(report.AllSucceeded);
        var current = Assert.Single(await kit.PermissionSets.ListProvisioningStatusAsync(set));
        Assert.Equal(ProvisioningStatus.LatestProvisioned, current.Status);
        Assert.Equal(stale.RoleName, current.RoleName);
        Assert.Equal(Decision.Allow, PolicyEvaluator.Evaluate(GetObject(account), (await kit.PolicySets.GetAsync(account, set))!).Decision);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Edit_WithAutoReprovision_StaysCurrent(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var (_, account, _) = await kit.CreateOrganizationAsync();
        AccessTestKit.Ok(await kit.PermissionSets.UpdateInstanceAsync("eu-west-1", autoReprovision: true, kit.Admin));
        var set = await kit.CreatePermissionSetAsync("Auto");
        var user = await kit.CreateUserAsync("gina");
        AccessTestKit.Ok(await kit.Assignments.CreateAsync(new AssignmentRequest(account, set, PrincipalType.User, user), kit.Admin));

        var edited = AccessTestKit.Ok(await kit.PermissionSets.PutInlinePolicyAsync(set, AccessTestKit.AllowS3Get, kit.Admin));

        var status = Assert.Single(edited.Accounts);
        Assert.Equal(ProvisioningStatus.LatestProvisioned, status.Status);
        Assert.Contains("/aws-reserved/sso.amazonaws.com/eu-west-1/", status.RoleArn, StringComparison.Ordinal);
        Assert.Equal(Decision.Allow, PolicyEvaluator.Evaluate(GetObject(account), (await kit.PolicySets.GetAsync(account, set))!).Decision);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Provision_MissingCustomerPolicy_FailsWithReason_ThenSucceedsOnceCreated(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var (_, account, _) = await kit.CreateOrganizationAsync();
        var set = await kit.CreatePermissionSetAsync("Custom", customer: [new CustomerManagedPolicyReference("TeamPolicy", "/team/")]);
        var user = await kit.CreateUserAsync("hank");

        var created = AccessTestKit.Ok(await kit.Assignments.CreateAsync(new AssignmentRequest(account, set, PrincipalType.User, user), kit.Admin));

        Assert.False(created.Provisioning.Succeeded);
        Assert.Contains("/team/TeamPolicy", created.Provisioning.FailureReason, StringComparison.Ordinal);
        Assert.Contains($"arn:aws:iam::{account}:policy/team/TeamPolicy", created.Provisioning.FailureReason, StringComparison.Ordinal);
        var status = Assert.Single(await kit.PermissionSets.ListProvisioningStatusAsync(set));
        Assert.Equal(ProvisioningStatus.NotProvisioned, status.Status);
        Assert.NotNull(status.FailureReason);
        Assert.Empty(await kit.Entitlements.ListAccountsAsync(user));

        AccessTestKit.Ok(await kit.Policies.CreateCustomerManagedPolicyAsync(new CustomerManagedPolicyInput(account, "TeamPolicy", "/team/", null, AccessTestKit.AllowS3Get), kit.Admin));
        var report = AccessTestKit.Ok(await kit.PermissionSets.ProvisionAsync(set, account, kit.Admin));

        Assert.True(report.AllSucceeded);
        Assert.Null(Assert.Single(await kit.PermissionSets.ListProvisioningStatusAsync(set)).FailureReason);
        Assert.Single(await kit.Entitlements.ListAccountsAsync(user));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task PolicySet_IsRebuilt_WhenCustomerPolicyVersionOrScpChanges(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var (_, account, _) = await kit.CreateOrganizationAsync();
        var policy = AccessTestKit.Ok(await kit.Policies.CreateCustomerManagedPolicyAsync(new CustomerManagedPolicyInput(account, "Reads", null, null, AccessTestKit.AllowS3Get), kit.Admin));
        var set = await kit.CreatePermissionSetAsync("Reader", customer: [new CustomerManagedPolicyReference("Reads")]);
        var user = await kit.CreateUserAsync("ivy");
        AccessTestKit.Ok(await kit.Assignments.CreateAsync(new AssignmentRequest(account, set, PrincipalType.User, user), kit.Admin));
        var first = (await kit.PolicySets.GetAsync(account, set))!;
        Assert.Same(first, await kit.PolicySets.GetAsync(account, set));
        Assert.Equal(Decision.Allow, PolicyEvaluator.Evaluate(GetObject(account), first).Decision);

        AccessTestKit.Ok(await kit.Policies.CreatePolicyVersionAsync(policy.Id, AccessTestKit.DenyS3Get, setAsDefault: true, kit.Admin));
        var second = (await kit.PolicySets.GetAsync(account, set))!;
        Assert.NotSame(first, second);
        Assert.Equal(Decision.ExplicitDeny, PolicyEvaluator.Evaluate(GetObject(account), second).Decision);

        AccessTestKit.Ok(await kit.Policies.SetDefaultPolicyVersionAsync(policy.Id, "v1", kit.Admin));
        Assert.Equal(Decision.Allow, PolicyEvaluator.Evaluate(GetObject(account), (await kit.PolicySets.GetAsync(account, set))!).Decision);

        var scp = AccessTestKit.Ok(await kit.Organizations.CreatePolicyAsync(new OrganizationPolicyInput("NoReads", null, OrganizationPolicyType.ServiceControlPolicy, AccessTestKit.DenyS3Get), kit.Admin));
        AccessTestKit.Ok(await kit.Organizations.AttachPolicyAsync(scp.Id, account, kit.Admin));
        Assert.Equal(Decision.ExplicitDeny, PolicyEvaluator.Evaluate(GetObject(account), (await kit.PolicySets.GetAsync(account, set))!).Decision);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Scp_DoesNotApplyToManagementAccount(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var (root, account, management) = await kit.CreateOrganizationAsync();
        var set = await kit.CreatePermissionSetAsync("Reader", AccessTestKit.AllowS3Get);
        var scp = AccessTestKit.Ok(await kit.Organizations.CreatePolicyAsync(new OrganizationPolicyInput("NoReads", null, OrganizationPolicyType.ServiceControlPolicy, AccessTestKit.DenyS3Get), kit.Admin));
        AccessTestKit.Ok(await kit.Organizations.AttachPolicyAsync(scp.Id, root, kit.Admin));

        Assert.Equal(Decision.ExplicitDeny, PolicyEvaluator.Evaluate(GetObject(account), (await kit.PolicySets.GetAsync(account, set))!).Decision);
        Assert.Equal(Decision.Allow, PolicyEvaluator.Evaluate(GetObject(management), (await kit.PolicySets.GetAsync(management, set))!).Decision);
    }
}
