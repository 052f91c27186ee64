using Bunit;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Infrastructure.Access;
using UserEffectiveAccessView = IdentityCenter.Web.Components.Pages.Admin.Assignments.UserEffectiveAccess;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Assignments;

public sealed class UserEffectiveAccessTests
{
    [Fact]
    public async Task Render_DirectAndGroupAccess_AreMarked()
    {
        await using var access = new AccessTestContext();
        access.Assignments.Effective.Add(new UserAssignmentInfo("222222222222", "Dev", "ps-1", "ReadOnly", true, []));
        access.Assignments.Effective.Add(new UserAssignmentInfo("333333333333", "Prod", "ps-2", "PowerUser", true, [new GroupRef("g-dev", "Developers")]));
        access.Assignments.Effective.Add(new UserAssignmentInfo("333333333333", "Prod", "ps-1", "ReadOnly", false, [new GroupRef("g-ops", "Operators")]));

        var component = access.Context.Render<UserEffectiveAccessView>(p => p.Add(x => x.UserId, "u-alice"));

        var rows = component.FindAll(".user-effective-access-row");
        Assert.Equal(3, rows.Count);
        Assert.NotNull(rows[0].QuerySelector(".access-direct"));
        Assert.Null(rows[0].QuerySelector(".access-via-group"));
        Assert.NotNull(rows[1].QuerySelector(".access-direct"));
        Assert.Contains("via Developers", rows[1].QuerySelector(".access-via-group")!.TextContent, StringComparison.Ordinal);
        Assert.Null(rows[2].QuerySelector(".access-direct"));
        Assert.Contains("via Operators", rows[2].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowDetails_ListsRolePoliciesAndGuardrails()
    {
        await using var access = new AccessTestContext();
        access.Assignments.Effective.Add(new UserAssignmentInfo("222222222222", "Dev", "ps-1", "ReadOnly", true, []));
        var scps = new OrganizationPolicyPath(OrganizationPolicyType.ServiceControlPolicy, "222222222222", true,
            [new PolicyPathLevel("r-root", OrganizationTargetType.Root, "Root", [new PolicyPathEntry("p-full", "FullAWSAccess", "{}")])]);
        var sources = new RolePolicySources("222222222222", "ps-1", 2,
            [new PolicySource("ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess", PolicySourceKind.AwsManaged, """{"Version":"2012-10-17","Statement":[]}""")],
            null, scps, null, []);
        access.EffectiveAccess.Users["u-alice"] = new IdentityCenter.Infrastructure.Access.UserEffectiveAccess("u-alice", "alice",
            [new EffectiveAccount("222222222222", "Dev", [new EffectiveRole("ps-1", "ReadOnly", "AWSReservedSSO_ReadOnly_0123456789abcdef", "arn:aws:iam::222222222222:role/x", ProvisioningStatus.LatestProvisioned, true, [], sources)])]);
        access.RenderProviders();
        var component = access.Context.Render<UserEffectiveAccessView>(p => p.Add(x => x.UserId, "u-alice"));

        component.Find("#user-access-details").Click();

        component.WaitForAssertion(() => Assert.Single(component.FindAll(".user-access-role")));
        Assert.Contains("Identity policy: ReadOnlyAccess (AwsManaged)", component.Find(".user-access-policy").TextContent, StringComparison.Ordinal);
        Assert.Contains("SCPs: Root [FullAWSAccess]", component.Find(".user-access-guardrails").TextContent, StringComparison.Ordinal);
        Assert.Contains("provisioned", component.Find(".user-access-role").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_NoAccess_SaysSo()
    {
        await using var access = new AccessTestContext();

        var component = access.Context.Render<UserEffectiveAccessView>(p => p.Add(x => x.UserId, "u-alice"));

        Assert.Contains("No access", component.Find(".user-effective-access-empty").TextContent, StringComparison.Ordinal);
    }
}
