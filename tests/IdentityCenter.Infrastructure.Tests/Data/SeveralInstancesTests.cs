using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Data.Generations;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Infrastructure.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IdentityCenter.Infrastructure.Tests.Data;

/// <summary>
/// Two instances on one database: what instance A changes, instance B serves after its next maintenance
/// poll (<see cref="ChangeGenerationWatcher.PollAsync"/>, driven by hand here; the timed path runs in the
/// web tests) and not before, because B's request paths read only memory.
/// </summary>
public sealed class SeveralInstancesTests
{
    private const string DenyS3 = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}""";

    private static void Features(IServiceCollection services)
    {
        services.AddIdentityCenterAccessModel();
        services.AddIdentityCenterCredentials();
    }

    private static async Task<(TestDirectory A, TestDirectory B, ChangeGenerationWatcher WatcherB)> StartTwoAsync(string provider)
    {
        // Each start-up's first poll loads everything (A's also makes the first token key).
        var a = await TestDirectory.CreateAsync(provider, services: Features);
        await a.Root.GetRequiredService<ChangeGenerationWatcher>().PollAsync();
        var b = await TestDirectory.CreateInstanceOfAsync(a, Features);
        var watcher = b.Root.GetRequiredService<ChangeGenerationWatcher>();
        await watcher.PollAsync();
        return (a, b, watcher);
    }

    private static Task<SessionInfo> SignInAsync(TestDirectory instance, string userId) =>
        instance.Get<IUserSessionService>().CreateAsync(new NewSession(userId, "127.0.0.1", "tests/1.0", MfaUsed: true, TrustedDevice: false));

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Poll_NothingChanged_ReloadsNothing(string provider)
    {
        var (a, b, watcherB) = await StartTwoAsync(provider);
        await using var first = a;
        await using var second = b;

        Assert.Empty(await watcherB.PollAsync());
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task AttachScpOnA_BSeesItAfterItsPoll(string provider)
    {
        var (a, b, watcherB) = await StartTwoAsync(provider);
        await using var first = a;
        await using var second = b;
        var organizationsA = a.Get<IOrganizationService>();
        var organization = (await organizationsA.CreateOrganizationAsync(new OrganizationInput("Management", "management@example.com"), a.Admin)).Value!;
        await watcherB.PollAsync();
        var organizationsB = b.Get<IOrganizationService>();
        var before = await organizationsB.ListPoliciesForTargetAsync(organization.RootId, OrganizationPolicyType.ServiceControlPolicy);

        var policy = (await organizationsA.CreatePolicyAsync(new OrganizationPolicyInput("NoS3", null, OrganizationPolicyType.ServiceControlPolicy, DenyS3), a.Admin)).Value!;
        Assert.True((await organizationsA.AttachPolicyAsync(policy.Id, organization.RootId, a.Admin)).Succeeded);
        var stale = await organizationsB.ListPoliciesForTargetAsync(organization.RootId, OrganizationPolicyType.ServiceControlPolicy);
        var reloaded = await watcherB.PollAsync();
        var after = await organizationsB.ListPoliciesForTargetAsync(organization.RootId, OrganizationPolicyType.ServiceControlPolicy);

        Assert.Equal(["FullAWSAccess"], before.Select(p => p.Name));
        Assert.Equal(before.Select(p => p.Id), stale.Select(p => p.Id));
        Assert.Contains(ChangeConcerns.AccessModel, reloaded);
        Assert.Contains(after, p => p.Id == policy.Id);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task MfaModeChangedOnA_BReadsItAfterItsPoll(string provider)
    {
        var (a, b, watcherB) = await StartTwoAsync(provider);
        await using var first = a;
        await using var second = b;
        var settingsB = b.Get<IDirectorySettingsService>();
        var before = await settingsB.GetMfaSettingsAsync();

        Assert.True((await a.Get<IDirectorySettingsService>().UpdateMfaSettingsAsync(new MfaSettings(MfaMode.Disabled), a.Admin)).Succeeded);
        var stale = await settingsB.GetMfaSettingsAsync();
        await watcherB.PollAsync();

        Assert.Equal(MfaMode.ContextAware, before.Mode);
        Assert.Equal(MfaMode.ContextAware, stale.Mode);
        Assert.Equal(MfaMode.Disabled, (await settingsB.GetMfaSettingsAsync()).Mode);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task SessionEndedOnA_BRefusesItAndClosesItsPagesAfterItsPoll(string provider)
    {
        var (a, b, watcherB) = await StartTwoAsync(provider);
        await using var first = a;
        await using var second = b;
        var session = await SignInAsync(a, a.Admin.UserId!);
        var sessionsB = b.Get<IUserSessionService>();
        Assert.True(await sessionsB.IsActiveAsync(session.Id));
        var circuitClosed = new TaskCompletionSource();
        using var subscription = b.Root.GetRequiredService<ISessionRevocationNotifier>().Subscribe(session.Id, () => circuitClosed.TrySetResult());

        Assert.True((await a.Get<IUserSessionService>().EndSessionAsync(a.Admin.UserId!, session.Id, a.Admin)).Succeeded);
        var stale = await sessionsB.IsActiveAsync(session.Id);
        await watcherB.PollAsync();

        Assert.True(stale);
        Assert.False(await sessionsB.IsActiveAsync(session.Id));
        await circuitClosed.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task SignOutOnA_BRefusesTheSessionAfterItsPoll(string provider)
    {
        var (a, b, watcherB) = await StartTwoAsync(provider);
        await using var first = a;
        await using var second = b;
        var session = await SignInAsync(a, a.Admin.UserId!);
        var sessionsB = b.Get<IUserSessionService>();
        Assert.True(await sessionsB.IsActiveAsync(session.Id));

        await a.Get<IUserSessionService>().EndOnSignOutAsync(session.Id);
        await watcherB.PollAsync();

        Assert.False(await sessionsB.IsActiveAsync(session.Id));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task UserDisabledOrDeletedOnA_BRefusesTheirSessionsAfterItsPoll(string provider)
    {
        var (a, b, watcherB) = await StartTwoAsync(provider);
        await using var first = a;
        await using var second = b;
        var usersA = a.Get<IUserDirectoryService>();
        var disabled = (await usersA.CreateUserAsync(new CreateUserRequest("disabled.user", "Disabled User"), a.Admin)).Value!.User.Id;
        var deleted = (await usersA.CreateUserAsync(new CreateUserRequest("deleted.user", "Deleted User"), a.Admin)).Value!.User.Id;
        var disabledSession = await SignInAsync(a, disabled);
        var deletedSession = await SignInAsync(a, deleted);
        var sessionsB = b.Get<IUserSessionService>();
        Assert.True(await sessionsB.IsActiveAsync(disabledSession.Id));
        Assert.True(await sessionsB.IsActiveAsync(deletedSession.Id));

        Assert.True((await usersA.SetEnabledAsync(disabled, false, a.Admin)).Succeeded);
        await watcherB.PollAsync();
        var disabledAfter = await sessionsB.IsActiveAsync(disabledSession.Id);
        var deletedMeanwhile = await sessionsB.IsActiveAsync(deletedSession.Id);
        Assert.True((await usersA.DeleteUserAsync(deleted, a.Admin)).Succeeded);
        var deletedStale = await sessionsB.IsActiveAsync(deletedSession.Id);
        await watcherB.PollAsync();

        Assert.False(disabledAfter);
        Assert.True(deletedMeanwhile);
        Assert.True(deletedStale);
        Assert.False(await sessionsB.IsActiveAsync(deletedSession.Id));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task ServiceRegisteredAndRevocationOnA_BAppliesBothAfterItsPoll(string provider)
    {
        var (a, b, watcherB) = await StartTwoAsync(provider);
        await using var first = a;
        await using var second = b;
        var registered = (await a.Root.GetRequiredService<ResourceServiceRegistry>().RegisterAsync("orders-api", null, a.Admin)).Value!;
        var registryB = b.Root.GetRequiredService<ResourceServiceRegistry>();
        var unknownBefore = registryB.Authenticate(registered.ApiKey);
        var issued = a.Time.GetUtcNow() - TimeSpan.FromMinutes(1);
        var claims = new SessionClaims
        {
            AccessKeyId = "ASIAAAAAAAAAAAAAAAAA", UserId = "u-1", UserName = "alice", AccountId = "111122223333", PermissionSetId = "ps-1",
            PermissionSetVersion = 1, RoleArn = "arn:aws:iam::111122223333:role/S3Reader", SessionName = "alice", IssuedAt = issued, ExpiresAt = issued.AddHours(1),
        };

        await a.Root.GetRequiredService<ICredentialRevocation>().RevokeUserAsync("u-1", a.Admin);
        var revocationsB = b.Root.GetRequiredService<CredentialRevocationService>();
        var notYet = revocationsB.Current.Check(claims);
        await watcherB.PollAsync();

        Assert.Null(unknownBefore);
        Assert.Null(notYet);
        Assert.Equal("orders-api", registryB.Authenticate(registered.ApiKey)?.Name);
        Assert.Equal(CredentialErrorCode.TokenRevoked, revocationsB.Current.Check(claims)?.Code);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task KeyRotatedNowOnA_BOpensItsNewTokensAfterItsPoll(string provider)
    {
        var (a, b, watcherB) = await StartTwoAsync(provider);
        await using var first = a;
        await using var second = b;
        var ringB = b.Root.GetRequiredService<TokenKeyRingHolder>();
        Assert.Equal(a.Root.GetRequiredService<TokenKeyRingHolder>().Current.ActiveKey.KeyId, ringB.Current.ActiveKey.KeyId);

        await a.Root.GetRequiredService<TokenKeyRingStore>().RotateNowAsync();
        var newKey = a.Root.GetRequiredService<TokenKeyRingHolder>().Current.ActiveKey.KeyId;
        var knownBefore = ringB.Current.Keys.Any(k => k.KeyId == newKey);
        await watcherB.PollAsync();

        Assert.False(knownBefore);
        Assert.Equal(newKey, ringB.Current.ActiveKey.KeyId);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task PlaygroundKeys_EachInstanceKeepsItsOwnAfterTheOtherStarts(string provider)
    {
        var (a, b, watcherB) = await StartTwoAsync(provider);
        await using var first = a;
        await using var second = b;
        var registryA = a.Root.GetRequiredService<ResourceServiceRegistry>();
        var registryB = b.Root.GetRequiredService<ResourceServiceRegistry>();
        await registryA.InitializeAsync();
        await registryB.InitializeAsync();

        // A reloads its keys after B started (as its tick would after any service change).
        await registryA.ReloadAsync();
        await watcherB.PollAsync();

        Assert.Equal(ResourceServiceRegistry.PlaygroundServiceName, registryA.Authenticate(registryA.PlaygroundKey!)?.Name);
        Assert.Equal(ResourceServiceRegistry.PlaygroundServiceName, registryB.Authenticate(registryB.PlaygroundKey!)?.Name);
        Assert.Single(await registryB.ListAsync(), s => s.IsInternal);
    }
}
