using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Sessions;

namespace IdentityCenter.Infrastructure.Tests.Sessions;

public sealed class UserSessionServiceTests
{
    public static TheoryData<string> Providers => TestDirectory.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EndSession_ByAdministrator_IsInactiveAtOnceAndSubscribersAreTold(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var sessions = t.Get<IUserSessionService>();
        var notifier = t.Get<ISessionRevocationNotifier>();
        var keep = await sessions.CreateAsync(new NewSession(t.Admin.UserId!, "10.1.1.1", "A", true, false));
        var end = await sessions.CreateAsync(new NewSession(t.Admin.UserId!, "10.1.1.2", "B", false, false));
        Assert.True(await sessions.IsActiveAsync(end.Id));
        var told = new TaskCompletionSource();
        using var subscription = notifier.Subscribe(end.Id, () => told.TrySetResult());

        var result = await sessions.EndSessionAsync(t.Admin.UserId!, end.Id, new Actor("someone-else", "other-admin"));

        Assert.True(result.Succeeded);
        Assert.False(await sessions.IsActiveAsync(end.Id));
        Assert.True(await sessions.IsActiveAsync(keep.Id));
        await told.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal([keep.Id], (await sessions.ListForUserAsync(t.Admin.UserId!)).Select(s => s.Id));
        var all = await sessions.ListForUserAsync(t.Admin.UserId!, includeEnded: true);
        Assert.Equal(SessionEndReasons.DeletedByAdministrator, all.Single(s => s.Id == end.Id).EndReason);
        Assert.Equal(1, (await t.Get<IAuditLog>().QueryAsync(new AuditQuery(EventName: AuditEventNames.BatchDeleteSession))).TotalCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EndAllSessions_EndsEveryActiveSession(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var sessions = t.Get<IUserSessionService>();
        var a = await sessions.CreateAsync(new NewSession(t.Admin.UserId!, null, null, false, false));
        var b = await sessions.CreateAsync(new NewSession(t.Admin.UserId!, null, null, false, false));

        var result = await sessions.EndAllSessionsAsync(t.Admin.UserId!, t.Admin);

        Assert.Equal(2, result.Value);
        Assert.False(await sessions.IsActiveAsync(a.Id));
        Assert.False(await sessions.IsActiveAsync(b.Id));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Session_AfterPortalDuration_Expires(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var sessions = t.Get<IUserSessionService>();
        var session = await sessions.CreateAsync(new NewSession(t.Admin.UserId!, null, null, false, false));

        t.Time.Advance(TimeSpan.FromHours(8) - TimeSpan.FromMinutes(1));
        var nearlyOver = await sessions.IsActiveAsync(session.Id);
        t.Time.Advance(TimeSpan.FromMinutes(2));
        var over = await sessions.IsActiveAsync(session.Id);

        Assert.Equal(session.CreatedAt + TimeSpan.FromHours(8), session.ExpiresAt);
        Assert.True(nearlyOver);
        Assert.False(over);
        Assert.Equal(SessionEndReasons.Expired, (await sessions.GetAsync(session.Id))!.EndReason);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task IsActive_UnknownOrEmptyId_IsFalse(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var sessions = t.Get<IUserSessionService>();

        Assert.False(await sessions.IsActiveAsync("nope"));
        Assert.False(await sessions.IsActiveAsync(null));
    }
}
