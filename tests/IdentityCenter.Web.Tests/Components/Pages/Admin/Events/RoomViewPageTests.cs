using Bunit;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Events;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Web.Components.Pages.Admin.Events;
using IdentityCenter.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Events;

/// <summary>The trainer's live room view: counts, attendees, decisions with their deciding statement, unlock and reset, the ended banner, refresh by push.</summary>
public sealed class RoomViewPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Renders_Counts_Attendees_AndTheDenialWithItsDecidingStatement()
    {
        var room = new FakeRoom(Snapshot());
        await using var t = Context(room);

        var page = t.Context.Render<RoomViewPage>(p => p.Add(x => x.EventId, "ev-1"));

        page.WaitForAssertion(() => Assert.Contains("Room view: IAM basics", page.Find("#room-title").TextContent, StringComparison.Ordinal));
        Assert.StartsWith("2", page.Find("#room-count-signed-in .room-count-value").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("1", page.Find("#room-count-stuck .room-count-value").TextContent.Trim());
        Assert.Equal("1", page.Find("#room-count-credentials .room-count-value").TextContent.Trim());
        Assert.Equal("1", page.Find("#room-count-denied .room-count-value").TextContent.Trim());
        Assert.Equal(3, page.FindAll("tr.room-attendee").Count);
        Assert.Contains("Locked out", page.Find("tr.room-attendee[data-user='ws002'] .room-status").TextContent, StringComparison.Ordinal);
        Assert.Contains("Denied by WorkshopReadOnly, statement NoDeletes", page.Find("tr.room-attendee[data-user='ws001'] .room-latest-denied").TextContent, StringComparison.Ordinal);
        var decision = page.Find("#room-decisions tr.room-decision-denied");
        Assert.Contains("s3:DeleteObject", decision.TextContent, StringComparison.Ordinal);
        Assert.Equal("Denied by WorkshopReadOnly, statement NoDeletes", decision.QuerySelector(".room-deciding")!.TextContent.Trim());
        Assert.Empty(page.FindAll("#room-ended"));

        // Only the locked attendee has an Unlock button; the switch narrows the table to the stuck.
        Assert.Single(page.FindAll(".room-unlock"));
        page.Find(".room-stuck-only input").Change(true);
        Assert.Equal(["ws002"], page.FindAll("tr.room-attendee").Select(r => r.GetAttribute("data-user")));
    }

    [Fact]
    public async Task Unlock_CallsTheDirectoryService_ForThatAttendee()
    {
        var room = new FakeRoom(Snapshot());
        await using var t = Context(room);
        var page = t.Context.Render<RoomViewPage>(p => p.Add(x => x.EventId, "ev-1"));
        page.WaitForElement(".room-unlock");

        page.Find(".room-unlock").Click();

        page.WaitForAssertion(() => Assert.Contains(t.Users.Calls, c => c.Method == nameof(IUserDirectoryService.UnlockAsync) && c.UserId == "u-2" && c.Actor.UserId == "admin-id"));
        Assert.Null(t.Users.Store.Single(u => u.Id == "u-2").LockedOutUntil);
    }

    [Fact]
    public async Task ResetPassword_AsksFirst_ThenShowsTheOneTimePasswordOnce()
    {
        var room = new FakeRoom(Snapshot());
        await using var t = Context(room);
        var dialogs = t.RenderProviders();
        var page = t.Context.Render<RoomViewPage>(p => p.Add(x => x.EventId, "ev-1"));
        page.WaitForElement(".room-reset");

        page.Find("tr.room-attendee[data-user='ws001'] .room-reset").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Reset the password of ws001?", dialogs.Markup, StringComparison.Ordinal));
        dialogs.Find(".confirm-dialog-cancel").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".confirm-dialog-confirm")));
        Assert.DoesNotContain(t.Users.Calls, c => c.Method == nameof(IUserDirectoryService.ResetPasswordAsync));

        page.Find("tr.room-attendee[data-user='ws001'] .room-reset").Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".confirm-dialog-confirm")));
        dialogs.Find(".confirm-dialog-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal(t.Users.NextPassword, page.Find(".one-time-password-value").TextContent));
        Assert.Contains(t.Users.Calls, c => c.Method == nameof(IUserDirectoryService.ResetPasswordAsync) && c.UserId == "u-1");
        page.Find(".room-password-done").Click();
        Assert.Empty(page.FindAll(".one-time-password-value"));
    }

    [Fact]
    public async Task ResetPassword_OfAnAdministrator_ByTheHelpDesk_IsRefusedOnTheServer()
    {
        var room = new FakeRoom(Snapshot());
        await using var t = Context(room, BuiltInGroups.HelpDeskId);
        var dialogs = t.RenderProviders();
        var page = t.Context.Render<RoomViewPage>(p => p.Add(x => x.EventId, "ev-1"));
        page.WaitForElement(".room-reset");
        t.Authorizer.AdministrativeSubjects["u-1"] = BuiltInGroups.AdministratorsName;

        page.Find("tr.room-attendee[data-user='ws001'] .room-reset").Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        page.WaitForAssertion(() => Assert.Contains("with an explicit deny", page.Find(".room-action-error").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(t.Users.Calls, c => c.Method == nameof(IUserDirectoryService.ResetPasswordAsync));
        Assert.Empty(page.FindAll(".one-time-password-value"));
    }

    [Fact]
    public async Task EndedEvent_SaysSoProminently_AndOffersNoReset()
    {
        var room = new FakeRoom(Snapshot() with { EndedAt = Now.AddMinutes(-5) });
        await using var t = Context(room);

        var page = t.Context.Render<RoomViewPage>(p => p.Add(x => x.EventId, "ev-1"));

        page.WaitForAssertion(() => Assert.Contains("This event ended 2026-06-01 11:55 UTC", page.Find("#room-ended").TextContent, StringComparison.Ordinal));
        Assert.Equal("alert", page.Find("#room-ended").GetAttribute("role"));
        Assert.Empty(page.FindAll(".room-reset"));
    }

    [Fact]
    public async Task NewSnapshots_ArePushedWithoutReload_AndStopWhenThePageIsDisposed()
    {
        var room = new FakeRoom(Snapshot());
        await using var t = Context(room);
        var page = t.Context.Render<RoomViewPage>(p => p.Add(x => x.EventId, "ev-1"));
        page.WaitForElement("#room-count-denied");

        room.Current = Snapshot() with { Counts = new RoomCounts(3, 2, 1, 1, 1, 7) };

        page.WaitForAssertion(() => Assert.Equal("7", page.Find("#room-count-denied .room-count-value").TextContent.Trim()), TimeSpan.FromSeconds(6));
        await t.Context.DisposeComponentsAsync();
        var calls = room.Calls;
        await Task.Delay(RoomViewPage.RefreshInterval * 2);
        Assert.Equal(calls, room.Calls);
    }

    [Fact]
    public async Task Refresh_DatabaseDown_KeepsTheLastSnapshotWithAWarning_TheNextRefreshClearsIt()
    {
        var room = new FakeRoom(Snapshot());
        await using var t = Context(room);
        var page = t.Context.Render<RoomViewPage>(p => p.Add(x => x.EventId, "ev-1"));
        page.WaitForElement("#room-count-denied");

        room.Failure = new TimeoutException("database timeout");

        page.WaitForAssertion(() => Assert.Equal("The room view could not be refreshed: the database did not answer. It tries again every few seconds.", page.Find("#room-load-error").TextContent.Trim()), TimeSpan.FromSeconds(6));
        Assert.Equal(3, page.FindAll("tr.room-attendee").Count);
        Assert.Empty(page.FindAll("#room-not-found"));

        room.Failure = null;
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#room-load-error")), TimeSpan.FromSeconds(6));
    }

    [Fact]
    public async Task UnknownEvent_SaysSo()
    {
        await using var t = Context(new FakeRoom(null));
        var page = t.Context.Render<RoomViewPage>(p => p.Add(x => x.EventId, "nope"));
        page.WaitForElement("#room-not-found");
    }

    private static AdminTestContext Context(FakeRoom room, string? administrativeGroup = null)
    {
        var t = new AdminTestContext(logging: s => s.AddSingleton<IRoomViewService>(room), administrativeGroup: administrativeGroup);
        t.Clock.Now = Now;
        t.Users.Store.Add(FakeUserDirectoryService.NewUser("u-1", "ws001", "Attendee 1"));
        t.Users.Store.Add(FakeUserDirectoryService.NewUser("u-2", "ws002", "Attendee 2", lockedOutUntil: Now.AddMinutes(10)));
        t.Users.Store.Add(FakeUserDirectoryService.NewUser("u-3", "ws003", "Attendee 3"));
        return t;
    }

    private static RoomSnapshot Snapshot()
    {
        var deny = new StatementTrace(PolicyType.IdentityPolicy, null, "WorkshopReadOnly", "NoDeletes", 1, "NoDeletes", Effect.Deny, StatementRole.Denies, null, []);
        var allow = new StatementTrace(PolicyType.IdentityPolicy, null, "WorkshopReadOnly", "Read", 0, "Read", Effect.Allow, StatementRole.Allows, null, []);
        var denied = new RecentDecision(2, "u-1", "ws001", "111122223333", "ps-1", "s3:DeleteObject", "arn:aws:s3:::demo/a.txt", Decision.ExplicitDeny, Now.AddSeconds(-3), "Denied by an identity policy.", deny);
        var allowed = new RecentDecision(1, "u-1", "ws001", "111122223333", "ps-1", "s3:ListBucket", "arn:aws:s3:::demo", Decision.Allow, Now.AddSeconds(-5), "Allowed.", allow);
        RoomAttendeeStatus[] attendees =
        [
            new("u-1", "ws001", "Attendee 1", true, Now.AddMinutes(-3), [], null, 1, 1, allowed, denied),
            new("u-2", "ws002", "Attendee 2", true, Now.AddMinutes(-4), [AttendeeProblem.LockedOut], Now.AddMinutes(10), 0, 0, null, null),
            new("u-3", "ws003", "Attendee 3", false, null, [], null, 0, 0, null, null),
        ];
        return new RoomSnapshot(Now, new RoomCounts(3, 2, 1, 1, 1, 1), attendees, [denied, allowed])
        {
            EventId = "ev-1",
            EventName = "IAM basics",
            StartsAt = Now.AddHours(-1),
            EndsAt = Now.AddHours(2),
        };
    }

    private sealed class FakeRoom(RoomSnapshot? snapshot) : IRoomViewService
    {
        private int _calls;

        public RoomSnapshot? Current { get; set; } = snapshot;

        public int Calls => Volatile.Read(ref _calls);

        /// <summary>When set, snapshots throw it, as a database that does not answer would.</summary>
        public Exception? Failure { get; set; }

        public Task<RoomSnapshot> GetSnapshotAsync(IReadOnlyCollection<string> attendeeUserIds, DateTimeOffset? since = null, int latestDecisions = 20, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<RoomSnapshot?> GetEventSnapshotAsync(string eventId, int latestDecisions = 20, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            if (Failure is { } failure)
            {
                return Task.FromException<RoomSnapshot?>(failure);
            }

            return Task.FromResult(eventId == Current?.EventId ? Current : null);
        }
    }
}
