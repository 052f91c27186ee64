using IdentityCenter.Core.Credentials;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IdentityCenter.Infrastructure.Tests.Credentials;

/// <summary>The directory's writes that must revoke role credentials (with the credentials feature registered).</summary>
public sealed class DirectoryRevocationTests
{
    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task DisableUser_RevokesTheirCredentials(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider, services: s => s.AddIdentityCenterCredentials());
        var user = await CreateUserAsync(test, "dana");
        var claims = Claims(test, user, [user]);
        test.Time.Advance(TimeSpan.FromSeconds(1));

        var result = await test.Get<IUserDirectoryService>().SetEnabledAsync(user, false, test.Admin);

        Assert.True(result.Succeeded);
        Assert.Equal(CredentialErrorCode.TokenRevoked, Snapshot(test).Check(claims)?.Code);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task AdministratorEndsAllSessions_RevokesTheirCredentials(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider, services: s => s.AddIdentityCenterCredentials());
        var user = await CreateUserAsync(test, "erin");
        var claims = Claims(test, user, [user]);

        await test.Get<IUserSessionService>().EndAllSessionsAsync(user, test.Admin);

        Assert.Equal(CredentialErrorCode.TokenRevoked, Snapshot(test).Check(claims)?.Code);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task RemoveMemberFromGroup_RevokesCredentialsGrantedThroughTheGroupOnly(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider, services: s => s.AddIdentityCenterCredentials());
        var user = await CreateUserAsync(test, "fred");
        var groups = test.Get<IGroupDirectoryService>();
        var group = (await groups.CreateGroupAsync(new GroupInput("Developers", null), test.Admin)).Value!.Id;
        await groups.AddMembersAsync(group, [user], test.Admin);
        var viaGroup = Claims(test, user, [group]);
        var direct = Claims(test, user, [user]);

        await groups.RemoveMemberAsync(group, user, test.Admin);

        Assert.Equal(CredentialErrorCode.TokenRevoked, Snapshot(test).Check(viaGroup)?.Code);
        Assert.Null(Snapshot(test).Check(direct));
        Assert.IsType<CredentialRevocationService>(test.Get<ICredentialRevocation>());
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task WithoutCredentialsFeature_DirectoryStillWorks(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        var user = await CreateUserAsync(test, "gail");

        var result = await test.Get<IUserDirectoryService>().SetEnabledAsync(user, false, test.Admin);

        Assert.True(result.Succeeded);
        Assert.IsType<NoCredentialRevocation>(test.Get<ICredentialRevocation>());
    }

    private static async Task<string> CreateUserAsync(TestDirectory test, string name) =>
        (await test.Get<IUserDirectoryService>().CreateUserAsync(new CreateUserRequest(name, name), test.Admin)).Value!.User.Id;

    private static RevocationSnapshot Snapshot(TestDirectory test) => test.Root.GetRequiredService<RevocationSnapshotHolder>().Current;

    private static SessionClaims Claims(TestDirectory test, string userId, IReadOnlyList<string> granting) => new()
    {
        AccessKeyId = "ASIAAAAAAAAAAAAAAAAA",
        UserId = userId,
        UserName = "user",
        AccountId = CredentialsKit.Account,
        PermissionSetId = CredentialsKit.PermissionSetId,
        PermissionSetVersion = 1,
        RoleArn = CredentialsKit.Grant().RoleArn,
        SessionName = "user",
        IssuedAt = test.Time.GetUtcNow(),
        ExpiresAt = test.Time.GetUtcNow().AddHours(1),
        GrantingPrincipalIds = granting,
    };
}
