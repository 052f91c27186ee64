using IdentityCenter.Core.Credentials;
using IdentityCenter.Infrastructure.Credentials;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Tests.Credentials;

public sealed class TokenKeyRingStoreTests
{
    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Load_Restart_SameKeyOpensEarlierTokens(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var first = new CredentialsKit(test);
        await first.KeyStore.LoadAsync();
        var credentials = await first.IssueAsync("u-1");

        using var restarted = new CredentialsKit(test);
        await restarted.KeyStore.LoadAsync();
        var opened = restarted.Protector.Unseal(credentials.SessionToken, credentials.AccessKeyId);

        Assert.True(opened.Succeeded);
        Assert.Equal(first.Holder.Current.ActiveKey.KeyId, restarted.Holder.Current.ActiveKey.KeyId);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Load_KeyMaterial_StoredProtectedNotInClear(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test);
        var ring = await kit.KeyStore.LoadAsync();

        await using var db = await test.NewDbAsync();
        var row = await db.Set<TokenKeyRecord>().SingleAsync();

        Assert.Equal(ring.ActiveKey.KeyId, row.KeyId);
        Assert.True(row.IsActive);
        Assert.DoesNotContain(Convert.ToBase64String(ring.ActiveKey.Material), row.ProtectedMaterial, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(ring.ActiveKey.Material), row.ProtectedMaterial, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task RotateIfDue_AfterInterval_NewKeySealsOldKeyStillOpensUntilItsTokensExpire(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test, settings: new CredentialsOptions { KeyRotationInterval = TimeSpan.FromHours(1), MaxTokenLifetime = TimeSpan.FromHours(12) });
        await kit.KeyStore.LoadAsync();
        var oldKey = kit.Holder.Current.ActiveKey.KeyId;
        var before = await kit.IssueAsync("u-rot");

        Assert.False(await kit.KeyStore.RotateIfDueAsync());
        test.Time.Advance(TimeSpan.FromMinutes(61));
        Assert.True(await kit.KeyStore.RotateIfDueAsync());

        Assert.NotEqual(oldKey, kit.Holder.Current.ActiveKey.KeyId);
        Assert.Equal(2, kit.Holder.Current.Keys.Count);
        var after = await kit.IssueAsync("u-rot");
        using var restarted = new CredentialsKit(test);
        await restarted.KeyStore.LoadAsync();
        Assert.Equal(kit.Holder.Current.ActiveKey.KeyId, restarted.Holder.Current.ActiveKey.KeyId);
        Assert.True(restarted.Protector.Unseal(after.SessionToken, after.AccessKeyId).Succeeded);
        Assert.True(restarted.Protector.Unseal(before.SessionToken, before.AccessKeyId).Succeeded);

        // Past the longest token lifetime after retirement the old key is dropped from the database too.
        test.Time.Advance(TimeSpan.FromHours(12));
        await kit.KeyStore.RotateIfDueAsync();
        await using var db = await test.NewDbAsync();
        Assert.DoesNotContain(await db.Set<TokenKeyRecord>().Select(k => k.KeyId).ToListAsync(), id => id == oldKey);
        Assert.Equal(CredentialErrorCode.InvalidClientTokenId, kit.Protector.Unseal(before.SessionToken, before.AccessKeyId).Error?.Code);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task RotateNow_OldTokenStillVerifies(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test);
        await kit.KeyStore.LoadAsync();
        var credentials = await kit.IssueAsync("u-now");

        await kit.KeyStore.RotateNowAsync();

        Assert.True(kit.Protector.Unseal(credentials.SessionToken, credentials.AccessKeyId).Succeeded);
    }
}
