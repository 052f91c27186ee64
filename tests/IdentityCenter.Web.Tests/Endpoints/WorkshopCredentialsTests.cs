using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IdentityCenter.Web.Tests.Endpoints;

/// <summary>The credentials half against the real access model: the workshop organization, its entitlements and compiled policy sets.</summary>
public sealed class WorkshopCredentialsTests(IdentityCenterWebFactory factory) : IClassFixture<IdentityCenterWebFactory>
{
    [Fact]
    public async Task WorkshopUser_GroupAssignments_IssueAuthorizeAndRevokeOnRemoval()
    {
        using var client = factory.CreateClient();
        var seeded = await factory.Services.SeedIdentityCenterWorkshopAsync(reset: true);
        Assert.True(seeded.Succeeded, seeded.Summary);
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var ben = (await services.GetRequiredService<IUserDirectoryService>().FindByUserNameAsync("ben.dev"))!;
        var entitlements = services.GetRequiredService<IEntitlementService>();
        var accounts = await entitlements.ListAccountsAsync(ben.Id);
        Assert.NotEmpty(accounts);
        var (account, role) = await FirstRoleAsync(entitlements, ben.Id, accounts, "ReadOnly");

        var issued = await services.GetRequiredService<CredentialService>().IssueAsync(new CredentialCaller(ben.Id, ben.UserName, true), account, role.RoleName);

        Assert.True(issued.Succeeded, issued.Message);
        var credentials = issued.Credentials!;
        Assert.Equal(credentials.Claims.IssuedAt + role.SessionDuration, credentials.Expiration);
        Assert.NotEmpty(credentials.Claims.GrantingPrincipalIds);
        var playground = services.GetRequiredService<PlaygroundAuthorizer>();
        var read = await playground.AuthorizeAsync(credentials.AccessKeyId, credentials.SessionToken, "s3:GetObject", "arn:aws:s3:::demo-bucket/key");
        var write = await playground.AuthorizeAsync(credentials.AccessKeyId, credentials.SessionToken, "s3:DeleteBucket", "arn:aws:s3:::demo-bucket");
        Assert.Equal(Decision.Allow, read.Decision);
        Assert.NotEqual(Decision.Allow, write.Decision);
        Assert.Null(write.Error);

        // Removing the group's assignment revokes credentials granted only through it.
        foreach (var granting in credentials.Claims.GrantingPrincipalIds)
        {
            await services.GetRequiredService<ICredentialRevocation>().RevokeAssignmentAsync(account, credentials.Claims.PermissionSetId, granting, Actor.System);
        }

        var after = await playground.AuthorizeAsync(credentials.AccessKeyId, credentials.SessionToken, "s3:GetObject", "arn:aws:s3:::demo-bucket/key");
        Assert.Equal(CredentialErrorCode.TokenRevoked, after.Error?.Code);
    }

    [Fact]
    public async Task WorkshopUsers_EveryRole_AuthorizeDecidesExactlyAsTheSimulator_AndInjectedSessionKeysChangeNeither()
    {
        var seeded = await factory.Services.SeedIdentityCenterWorkshopAsync(reset: true);
        Assert.True(seeded.Succeeded, seeded.Summary);
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var entitlements = services.GetRequiredService<IEntitlementService>();
        var simulator = services.GetRequiredService<IPolicySimulator>();
        var playground = services.GetRequiredService<PlaygroundAuthorizer>();
        var checks = new (string Action, string Resource)[]
        {
            ("s3:GetObject", "arn:aws:s3:::demo-bucket/reports/q1.csv"),
            ("s3:DeleteBucket", "arn:aws:s3:::demo-bucket"),
            ("s3:PutObject", "arn:aws:s3:::workshop-analytics/Analytics/q1.csv"),
            ("s3:PutObject", "arn:aws:s3:::workshop-analytics/Operations/q1.csv"),
            ("ec2:TerminateInstances", "arn:aws:ec2:us-east-1:{account}:instance/i-0a1b2c3d4e5f60001"),
            ("dynamodb:PutItem", "arn:aws:dynamodb:us-east-1:{account}:table/Orders"),
            ("iam:CreateUser", "arn:aws:iam::{account}:user/mallory"),
            ("cloudtrail:StopLogging", "arn:aws:cloudtrail:us-east-1:{account}:trail/org-trail"),
        };

        // Keys a caller cannot set: the simulator must leave them out exactly as /api/authorize does.
        var injected = new Dictionary<string, IReadOnlyList<string>>
        {
            ["aws:PrincipalTag/Department"] = ["Analytics"],
            ["aws:PrincipalTag/x"] = ["yes"],
            ["aws:PrincipalOrgID"] = ["o-injected00"],
            ["aws:MultiFactorAuthPresent"] = ["false"],
        };
        var compared = 0;
        var decisions = new HashSet<Decision>();
        var directory = services.GetRequiredService<IUserDirectoryService>();

        foreach (var seededUser in seeded.Value!.Users)
        {
            var user = (await directory.FindByUserNameAsync(seededUser.UserName))!;
            foreach (var account in await entitlements.ListAccountsAsync(user.Id))
            {
                foreach (var role in await entitlements.ListRolesAsync(user.Id, account.AccountId))
                {
                    var issued = await services.GetRequiredService<CredentialService>().IssueAsync(new CredentialCaller(user.Id, user.UserName, true), account.AccountId, role.RoleName);
                    Assert.True(issued.Succeeded, issued.Message);
                    foreach (var (action, template) in checks)
                    {
                        var resource = template.Replace("{account}", account.AccountId, StringComparison.Ordinal);
                        var simulated = await simulator.SimulateAsync(new SimulationRequest(account.AccountId, [action], [resource], UserId: user.Id));
                        var simulatedInjected = await simulator.SimulateAsync(new SimulationRequest(account.AccountId, [action], [resource], UserId: user.Id, Context: injected));
                        Assert.True(simulated.Succeeded, simulated.Summary);
                        var authorized = await playground.AuthorizeAsync(issued.Credentials!.AccessKeyId, issued.Credentials.SessionToken, action, resource);

                        Assert.Null(authorized.Error);
                        var expected = Assert.Single(simulated.Value!.Roles.Single(r => r.PermissionSetId == role.PermissionSetId).Decisions).Decision;
                        var withInjection = simulatedInjected.Value!.Roles.Single(r => r.PermissionSetId == role.PermissionSetId);
                        var where = $"{user.UserName} {account.AccountName}/{role.RoleName} {action} on {resource}";
                        Assert.True(expected == authorized.Decision, $"{where}: simulator {expected}, authorize {authorized.Decision}");
                        Assert.True(expected == Assert.Single(withInjection.Decisions).Decision, $"{where}: injected keys changed the simulator's answer");
                        Assert.Contains(withInjection.Problems, p => p.Contains("aws:PrincipalOrgID", StringComparison.Ordinal));
                        decisions.Add(authorized.Decision);
                        compared++;
                    }
                }
            }
        }

        Assert.True(compared >= 100, $"only {compared} comparisons");
        Assert.Contains(Decision.Allow, decisions);
        Assert.Contains(Decision.ImplicitDeny, decisions);
        Assert.Contains(Decision.ExplicitDeny, decisions);
    }

    [Fact]
    public async Task WorkshopAuthorize_ResourceInAnotherAccount_HeldToThatAccountsRcps()
    {
        var seeded = await factory.Services.SeedIdentityCenterWorkshopAsync(reset: true);
        Assert.True(seeded.Succeeded, seeded.Summary);
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var organizations = services.GetRequiredService<IOrganizationService>();
        var accounts = await organizations.ListAccountsAsync();
        var prodData = accounts.Single(a => a.Name == "Prod Data").Id;
        var dev = accounts.Single(a => a.Name == "Dev").Id;
        var rcp = await organizations.CreatePolicyAsync(new OrganizationPolicyInput("NoTableWrites-" + Guid.NewGuid().ToString("N")[..8], null, Core.Organizations.OrganizationPolicyType.ResourceControlPolicy,
            """{"Version":"2012-10-17","Statement":[{"Sid":"NoTableWrites","Effect":"Deny","Principal":"*","Action":"dynamodb:PutItem","Resource":"*"}]}"""), Actor.System);
        Assert.True(rcp.Succeeded, rcp.Summary);
        Assert.True((await organizations.AttachPolicyAsync(rcp.Value!.Id, prodData, Actor.System)).Succeeded);
        try
        {
            var cara = (await services.GetRequiredService<IUserDirectoryService>().FindByUserNameAsync("cara.data"))!;
            var credentials = services.GetRequiredService<CredentialService>();
            var playground = services.GetRequiredService<PlaygroundAuthorizer>();
            var inDev = (await credentials.IssueAsync(new CredentialCaller(cara.Id, cara.UserName, true), dev, "DataAnalyst")).Credentials!;
            var inProdData = (await credentials.IssueAsync(new CredentialCaller(cara.Id, cara.UserName, true), prodData, "DataAnalyst")).Credentials!;
            string Table(string account) => $"arn:aws:dynamodb:us-east-1:{account}:table/Orders";

            // The Prod Data RCP covers Prod Data's table for a Dev role too, and does not follow Prod Data's role to Dev's table.
            var devToProdData = await playground.AuthorizeAsync(inDev.AccessKeyId, inDev.SessionToken, "dynamodb:PutItem", Table(prodData));
            var prodDataToDev = await playground.AuthorizeAsync(inProdData.AccessKeyId, inProdData.SessionToken, "dynamodb:PutItem", Table(dev));
            var prodDataToOwn = await playground.AuthorizeAsync(inProdData.AccessKeyId, inProdData.SessionToken, "dynamodb:PutItem", Table(prodData));

            Assert.Equal(Decision.ExplicitDeny, devToProdData.Decision);
            Assert.Equal(Decision.ImplicitDeny, prodDataToDev.Decision);
            Assert.Equal(Decision.ExplicitDeny, prodDataToOwn.Decision);
        }
        finally
        {
            await organizations.DetachPolicyAsync(rcp.Value!.Id, prodData, Actor.System);
            await organizations.DeletePolicyAsync(rcp.Value.Id, Actor.System);
        }
    }

    private static async Task<(string Account, EntitledRole Role)> FirstRoleAsync(IEntitlementService entitlements, string userId, IReadOnlyList<EntitledAccount> accounts, string roleName)
    {
        foreach (var account in accounts)
        {
            var role = (await entitlements.ListRolesAsync(userId, account.AccountId)).FirstOrDefault(r => r.RoleName == roleName);
            if (role is not null)
            {
                return (account.AccountId, role);
            }
        }

        throw new InvalidOperationException($"No {roleName} role for the user.");
    }
}
