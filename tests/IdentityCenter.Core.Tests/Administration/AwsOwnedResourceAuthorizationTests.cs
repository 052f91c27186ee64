using IdentityCenter.Core.Administration;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;

namespace IdentityCenter.Core.Tests.Administration;

/// <summary>
/// Resources AWS owns (account <c>aws</c>, e.g. the AWS managed SCP <c>p-FullAWSAccess</c>) are decided by the caller's own
/// policies, as IAM does: an allow grants, a deny naming them applies; they are not another account's resources.
/// </summary>
public sealed class AwsOwnedResourceAuthorizationTests
{
    private const string FullAwsAccessArn = "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly AdministrationScope Scope = AdministrationScope.For("111122223333", "ssoins-1234567890abcdef", "o-abcdef1234");
    private static readonly AdministratorIdentity Admin = new("u-admin", "admin", ["IdentityCenterAdmins"]);

    private static AdministrativeDecision Decide(params string[] documents)
    {
        var policies = new PolicySet([.. documents.Select((d, i) => new CompiledPolicy(new NamedPolicy("p" + i, PolicyParser.Parse(d).Evaluable!)))], null, null, null, null, null, null);
        return AdministrativeAuthorization.Decide(Admin, "organizations:DescribePolicy", [FullAwsAccessArn], Scope, policies, null, Now);
    }

    [Fact]
    public void AwsManagedOrganizationPolicy_IdentityAllow_Allows()
    {
        var decision = Decide(AdministrationPolicies.FullAdministration);

        Assert.True(decision.IsAllowed, decision.Reason);
    }

    [Fact]
    public void AwsManagedOrganizationPolicy_DenyNamingIt_Denies()
    {
        var decision = Decide(
            AdministrationPolicies.FullAdministration,
            """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:*","Resource":"arn:aws:organizations::aws:policy/*"}]}""");

        Assert.Equal(Decision.ExplicitDeny, decision.Decision);
    }
}
