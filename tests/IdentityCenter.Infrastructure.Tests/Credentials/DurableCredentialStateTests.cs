using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Data.Entities.Credentials;
using IdentityCenter.Infrastructure.Tests.Data;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Tests.Credentials;

/// <summary>
/// Security state survives a crash: a revocation (and its audit event) is in the database before the caller
/// hears of it, and a key rotation that never committed leaves the old ring in force everywhere.
/// </summary>
public sealed class DurableCredentialStateTests
{
    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task RevokeUser_RowAndAuditEventAreCommittedBeforeItReturns_AndHoldAfterARestart(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test);
        await kit.KeyStore.LoadAsync();
        var credentials = await kit.IssueAsync("u-revoked");
        test.Time.Advance(TimeSpan.FromSeconds(1));

        await kit.Revocation.RevokeUserAsync("u-revoked", test.Admin);

        // Nothing is flushed: the audit event was written with the revocation.
        await using (var db = await test.NewDbAsync())
        {
            Assert.Equal(1, await db.Set<CredentialRevocationRecord>().CountAsync(r => r.Kind == RevocationKinds.User && r.PrincipalId == "u-revoked"));
            Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.EventName == CredentialAuditNames.RevokeCredentials && a.TargetUserId == "u-revoked"));
        }

        using var restarted = new CredentialsKit(test);
        await restarted.KeyStore.LoadAsync();
        await restarted.Revocation.LoadAsync();
        var claims = restarted.Protector.Unseal(credentials.SessionToken, credentials.AccessKeyId).Claims!;
        Assert.Equal(CredentialErrorCode.TokenRevoked, restarted.Snapshot.Current.Check(claims)?.Code);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Revoke_WriteFails_NothingIsAppliedHereEither(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider, services: FaultInjection.Register);
        using var kit = new CredentialsKit(test);
        await kit.KeyStore.LoadAsync();
        var credentials = await kit.IssueAsync("u-kept");
        test.Time.Advance(TimeSpan.FromSeconds(1));

        using (FaultInjection.FailWhen(db => FaultInjection.Adds<CredentialRevocationRecord>(db)))
        {
            await Assert.ThrowsAsync<InjectedFaultException>(() => kit.Revocation.RevokeUserAsync("u-kept", test.Admin));
        }

        // The caller was told it failed, and this instance does not pretend otherwise.
        var claims = kit.Protector.Unseal(credentials.SessionToken, credentials.AccessKeyId).Claims!;
        Assert.Null(kit.Snapshot.Current.Check(claims));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task KeyRotation_StoppedBeforeItsCommit_OldKeyStaysActiveAndItsTokensKeepVerifying(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider, services: FaultInjection.Register);
        using var kit = new CredentialsKit(test);
        await kit.KeyStore.LoadAsync();
        var oldKey = kit.Holder.Current.ActiveKey.KeyId;
        var before = await kit.IssueAsync("u-1");

        using (FaultInjection.FailWhen(db => FaultInjection.Adds<TokenKeyRecord>(db)))
        {
            await Assert.ThrowsAsync<InjectedFaultException>(() => kit.KeyStore.RotateNowAsync());
        }

        // The new key was never used: this instance still seals with the old one.
        Assert.Equal(oldKey, kit.Holder.Current.ActiveKey.KeyId);
        var during = await kit.IssueAsync("u-1");

        using var restarted = new CredentialsKit(test);
        await restarted.KeyStore.LoadAsync();
        Assert.Equal(oldKey, restarted.Holder.Current.ActiveKey.KeyId);
        Assert.True(restarted.Protector.Unseal(before.SessionToken, before.AccessKeyId).Succeeded);
        Assert.True(restarted.Protector.Unseal(during.SessionToken, during.AccessKeyId).Succeeded);

        // A rotation that commits: new tokens use the new key, and the old key's tokens still verify after a restart.
        await kit.KeyStore.RotateNowAsync();
        var after = await kit.IssueAsync("u-1");
        using var again = new CredentialsKit(test);
        await again.KeyStore.LoadAsync();
        Assert.NotEqual(oldKey, again.Holder.Current.ActiveKey.KeyId);
        Assert.True(again.Protector.Unseal(before.SessionToken, before.AccessKeyId).Succeeded);
        Assert.True(again.Protector.Unseal(after.SessionToken, after.AccessKeyId).Succeeded);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task RegisterAndDeleteResourceService_AuditEventsAreCommittedWithTheChange(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test);

        var registered = (await kit.Registry.RegisterAsync("orders-api", null, test.Admin)).Value!;
        var deleted = await kit.Registry.DeleteAsync(registered.Service.Id, test.Admin);

        Assert.True(deleted.Succeeded, deleted.Summary);
        await using var db = await test.NewDbAsync();
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.EventName == CredentialAuditNames.CreateResourceService));
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.EventName == CredentialAuditNames.DeleteResourceService));
    }
}
