using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Directory;

namespace IdentityCenter.Infrastructure.Tests.Access;

public sealed class SimulatorAndSeedTests
{
    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Seed_CreatesProvisionedDemo_RefusesTwice_AndResetReseeds(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var seeder = kit.Directory.Get<IWorkshopSeeder>();

        var seeded = AccessTestKit.Ok(await seeder.SeedAsync(reset: false, kit.Admin));

        Assert.Equal(6, seeded.Accounts);
        Assert.Equal(5, seeded.PermissionSets);
        Assert.Equal(6, seeded.Users.Count);
        Assert.All(seeded.Users, u => Assert.Equal(WorkshopSeeder.DemoPassword, u.Password));
        var sets = await kit.PermissionSets.ListAsync();
        Assert.Equal(["AdministratorAccess", "Billing", "DataAnalyst", "PowerUser", "ReadOnly"], sets.Select(s => s.Name));
        Assert.All(sets, s => Assert.Equal(0, s.OutOfDateAccountCount));
        Assert.All(sets, s => Assert.True(s.ProvisionedAccountCount > 0));
        var assignmentCount = sets.Sum(s => s.AssignmentCount);
        Assert.Equal(seeded.Assignments, assignmentCount);
        var view = (await kit.Organizations.GetOrganizationAsync())!;
        Assert.Equal(7, view.Accounts.Count);
        Assert.Equal(["Dev", "Prod", "Sandbox", "Security", "Workloads"], view.OrganizationalUnits.Select(u => u.Name));

        var cara = (await kit.Directory.Get<IUserDirectoryService>().FindByUserNameAsync("cara.data"))!;
        var roles = await kit.Entitlements.ListAccountsAsync(cara.Id);
        Assert.Equal(["Dev", "Prod Data"], roles.Select(a => a.AccountName));
        var grant = (await kit.Entitlements.ResolveRoleAsync(cara.Id, roles[0].AccountId, "DataAnalyst")).Grant!;
        Assert.Equal("Analytics", grant.PrincipalTags["Department"]);

        var again = await seeder.SeedAsync(reset: false, kit.Admin);
        Assert.Equal(OperationErrorKind.Conflict, again.ErrorKind);

        var reseeded = AccessTestKit.Ok(await seeder.SeedAsync(reset: true, kit.Admin));
        Assert.True(reseeded.WasReset);
        Assert.Equal(7, (await kit.Organizations.ListAccountsAsync()).Count);
        Assert.Equal(5, (await kit.PermissionSets.ListAsync()).Count);
        Assert.Equal(assignmentCount, (await kit.PermissionSets.ListAsync()).Sum(s => s.AssignmentCount));
        Assert.Equal(5, (await kit.Organizations.GetOrganizationAsync())!.OrganizationalUnits.Count);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Simulate_User_MatchesDirectEvaluatorCalls_AndNamesTheScpStatement(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        AccessTestKit.Ok(await kit.Directory.Get<IWorkshopSeeder>().SeedAsync(reset: false, kit.Admin));
        var ben = (await kit.Directory.Get<IUserDirectoryService>().FindByUserNameAsync("ben.dev"))!;
        var prodWeb = (await kit.Organizations.ListAccountsAsync()).Single(a => a.Name == "Prod Web").Id;
        var dev = (await kit.Organizations.ListAccountsAsync()).Single(a => a.Name == "Dev").Id;

        // ben.dev is a Developer: ReadOnly in Prod Web.
        var readOnly = AccessTestKit.Ok(await kit.Simulator.SimulateAsync(new SimulationRequest(prodWeb, ["s3:GetObject", "s3:DeleteBucket"], ["arn:aws:s3:::bucket"], UserId: ben.Id)));
        var role = Assert.Single(readOnly.Roles);
        Assert.Equal("ReadOnly", role.PermissionSetName);
        var set = (await kit.PolicySets.GetAsync(prodWeb, role.PermissionSetId!))!;
        foreach (var decision in role.Decisions)
        {
            var request = new AuthorizationRequest(decision.PrincipalArn, decision.Action, decision.Resource, new RequestContext()
                .Set("aws:PrincipalArn", PermissionSetNaming.RoleArn(prodWeb, "us-east-1", decision.PrincipalArn.Split('/')[1])));
            Assert.Equal(PolicyEvaluator.Evaluate(request, set).Decision, decision.Decision);
        }

        Assert.Equal(Decision.Allow, role.Decisions[0].Decision);
        Assert.Equal(Decision.ExplicitDeny, role.Decisions[1].Decision); // Prod Web sits in the Prod OU: its SCP denies DeleteBucket.

        // Permission set mode: PowerUser in Prod Web is denied DeleteBucket by the Prod SCP, allowed in Dev.
        var powerUser = (await kit.PermissionSets.ListAsync()).Single(s => s.Name == "PowerUser").Id;
        var prod = AccessTestKit.Ok(await kit.Simulator.SimulateAsync(new SimulationRequest(prodWeb, ["s3:DeleteBucket"], ["arn:aws:s3:::bucket"], PermissionSetId: powerUser)));
        var denied = Assert.Single(Assert.Single(prod.Roles).Decisions);
        Assert.Equal(Decision.ExplicitDeny, denied.Decision);
        Assert.Equal(PolicyType.ServiceControlPolicy, denied.Explanation.DecidedBy);
        Assert.Contains(denied.Explanation.Statements, s => s.Sid == "DenyDeleteBucket" && s.PolicyName == WorkshopSeeder.ProdGuardrailName);

        var inDev = AccessTestKit.Ok(await kit.Simulator.SimulateAsync(new SimulationRequest(dev, ["s3:DeleteBucket"], ["arn:aws:s3:::bucket"], PermissionSetId: powerUser)));
        Assert.Equal(Decision.Allow, Assert.Single(Assert.Single(inDev.Roles).Decisions).Decision);

        var region = AccessTestKit.Ok(await kit.Simulator.SimulateAsync(new SimulationRequest(dev, ["ec2:RunInstances"], ["*"], PermissionSetId: powerUser,
            Context: new Dictionary<string, IReadOnlyList<string>> { ["aws:RequestedRegion"] = ["ap-south-1"] })));
        Assert.Equal(Decision.ExplicitDeny, Assert.Single(Assert.Single(region.Roles).Decisions).Decision);
    }

    [Fact]
    public async Task SimulateCustom_MatchesEvaluator_AndRejectsInvalidDocumentsWithPosition()
    {
        await using var kit = await AccessTestKit.CreateAsync("Sqlite");
        var request = new CustomSimulationRequest([AccessTestKit.AllowS3Get], ["s3:GetObject", "s3:PutObject"], ["arn:aws:s3:::b/k"],
            ServiceControlPolicyLevels: [[Core.Organizations.OrganizationTree.FullAwsAccessDocument], [AccessTestKit.DenyS3Get]]);

        var result = AccessTestKit.Ok(kit.Simulator.SimulateCustom(request));

        var decisions = Assert.Single(result.Roles).Decisions;
        Assert.Equal([Decision.ExplicitDeny, Decision.ImplicitDeny], decisions.Select(d => d.Decision));
        Assert.Equal(PolicyType.ServiceControlPolicy, decisions[0].Explanation.DecidedBy);

        var invalid = kit.Simulator.SimulateCustom(request with { IdentityPolicies = ["{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\"}]\n}"] });
        Assert.Equal(OperationErrorKind.Validation, invalid.ErrorKind);
        Assert.Contains(invalid.Errors, e => e.Field == "IdentityPolicies[0]" && e.Message.StartsWith("Line ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SimulateCustom_DescribedSession_DecidesOnItsTagsAndMfa_InjectedKeysChangeNothing()
    {
        await using var kit = await AccessTestKit.CreateAsync("Sqlite");
        const string identity = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"data"}}},
              {"Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}
            """;
        var request = new CustomSimulationRequest([identity], ["s3:GetObject", "s3:PutObject"], ["arn:aws:s3:::b/k"],
            MfaPresent: false, PrincipalTags: new Dictionary<string, string> { ["team"] = "data" });
        var injected = request with
        {
            PrincipalTags = new Dictionary<string, string> { ["team"] = "other" },
            Context = new Dictionary<string, IReadOnlyList<string>> { ["aws:PrincipalTag/team"] = ["data"], ["aws:MultiFactorAuthPresent"] = ["true"] },
        };

        var described = Assert.Single(AccessTestKit.Ok(kit.Simulator.SimulateCustom(request)).Roles);
        var withInjection = Assert.Single(AccessTestKit.Ok(kit.Simulator.SimulateCustom(injected)).Roles);
        var notASession = kit.Simulator.SimulateCustom(request with { PrincipalArn = "arn:aws:iam::111122223333:user/alice" });

        Assert.Equal([Decision.Allow, Decision.ImplicitDeny], described.Decisions.Select(d => d.Decision));
        Assert.Equal([Decision.ImplicitDeny, Decision.ImplicitDeny], withInjection.Decisions.Select(d => d.Decision));
        Assert.Contains(withInjection.Problems, p => p.Contains("aws:PrincipalTag/team", StringComparison.Ordinal));
        Assert.Contains(withInjection.Problems, p => p.Contains("aws:MultiFactorAuthPresent", StringComparison.Ordinal));
        Assert.Contains(notASession.Errors, e => e.Field == "PrincipalArn");
    }
}
