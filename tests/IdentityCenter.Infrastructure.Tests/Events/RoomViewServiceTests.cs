using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Events;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Infrastructure.Tests.Credentials;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IdentityCenter.Infrastructure.Tests.Events;

/// <summary>
/// The room view's snapshot from what the directory, the audit log and the recent-decision feed record: who signed in,
/// who is stuck and why, credentials issued, and the latest denial with the statement that decided it.
/// </summary>
public sealed class RoomViewServiceTests
{
    private const string Policy = """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"ReadTheBucket","Effect":"Allow","Action":["s3:ListBucket","s3:GetObject"],"Resource":"*"},
          {"Sid":"NoDeletes","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}
        """;

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Snapshot_SignedIn_Locked_NotEnrolled_CredentialsAndDeniedWithDecidingStatement(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test, policySets: new FakePolicySets().Use(Policy));
        var users = test.Get<IUserDirectoryService>();
        var start = test.Time.GetUtcNow();
        var signedIn = await CreateAsync(users, test, "ada");
        var locked = await CreateAsync(users, test, "bert");
        var idle = await CreateAsync(users, test, "cleo");
        var working = await CreateAsync(users, test, "dan");

        // ada signs in with her one-time password: MFA enrolment and the new password are still to do (the default settings).
        await test.SignInAsync("ada", signedIn.OneTimePassword);
        var manager = test.Get<UserManager<ApplicationUser>>();
        var bert = (await manager.FindByIdAsync(locked.User.Id))!;
        await manager.SetLockoutEndDateAsync(bert, test.Time.GetUtcNow().AddMinutes(15));

        // dan gets credentials, reads, and is denied a delete by the NoDeletes statement.
        var credentials = await kit.IssueAsync(working.User.Id, "dan");
        var read = await kit.Authorizer.AuthorizeAsync(new AuthorizeInput(credentials.AccessKeyId, credentials.SessionToken, "s3:GetObject", "arn:aws:s3:::demo/a.txt"));
        test.Time.Advance(TimeSpan.FromSeconds(1));
        var delete = await kit.Authorizer.AuthorizeAsync(new AuthorizeInput(credentials.AccessKeyId, credentials.SessionToken, "s3:DeleteObject", "arn:aws:s3:::demo/a.txt"));
        Assert.Equal(Decision.Allow, read.Decision);
        Assert.Equal(Decision.ExplicitDeny, delete.Decision);

        var room = NewRoom(test, kit, new FakeEvents());
        var snapshot = await room.GetSnapshotAsync([signedIn.User.Id, locked.User.Id, idle.User.Id, working.User.Id, "deleted-user"], start);

        Assert.Equal(["ada", "bert", "cleo", "dan", "deleted-user"], snapshot.Attendees.Select(a => a.UserName));
        var ada = snapshot.Attendees[0];
        Assert.True(ada.SignedIn);
        Assert.Equal([AttendeeProblem.MfaNotEnrolled, AttendeeProblem.MustChangePassword], ada.Problems);
        var bertStatus = snapshot.Attendees[1];
        Assert.False(bertStatus.SignedIn);
        Assert.Equal([AttendeeProblem.LockedOut], bertStatus.Problems);
        Assert.True(bertStatus.IsLockedOut);
        var cleo = snapshot.Attendees[2];
        Assert.False(cleo.SignedIn);
        Assert.Empty(cleo.Problems);
        Assert.Equal("Not signed in yet", cleo.StatusText);
        var dan = snapshot.Attendees[3];
        Assert.Equal(1, dan.CredentialsIssued);
        Assert.Equal(1, dan.DeniedRequests);
        Assert.Equal("s3:GetObject", dan.LatestAllowed?.Action);
        Assert.Equal("ReadTheBucket", dan.LatestAllowed?.DecidingStatement?.Sid);
        var denied = dan.LatestDenied!;
        Assert.Equal(("s3:DeleteObject", "arn:aws:s3:::demo/a.txt", Decision.ExplicitDeny), (denied.Action, denied.Resource, denied.Decision));
        Assert.Equal(("NoDeletes", Effect.Deny, PolicyType.IdentityPolicy), (denied.DecidingStatement?.Sid, denied.DecidingStatement?.Effect, denied.DecidingStatement?.PolicyType));
        Assert.Equal("Inline, statement NoDeletes", DecidingStatements.Describe(denied.DecidingStatement!));
        Assert.Equal([AttendeeProblem.Deleted], snapshot.Attendees[4].Problems);

        Assert.Equal(new RoomCounts(5, 1, 3, 1, 1, 1), snapshot.Counts);
        Assert.Equal(["s3:DeleteObject", "s3:GetObject"], snapshot.LatestDecisions.Select(d => d.Action));

        // Unlocking bert (the directory service the room view's button calls) clears his problem at the next snapshot.
        Assert.True((await users.UnlockAsync(locked.User.Id, test.Admin)).Succeeded);
        var after = await room.GetSnapshotAsync([locked.User.Id], start);
        Assert.Empty(after.Attendees[0].Problems);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task EventSnapshot_NamesTheEvent_AndSaysWhenItEnded_DisabledAttendeesStuck(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test, policySets: new FakePolicySets().Use(Policy));
        var users = test.Get<IUserDirectoryService>();
        var attendee = await CreateAsync(users, test, "eve");
        var events = new FakeEvents();
        var now = test.Time.GetUtcNow();
        events.Add(new WorkshopEventDetail("ev-1", "IAM basics", now, now.AddHours(3), null, "ws", [], [], [new WorkshopAttendee(attendee.User.Id, "eve", null)],
            WorkshopAccountMode.SharedAccount, null, null, WorkshopAssignmentScope.PerAttendee, false, now.AddMinutes(-1), "admin", null));
        var room = NewRoom(test, kit, events);

        var running = await room.GetEventSnapshotAsync("ev-1");
        Assert.Equal(("ev-1", "IAM basics", false), (running!.EventId, running.EventName, running.Ended));
        Assert.Null(await room.GetEventSnapshotAsync("no-such-event"));

        Assert.True((await users.SetEnabledAsync(attendee.User.Id, false, test.Admin)).Succeeded);
        events.Add(events.Get("ev-1") with { EndedAt = now.AddMinutes(5) });
        var ended = await room.GetEventSnapshotAsync("ev-1");
        Assert.True(ended!.Ended);
        Assert.Equal([AttendeeProblem.Disabled], ended.Attendees.Single().Problems);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task EventOf500_OneSnapshot_AFixedNumberOfQueries(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider, configure: builder =>
        {
            builder.AddIdentityCenterAccessModel();
            builder.AddIdentityCenterCredentials();
            builder.AddIdentityCenterEvents();
        });
        var events = test.Get<IWorkshopEventService>();
        var now = test.Time.GetUtcNow();
        var created = await events.CreateAsync(new WorkshopEventInput("Big room", now, now.AddHours(8), 500, "room-", [], []), test.Admin);
        Assert.True(created.Succeeded, created.Summary);
        var card = created.Value!.Cards[7];
        await test.SignInAsync(card.UserName, card.OneTimePassword);
        var room = test.Get<IRoomViewService>();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var snapshot = (await room.GetEventSnapshotAsync(created.Value.EventId))!;
        clock.Stop();

        Assert.Equal("Big room", snapshot.EventName);
        Assert.Equal(500, snapshot.Attendees.Count);
        Assert.Equal((500, 1), (snapshot.Counts.Attendees, snapshot.Counts.SignedIn));
        Assert.Equal(card.UserName, snapshot.Attendees.Single(a => a.SignedIn).UserName);

        // A handful of set-based queries (users, settings, sessions, credentials, denials), not one per attendee: well under a second
        // even on a loaded test machine (the bound is loose on purpose).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The snapshot of 500 attendees took {clock.Elapsed}.");
    }

    private static RoomViewService NewRoom(TestDirectory test, CredentialsKit kit, IWorkshopEventService events) => new(
        events, test.Get<IUserDirectoryService>(), test.Get<IDirectorySettingsService>(), test.Root.GetRequiredService<IDbContextFactory<IdentityCenterDbContext>>(),
        kit.Audit, kit.Recent, test.Time);

    private static async Task<CreatedUser> CreateAsync(IUserDirectoryService users, TestDirectory test, string name)
    {
        var created = await users.CreateUserAsync(new CreateUserRequest(name, name), test.Admin);
        Assert.True(created.Succeeded, created.Summary);
        return created.Value!;
    }

    private sealed class FakeEvents : IWorkshopEventService
    {
        private readonly Dictionary<string, WorkshopEventDetail> _events = new(StringComparer.Ordinal);

        public void Add(WorkshopEventDetail detail) => _events[detail.Id] = detail;

        public WorkshopEventDetail Get(string id) => _events[id];

        public Task<WorkshopEventDetail?> GetAsync(string eventId, CancellationToken cancellationToken = default) => Task.FromResult(_events.GetValueOrDefault(eventId));

        public Task<OperationResult<WorkshopEventCreated>> CreateAsync(WorkshopEventInput input, Actor actor, IProgress<WorkshopEventProgress>? progress = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<WorkshopEventSummary>> ListAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<OperationResult<IReadOnlyList<WorkshopCard>>> RegenerateCardsAsync(string eventId, IReadOnlyCollection<string>? userIds, bool withAuthenticator, Actor actor, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<OperationResult> EndAsync(string eventId, Actor actor, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<OperationResult> DeleteAsync(string eventId, Actor actor, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
