using System.Security.Claims;
using IdentityCenter.Core.Administration;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Administration;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Tests.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace IdentityCenter.Infrastructure.Tests.Administration;

public sealed class AdministrativeAuthorizerTests
{
    public static TheoryData<string> Providers => TestDirectory.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetScope_BeforeAndAfterTheOrganization_NamesTheManagementAccountAndOrganization(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var authorizer = kit.Directory.Get<IAdministrativeAuthorizer>();

        var before = await authorizer.GetScopeAsync();
        var (_, _, managementId) = await kit.CreateOrganizationAsync();
        var after = await authorizer.GetScopeAsync();

        Assert.Equal(AdministrationScope.NoAccount, before.AccountId);
        Assert.Null(before.OrganizationId);
        Assert.Equal(managementId, after.AccountId);
        Assert.StartsWith("o-", after.OrganizationId, StringComparison.Ordinal);
        Assert.Matches("^d-[0-9a-f]{10}$", after.IdentityStoreId);
        Assert.Equal($"arn:aws:identitystore::{managementId}:identitystore/{after.IdentityStoreId}", AdministrationArns.IdentityStore(after));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FindAdministrator_HelpDeskAndAuditor_HoldTheirGroupsDocuments(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var authorizer = kit.Directory.Get<IAdministrativeAuthorizer>();
        var helpDesk = await kit.CreateUserAsync("helpdesk");
        var auditor = await kit.CreateUserAsync("auditor");
        var nobody = await kit.CreateUserAsync("nobody");
        await kit.AddMemberAsync(BuiltInGroups.HelpDeskId, helpDesk);
        await kit.AddMemberAsync(BuiltInGroups.AuditorsId, auditor);

        var helpDeskWho = (await authorizer.FindAdministratorAsync(helpDesk))!;
        var auditorWho = (await authorizer.FindAdministratorAsync(auditor))!;
        var nobodyWho = (await authorizer.FindAdministratorAsync(nobody))!;
        var scope = await authorizer.GetScopeAsync();

        Assert.Equal([AdministrationPolicies.HelpDeskName], (await authorizer.DocumentsOfAsync(helpDeskWho)).Select(d => d.Name));
        Assert.Equal([AdministrationPolicies.ReadOnlyAuditorName], (await authorizer.DocumentsOfAsync(auditorWho)).Select(d => d.Name));
        Assert.Empty(nobodyWho.GroupNames);
        Assert.True((await authorizer.AuthorizeAsync(helpDeskWho, "identitystore:UpdateUser", [AdministrationArns.IdentityStore(scope), AdministrationArns.User(nobody)])).IsAllowed);
        Assert.False((await authorizer.AuthorizeAsync(auditorWho, "identitystore:UpdateUser", [AdministrationArns.IdentityStore(scope), AdministrationArns.User(nobody)])).IsAllowed);
        Assert.True(await authorizer.IsAllowedAsync(auditorWho, "sso:ListPermissionSets"));
        Assert.False(await authorizer.IsAllowedAsync(helpDeskWho, "sso:ListPermissionSets"));
        Assert.False(await authorizer.IsAllowedAsync(nobodyWho, "identitystore:ListUsers"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FindAdministrator_DisabledUser_IsNull(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var helpDesk = await kit.CreateUserAsync("helpdesk");
        await kit.AddMemberAsync(BuiltInGroups.HelpDeskId, helpDesk);
        Assert.True((await kit.Directory.Get<IUserDirectoryService>().SetEnabledAsync(helpDesk, false, kit.Admin)).Succeeded);

        Assert.Null(await kit.Directory.Get<IAdministrativeAuthorizer>().FindAdministratorAsync(helpDesk));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Authorize_HelpDeskOnAnotherHelpDeskMember_IsExplicitlyDenied(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var authorizer = kit.Directory.Get<IAdministrativeAuthorizer>();
        var first = await kit.CreateUserAsync("helpdesk1");
        var second = await kit.CreateUserAsync("helpdesk2");
        await kit.AddMemberAsync(BuiltInGroups.HelpDeskId, first);
        await kit.AddMemberAsync(BuiltInGroups.HelpDeskId, second);
        var who = (await authorizer.FindAdministratorAsync(first))!;

        var decision = await authorizer.AuthorizeAsync(who, "sso-directory:DeleteMfaDeviceForUser", ["*"], subjectUserId: second);

        Assert.Equal(Decision.ExplicitDeny, decision.Decision);
        Assert.Equal("NoChangesToAdministrators", decision.DecidingStatement?.Sid);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SignIn_HelpDeskMember_GetsTheGroupClaimAndMustEnrolMfa(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        // Ordinary users may sign in without a device; administrators of any kind may not.
        Assert.True((await kit.Directory.Get<IdentityCenter.Infrastructure.Security.IDirectorySettingsService>().UpdateMfaSettingsAsync(
            new Core.Security.MfaSettings(WithoutDevice: Core.Security.MfaNoDevicePolicy.Allow), kit.Admin)).Succeeded);
        var created = AccessTestKit.Ok(await kit.Directory.Get<IUserDirectoryService>().CreateUserAsync(new CreateUserRequest("helpdesk", "Help Desk"), kit.Admin));
        await kit.AddMemberAsync(BuiltInGroups.HelpDeskId, created.User.Id);

        var (s1, http1, signIn) = kit.Directory.NewRequest();
        await using (s1)
        {
            Assert.True((await signIn.PasswordSignInAsync("helpdesk", created.OneTimePassword, false, true)).Succeeded);
        }

        var (s2, http2, _) = kit.Directory.NewRequest(TestDirectory.CookiesFrom(http1));
        await using var b = s2;
        var principal = (await http2.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Principal!;

        Assert.True(principal.HasClaim(IdentityCenterClaimTypes.AdministrativeGroup, BuiltInGroups.HelpDeskId));
        Assert.False(principal.HasClaim(c => c.Type == IdentityCenterClaimTypes.Administrator));
        Assert.True(principal.HasClaim(IdentityCenterClaimTypes.MfaEnrollmentRequired, "true"));
        Assert.Equal([BuiltInGroups.HelpDeskName], AdministratorClaims.From(principal)!.GroupNames);
        Assert.Equal("helpdesk", principal.FindFirstValue(ClaimTypes.Name));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Simulator_AdministrationMode_DecidesAsTheAuthorizerDoes(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        await kit.CreateOrganizationAsync();
        var authorizer = kit.Directory.Get<IAdministrativeAuthorizer>();
        var helpDesk = await kit.CreateUserAsync("helpdesk");
        var auditor = await kit.CreateUserAsync("auditor");
        var target = await kit.CreateUserAsync("target");
        await kit.AddMemberAsync(BuiltInGroups.HelpDeskId, helpDesk);
        await kit.AddMemberAsync(BuiltInGroups.AuditorsId, auditor);
        var scope = await authorizer.GetScopeAsync();
        string[] actions = ["identitystore:UpdateUser", "identitystore:DescribeUser", "sso:CreatePermissionSet", "organizations:AttachPolicy"];
        string[] resources = [AdministrationArns.User(target), AdministrationArns.User(kit.Admin.UserId!), AdministrationArns.Instance(scope), AdministrationArns.Organization(scope)];
        var checkedDecisions = 0;

        foreach (var (userId, expectedDocument) in new[] { (helpDesk, AdministrationPolicies.HelpDeskName), (auditor, AdministrationPolicies.ReadOnlyAuditorName), (kit.Admin.UserId!, AdministrationPolicies.FullAdministrationName) })
        {
            var who = (await authorizer.FindAdministratorAsync(userId))!;
            foreach (var action in actions)
            {
                var service = action[..action.IndexOf(':', StringComparison.Ordinal)];
                var fitting = resources.Where(r => r.StartsWith($"arn:aws:{service}:", StringComparison.Ordinal)).ToList();
                var simulated = AccessTestKit.Ok(await kit.Simulator.SimulateAdministrationAsync(new AdministrationSimulationRequest(userId, [action], fitting, MfaPresent: false)));
                var role = Assert.Single(simulated.Roles);
                Assert.Equal([expectedDocument], role.Policies.Select(p => p.Name));
                foreach (var decision in role.Decisions)
                {
                    var direct = await authorizer.AuthorizeAsync(who, action, [decision.Resource]);
                    Assert.True(direct.Decision == decision.Decision, $"{who.UserName} {action} on {decision.Resource}: simulator {decision.Decision}, authorizer {direct.Decision}");
                    Assert.Equal(direct.Reason, decision.Explanation.Reason);
                    Assert.Equal(direct.PrincipalArn, decision.PrincipalArn);
                    checkedDecisions++;
                }
            }
        }

        Assert.Equal(18, checkedDecisions);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Simulator_AdministrationMode_ExplainsTheHelpDeskDenials(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var authorizer = kit.Directory.Get<IAdministrativeAuthorizer>();
        var helpDesk = await kit.CreateUserAsync("helpdesk");
        await kit.AddMemberAsync(BuiltInGroups.HelpDeskId, helpDesk);
        var scope = await authorizer.GetScopeAsync();

        var result = AccessTestKit.Ok(await kit.Simulator.SimulateAdministrationAsync(new AdministrationSimulationRequest(
            helpDesk, ["identitystore:UpdateUser", "sso:CreatePermissionSet"], [AdministrationArns.User(kit.Admin.UserId!), AdministrationArns.Instance(scope)])));
        var invalid = await kit.Simulator.SimulateAdministrationAsync(new AdministrationSimulationRequest(helpDesk, ["sso:CreatePermissionSets"], ["*"]));

        var decisions = result.Decisions.ToDictionary(d => (d.Action, d.Resource));
        Assert.Equal(Decision.ExplicitDeny, decisions[("identitystore:UpdateUser", AdministrationArns.User(kit.Admin.UserId!))].Decision);
        Assert.Contains(decisions[("identitystore:UpdateUser", AdministrationArns.User(kit.Admin.UserId!))].Explanation.Statements, s => s.Sid == "NoChangesToAdministrators");
        Assert.Equal(Decision.ImplicitDeny, decisions[("sso:CreatePermissionSet", AdministrationArns.Instance(scope))].Decision);
        Assert.Equal(Core.Directory.OperationErrorKind.Validation, invalid.ErrorKind);
        Assert.Contains("sso:CreatePermissionSets", invalid.ErrorsFor("Actions").Single(), StringComparison.Ordinal);
    }
}
