using System.Data.Common;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities.Credentials;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

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
        Assert.False(await kit.KeyStore.RotateIfDueAsync()); // publishes the next key
        Assert.Equal(oldKey, kit.Holder.Current.ActiveKey.KeyId);
        test.Time.Advance(TokenKeyRingStore.KeyPropagationDelay(kit.Options.Value));
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

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task RotateIfDue_TwoInstances_OtherInstanceOpensTokensOfTheNewKeyWithoutReloadingAfterTheSwitch(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        var settings = new CredentialsOptions { KeyRotationInterval = TimeSpan.FromHours(1) };
        using var a = new CredentialsKit(test, settings: settings);
        using var b = new CredentialsKit(test, settings: settings);
        await a.KeyStore.LoadAsync();
        await b.KeyStore.LoadAsync();

        test.Time.Advance(settings.KeyRotationInterval - TokenKeyRingStore.KeyPublishLead(settings) + TimeSpan.FromSeconds(1));
        Assert.False(await a.KeyStore.RotateIfDueAsync());
        await b.KeyStore.LoadAsync(); // B's maintenance tick, on the token-key generation A bumped
        test.Time.Advance(TokenKeyRingStore.KeyPublishLead(settings));
        Assert.True(await a.KeyStore.RotateIfDueAsync());
        var sealedByNewKey = await a.IssueAsync("u-next");

        Assert.NotEqual(a.Holder.Current.ActiveKey.KeyId, b.Holder.Current.ActiveKey.KeyId);
        Assert.True(b.Protector.Unseal(sealedByNewKey.SessionToken, sealedByNewKey.AccessKeyId).Succeeded);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Load_AnotherInstanceCreatesTheFirstKeyBetweenReadAndWrite_BothUseItsKey(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var a = new CredentialsKit(test);
        using var b = new CredentialsKit(test, contexts: new InterceptedContexts(test, new BeforeFirstTransaction(() => a.KeyStore.LoadAsync())));

        await b.KeyStore.LoadAsync();
        var issuedOnA = await a.IssueAsync("u-first");

        await using var db = await test.NewDbAsync();
        Assert.Equal(a.Holder.Current.ActiveKey.KeyId, b.Holder.Current.ActiveKey.KeyId);
        Assert.Equal([a.Holder.Current.ActiveKey.KeyId], await db.Set<TokenKeyRecord>().Select(k => k.KeyId).ToListAsync());
        Assert.True(b.Protector.Unseal(issuedOnA.SessionToken, issuedOnA.AccessKeyId).Succeeded);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task RotateIfDue_TwoInstancesAtOnce_OneNextKeyBothAgreeOn(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        var settings = new CredentialsOptions { KeyRotationInterval = TimeSpan.FromHours(1) };
        using var a = new CredentialsKit(test, settings: settings);
        using var b = new CredentialsKit(test, settings: settings, contexts: new InterceptedContexts(test, new BeforeFirstTransaction(() => a.KeyStore.RotateIfDueAsync())));
        await a.KeyStore.LoadAsync();
        await b.KeyStore.LoadAsync();
        test.Time.Advance(settings.KeyRotationInterval);

        // B decides to publish a next key; before it writes, A publishes its own.
        await b.KeyStore.RotateIfDueAsync();

        await using var db = await test.NewDbAsync();
        var next = a.Holder.Current.NextKey;
        Assert.NotNull(next);
        Assert.Equal(next.KeyId, b.Holder.Current.NextKey?.KeyId);
        Assert.Equal(a.Holder.Current.ActiveKey.KeyId, b.Holder.Current.ActiveKey.KeyId);
        Assert.Equal(2, await db.Set<TokenKeyRecord>().CountAsync());
        Assert.Contains(next.KeyId, await db.Set<TokenKeyRecord>().Select(k => k.KeyId).ToListAsync());
    }

    /// <summary>Runs an action once, just before the instance opens its first transaction (after it has read the ring).</summary>
    private sealed class BeforeFirstTransaction(Func<Task> action) : DbTransactionInterceptor
    {
        private int _fired;

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _fired, 1) == 0)
            {
                await action();
            }

            return result;
        }
    }

    /// <summary>Contexts on the test's database with an interceptor, for one instance only.</summary>
    private sealed class InterceptedContexts(TestDirectory test, IInterceptor interceptor) : IDbContextFactory<IdentityCenterDbContext>
    {
        public IdentityCenterDbContext CreateDbContext()
        {
            using var probe = test.Root.GetRequiredService<IDbContextFactory<IdentityCenterDbContext>>().CreateDbContext();
            var connection = probe.Database.GetConnectionString();
            return probe.Database.IsSqlite()
                ? new SqliteIdentityCenterDbContext(new DbContextOptionsBuilder<SqliteIdentityCenterDbContext>().UseSqlite(connection).AddInterceptors(interceptor).Options)
                : new PostgresIdentityCenterDbContext(new DbContextOptionsBuilder<PostgresIdentityCenterDbContext>().UseNpgsql(connection).AddInterceptors(interceptor).Options);
        }
    }
}
