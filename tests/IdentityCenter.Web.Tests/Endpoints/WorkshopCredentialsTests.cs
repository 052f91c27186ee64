using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Tests.Infrastructure;
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
