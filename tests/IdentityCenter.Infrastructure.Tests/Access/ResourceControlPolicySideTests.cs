using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.Infrastructure.Tests.Access;

/// <summary>
/// RCPs restrict resources, so a request is held to the RCP levels of the account that owns the resource, not
/// the principal's (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html).
/// </summary>
public sealed class ResourceControlPolicySideTests
{
    private const string WriteTables = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:*","Resource":"*"}]}""";
    private const string DenyTables = """{"Version":"2012-10-17","Statement":[{"Sid":"NoTableWrites","Effect":"Deny","Principal":"*","Action":"dynamodb:PutItem","Resource":"*"}]}""";
    private const string TablePolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"dynamodb:*","Resource":"*"}]}""";

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task RequestOnAnotherAccountsResource_HeldToThatAccountsRcps(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var (root, open, _) = await kit.CreateOrganizationAsync();
        var guarded = AccessTestKit.Ok(await kit.Organizations.CreateAccountAsync(new AccountInput("Guarded", "guarded@example.com", root), kit.Admin)).Id;
        var set = await kit.CreatePermissionSetAsync("TableWriters", WriteTables);
        var rcp = AccessTestKit.Ok(await kit.Organizations.CreatePolicyAsync(new OrganizationPolicyInput("NoTableWrites", null, OrganizationPolicyType.ResourceControlPolicy, DenyTables), kit.Admin));
        AccessTestKit.Ok(await kit.Organizations.AttachPolicyAsync(rcp.Id, guarded, kit.Admin));
        var tablePolicy = new CompiledPolicy(new NamedPolicy("TablePolicy", PolicyParser.Parse(TablePolicy, PolicyKind.Resource).Document!));

        async Task<Decision> DecideAsync(string roleAccount, string tableAccount)
        {
            var policies = roleAccount == tableAccount
                ? await kit.PolicySets.GetAsync(roleAccount, set)
                : await kit.PolicySets.GetForResourceAsync(roleAccount, set, tableAccount);
            var request = new AuthorizationRequest(
                $"arn:aws:sts::{roleAccount}:assumed-role/AWSReservedSSO_TableWriters_0123456789abcdef/alice", "dynamodb:PutItem", $"arn:aws:dynamodb:us-east-1:{tableAccount}:table/Orders");
            return PolicyEvaluator.Evaluate(request, policies!.WithResourcePolicy(tablePolicy, tableAccount)).Decision;
        }

        Assert.Equal(Decision.Allow, await DecideAsync(open, open));
        Assert.Equal(Decision.ExplicitDeny, await DecideAsync(guarded, guarded));
        Assert.Equal(Decision.ExplicitDeny, await DecideAsync(open, guarded)); // the guarded account's RCP covers its table for everyone
        Assert.Equal(Decision.Allow, await DecideAsync(guarded, open)); // and does not follow its own roles to other accounts' tables
        Assert.Equal(Decision.Allow, await DecideAsync(guarded, "999988887777")); // outside the organization no RCP applies

        // Accounts outside the organization share one cached set: a caller cannot grow the cache with made-up accounts.
        Assert.Same(await kit.PolicySets.GetForResourceAsync(guarded, set, "999988887777"), await kit.PolicySets.GetForResourceAsync(guarded, set, "111100002222"));

        // The simulator takes the same sets: each resource with its own account's RCPs.
        var simulated = AccessTestKit.Ok(await kit.Simulator.SimulateAsync(new SimulationRequest(
            open, ["dynamodb:PutItem"], [$"arn:aws:dynamodb:us-east-1:{open}:table/Orders", $"arn:aws:dynamodb:us-east-1:{guarded}:table/Orders"],
            PermissionSetId: set, ResourcePolicy: TablePolicy)));
        Assert.Equal([Decision.Allow, Decision.ExplicitDeny], Assert.Single(simulated.Roles).Decisions.Select(d => d.Decision));
    }
}
