using IdentityCenter.Core.Administration;
using IdentityCenter.Core.Catalog;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;

namespace IdentityCenter.Core.Tests.Administration;

public sealed class AdministrativeAuthorizationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly AdministrationScope Scope = AdministrationScope.For("111122223333", "ssoins-1234567890abcdef", "o-abcdef1234");
    private static readonly AdministratorIdentity HelpDeskUser = new("u-helpdesk", "helpdesk", ["IdentityCenterHelpDesk"]);

    private static PolicySet Holding(params string[] builtIns) =>
        new([.. builtIns.Select(AdministrationPolicies.Get)], null, null, null, null, null, null);

    private static AdministrativeDecision Decide(PolicySet policies, string action, params string[] resources) =>
        AdministrativeAuthorization.Decide(HelpDeskUser, action, resources, Scope, policies, null, Now);

    [Fact]
    public void Arns_FollowTheServiceAuthorizationReferenceFormats()
    {
        Assert.Equal("d-1234567890", Scope.IdentityStoreId);
        Assert.Equal("arn:aws:identitystore::111122223333:identitystore/d-1234567890", AdministrationArns.IdentityStore(Scope));
        Assert.Equal("arn:aws:identitystore:::user/u-1", AdministrationArns.User("u-1"));
        Assert.Equal("arn:aws:identitystore:::group/g-1", AdministrationArns.Group("g-1"));
        Assert.Equal("arn:aws:identitystore:::user/*", AdministrationArns.AllUsers);
        Assert.Equal("arn:aws:sso:::instance/ssoins-1234567890abcdef", AdministrationArns.Instance(Scope));
        Assert.Equal("arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-0123456789abcdef", AdministrationArns.PermissionSet(Scope, "ps-0123456789abcdef"));
        Assert.Equal("arn:aws:organizations::111122223333:ou/o-abcdef1234/ou-ab12-cdefgh34", AdministrationArns.OrganizationalUnit(Scope, "ou-ab12-cdefgh34"));
        Assert.Equal("arn:aws:organizations::111122223333:policy/o-abcdef1234/service_control_policy/p-12345678", AdministrationArns.OrganizationPolicy(Scope, "service_control_policy", "p-12345678"));
        Assert.Equal("arn:aws:organizations::111122223333:organization/o-abcdef1234", AdministrationArns.Organization(Scope));
    }

    [Fact]
    public void ScopeAndDirectoryResources_StandForTheServiceOrTheUserAndGroup()
    {
        Assert.Equal(AdministrationArns.IdentityStore(Scope), AdministrationArns.ScopeResource("identitystore:ListUsers", Scope));
        Assert.Equal(AdministrationArns.Instance(Scope), AdministrationArns.ScopeResource("sso:ListPermissionSets", Scope));
        Assert.Equal(AdministrationArns.Organization(Scope), AdministrationArns.ScopeResource("organizations:ListAccounts", Scope));
        Assert.Equal("*", AdministrationArns.ScopeResource("organizations:ListAccounts", Scope with { OrganizationId = null }));
        Assert.Equal("*", AdministrationArns.ScopeResource("sso-directory:UpdatePassword", Scope));
        Assert.Equal(
            [AdministrationArns.IdentityStore(Scope), AdministrationArns.Group("g-1"), AdministrationArns.User("u-1")],
            AdministrationArns.DirectoryResources("identitystore:CreateGroupMembership", Scope, "u-1", "g-1"));
        Assert.Equal(["*"], AdministrationArns.DirectoryResources("sso-directory:UpdatePassword", Scope, "u-1"));
        Assert.Equal("arn:aws:identitystore::000000000000:identitystore/d-0000000000", AdministrationArns.IdentityStore(AdministrationScope.For(null, null, null)));
    }

    [Theory]
    [InlineData("identitystore:CreateUsers", "*", "not an action in the Service Authorization Reference")]
    [InlineData("identitystore:*", "*", "is not an action")]
    [InlineData("sso:CreatePermissionSet", "arn:aws:identitystore:::user/u-1", "is not an ARN of a sso resource")]
    [InlineData("sso:CreatePermissionSet", "", "Give the resource ARN")]
    public void Decide_InvalidActionOrResource_IsAnErrorThatSaysWhatToFix(string action, string resource, string expected)
    {
        var decision = Decide(Holding(AdministrationPolicies.FullAdministrationName), action, resource);

        Assert.Equal(Decision.Error, decision.Decision);
        Assert.Contains(expected, decision.Reason, StringComparison.Ordinal);
        Assert.False(decision.IsAllowed);
    }

    [Fact]
    public void Decide_HelpDeskAddsAMember_IsAllowedByTheHelpDeskStatement()
    {
        var decision = Decide(Holding(AdministrationPolicies.HelpDeskName), "identitystore:CreateGroupMembership",
            AdministrationArns.IdentityStore(Scope), AdministrationArns.Group("g-1"), AdministrationArns.User("u-1"));

        Assert.True(decision.IsAllowed, decision.Reason);
        Assert.Equal("ManageUsersGroupsMembershipsMfaAndSessions", decision.DecidingStatement?.Sid);
    }

    [Fact]
    public void Decide_HelpDeskCreatesPermissionSet_IsImplicitlyDeniedWithAwsMessage()
    {
        var decision = Decide(Holding(AdministrationPolicies.HelpDeskName), "sso:CreatePermissionSet", AdministrationArns.Instance(Scope));

        Assert.Equal(Decision.ImplicitDeny, decision.Decision);
        Assert.Null(decision.DecidingStatement);
        Assert.Equal(
            "User: arn:aws:iam::111122223333:user/helpdesk is not authorized to perform: sso:CreatePermissionSet on resource: arn:aws:sso:::instance/ssoins-1234567890abcdef because no identity-based policy allows the sso:CreatePermissionSet action",
            decision.AccessDeniedMessage);
    }

    [Fact]
    public void Decide_HelpDeskResetsAnAdministratorsPassword_IsExplicitlyDenied()
    {
        var tagged = new RequestContext().Set("aws:ResourceTag/" + AdministrationPolicies.AdministrativeResourceTag, "IdentityCenterAdmins");
        var decision = AdministrativeAuthorization.Decide(HelpDeskUser, "sso-directory:UpdatePassword", ["*"], Scope,
            Holding(AdministrationPolicies.HelpDeskName), null, Now, resourceContext: _ => tagged);

        Assert.Equal(Decision.ExplicitDeny, decision.Decision);
        Assert.Equal("NoChangesToAdministrators", decision.DecidingStatement?.Sid);
        Assert.Contains("with an explicit deny", decision.AccessDeniedMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_HelpDeskReadsAnAdministrator_IsAllowed()
    {
        var tagged = new RequestContext().Set("aws:ResourceTag/" + AdministrationPolicies.AdministrativeResourceTag, "IdentityCenterAdmins");
        var decision = AdministrativeAuthorization.Decide(HelpDeskUser, "identitystore:DescribeUser", [AdministrationArns.IdentityStore(Scope), AdministrationArns.User("admin")], Scope,
            Holding(AdministrationPolicies.HelpDeskName), null, Now, resourceContext: _ => tagged);

        Assert.True(decision.IsAllowed, decision.Reason);
    }

    [Theory]
    [InlineData("sso:DescribePermissionSet", true)]
    [InlineData("organizations:ListPoliciesForTarget", true)]
    [InlineData("identitystore:ListUsers", true)]
    [InlineData("identitystore:CreateUser", false)]
    [InlineData("sso-directory:UpdatePassword", false)]
    [InlineData("organizations:AttachPolicy", false)]
    public void Decide_Auditor_ReadsButDoesNotChange(string action, bool allowed)
    {
        var decision = Decide(Holding(AdministrationPolicies.ReadOnlyAuditorName), action, "*");

        Assert.Equal(allowed, decision.IsAllowed);
    }

    [Theory]
    [InlineData("organizations:AttachPolicy")]
    [InlineData("sso:CreatePermissionSet")]
    [InlineData("identitystore:DeleteUser")]
    [InlineData("sso-directory:UpdatePassword")]
    public void Decide_FullAdministration_AllowsEverything(string action)
    {
        Assert.True(Decide(Holding(AdministrationPolicies.FullAdministrationName), action, "*").IsAllowed);
    }

    [Fact]
    public void Decide_NoDocuments_IsImplicitDeny()
    {
        Assert.Equal(Decision.ImplicitDeny, Decide(Holding(), "identitystore:ListUsers", "*").Decision);
    }

    [Fact]
    public void Context_PrincipalKeysComeFromTheIdentity_CallersCannotSetThem()
    {
        var ignored = new List<string>();
        var keys = new RequestContext().Set("aws:username", "root").Set("aws:SourceIp", "203.0.113.7").Set("aws:PrincipalTag/team", "admins");
        var who = HelpDeskUser with { PrincipalTags = new Dictionary<string, string> { ["team"] = "support" }, MfaPresent = false };

        var context = AdministrativeRequest.Context(who, Scope, keys, Now, ignored);

        Assert.Equal("helpdesk", context.GetString("aws:username"));
        Assert.Equal("u-helpdesk", context.GetString("aws:userid"));
        Assert.Equal("203.0.113.7", context.GetString("aws:SourceIp"));
        Assert.Equal("support", context.GetString("aws:PrincipalTag/team"));
        Assert.Equal("false", context.GetString("aws:MultiFactorAuthPresent"));
        Assert.Equal("2026-12-07T09:00:00Z", context.GetString("aws:CurrentTime"));
        Assert.Equal("o-abcdef1234", context.GetString("aws:PrincipalOrgID"));
        Assert.Contains("aws:username", ignored);
        Assert.Contains("aws:PrincipalTag/team", ignored);
    }

    [Fact]
    public void Decide_CustomDocumentWithConditionsAndVariables_UsesTheIdentitysKeys()
    {
        var document = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"identitystore:UpdateUser","Resource":"*",
              "Condition":{"StringEquals":{"aws:username":"${aws:username}"},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}
            """;
        var policies = new PolicySet([new NamedPolicy("Custom", PolicyParser.Parse(document).Evaluable!)]);

        var inside = AdministrativeAuthorization.Decide(HelpDeskUser, "identitystore:UpdateUser", ["*"], Scope, policies, new RequestContext().Set("aws:SourceIp", "10.1.2.3"), Now);
        var outside = AdministrativeAuthorization.Decide(HelpDeskUser, "identitystore:UpdateUser", ["*"], Scope, policies, new RequestContext().Set("aws:SourceIp", "192.0.2.1"), Now);

        Assert.True(inside.IsAllowed, inside.Reason);
        Assert.Equal(Decision.ImplicitDeny, outside.Decision);
    }

    [Fact]
    public void Decide_EveryRequiredResourceMustBeAllowed()
    {
        var document = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"identitystore:CreateGroupMembership",
              "Resource":["arn:aws:identitystore::111122223333:identitystore/*","arn:aws:identitystore:::group/g-support","arn:aws:identitystore:::user/*"]}]}
            """;
        var policies = new PolicySet([new NamedPolicy("OnlySupportGroup", PolicyParser.Parse(document).Evaluable!)]);
        string[] For(string group) => [AdministrationArns.IdentityStore(Scope), AdministrationArns.Group(group), AdministrationArns.User("u-1")];

        var allowed = AdministrativeAuthorization.Decide(HelpDeskUser, "identitystore:CreateGroupMembership", For("g-support"), Scope, policies, null, Now);
        var denied = AdministrativeAuthorization.Decide(HelpDeskUser, "identitystore:CreateGroupMembership", For("g-other"), Scope, policies, null, Now);

        Assert.True(allowed.IsAllowed, allowed.Reason);
        Assert.False(denied.IsAllowed);
        Assert.Equal(AdministrationArns.Group("g-other"), denied.Resource);
    }

    [Fact]
    public void BuiltInDocuments_ParseCleanlyAndNameOnlyRealActions()
    {
        foreach (var (name, json) in AdministrationPolicies.All)
        {
            var parsed = PolicyParser.Parse(json);
            Assert.False(parsed.HasErrors, name + ": " + string.Join("; ", parsed.Errors));
            foreach (var statement in parsed.Document!.Statements)
            {
                foreach (var action in statement.Actions)
                {
                    Assert.True(ServiceAuthorizationCatalog.Default.MatchesAnyAction(action), $"{name}: {action} names no known action");
                }
            }
        }
    }
}
