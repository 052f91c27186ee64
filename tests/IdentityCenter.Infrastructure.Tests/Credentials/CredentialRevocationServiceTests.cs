using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Credentials;

namespace IdentityCenter.Infrastructure.Tests.Credentials;

public sealed class CredentialRevocationServiceTests
{
    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task RevokeUser_NextCheckFails_AndHoldsAfterRestart(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test);
        var credentials = await kit.IssueAsync("u-1");
        var other = await kit.IssueAsync("u-2");
        test.Time.Advance(TimeSpan.FromSeconds(1));

        await kit.Revocation.RevokeUserAsync("u-1", Actor.System);

        Assert.Equal(CredentialErrorCode.TokenRevoked, kit.Snapshot.Current.Check(credentials.Claims)?.Code);
        Assert.Null(kit.Snapshot.Current.Check(other.Claims));
        using var restarted = new CredentialsKit(test);
        await restarted.Revocation.LoadAsync();
        Assert.Equal(CredentialErrorCode.TokenRevoked, restarted.Snapshot.Current.Check(credentials.Claims)?.Code);
        Assert.Null(restarted.Snapshot.Current.Check(other.Claims));
        test.Time.Advance(TimeSpan.FromSeconds(1));
        var fresh = await restarted.IssueAsync("u-1");
        Assert.Null(restarted.Snapshot.Current.Check(fresh.Claims));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task RevokeAll_EveryEarlierTokenRevokedAfterRestart(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test);
        var a = await kit.IssueAsync("u-a");
        var b = await kit.IssueAsync("u-b");

        await kit.Revocation.RevokeAllAsync(Actor.System);
        using var restarted = new CredentialsKit(test);
        await restarted.Revocation.LoadAsync();

        Assert.NotNull(restarted.Snapshot.Current.Check(a.Claims));
        Assert.NotNull(restarted.Snapshot.Current.Check(b.Claims));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task RevokeMembership_OnlyGroupGrantedTokensRevoked(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test);
        kit.Entitlements.Assign("u-g", "g-devs");
        var viaGroup = (await kit.Credentials.IssueAsync(new("u-g", "gina", false), CredentialsKit.Account, CredentialsKit.RoleName)).Credentials!;
        kit.Entitlements.Assign("u-g", "g-devs", "u-g");
        var viaBoth = (await kit.Credentials.IssueAsync(new("u-g", "gina", false), CredentialsKit.Account, CredentialsKit.RoleName)).Credentials!;

        await kit.Revocation.RevokeMembershipAsync("g-devs", "u-g", Actor.System);
        using var restarted = new CredentialsKit(test);
        await restarted.Revocation.LoadAsync();

        Assert.Equal(CredentialErrorCode.TokenRevoked, restarted.Snapshot.Current.Check(viaGroup.Claims)?.Code);
        Assert.Null(restarted.Snapshot.Current.Check(viaBoth.Claims));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Sync_RevocationWrittenByAnotherInstance_AppliedWithoutRestart(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var one = new CredentialsKit(test);
        using var two = new CredentialsKit(test);
        await one.Revocation.LoadAsync();
        await two.Revocation.LoadAsync();
        var credentials = await one.IssueAsync("u-x");

        await two.Revocation.RevokeAssignmentAsync(CredentialsKit.Account, CredentialsKit.PermissionSetId, "u-x", Actor.System);
        Assert.Null(one.Snapshot.Current.Check(credentials.Claims));
        var applied = await one.Revocation.SyncAsync();

        Assert.Equal(1, applied);
        Assert.Equal(CredentialErrorCode.TokenRevoked, one.Snapshot.Current.Check(credentials.Claims)?.Code);
        Assert.Equal(0, await one.Revocation.SyncAsync());
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Revoke_Audited(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test);

        await kit.Revocation.RevokeUserAsync("u-audit", test.Admin);
        await kit.Audit.FlushAsync();

        var events = await test.Get<IdentityCenter.Infrastructure.Audit.IAuditLog>().QueryAsync(new IdentityCenter.Infrastructure.Audit.AuditQuery(EventName: "RevokeCredentials"));
        var e = Assert.Single(events.Items);
        Assert.Equal("u-audit", e.TargetUserId);
        Assert.Equal("User", e.RequestParameters["scope"]);
    }
}
