using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Events;

/// <summary>The live room view of a workshop: who signed in, who is stuck, credentials issued, the latest decisions.</summary>
public interface IRoomViewService
{
    /// <summary>
    /// A snapshot of <paramref name="attendeeUserIds"/> (in that order): sign-ins, credentials issued and denied requests since
    /// <paramref name="since"/> (all time when null), problems as of now, and the latest decisions with their deciding
    /// statement (at most <paramref name="latestDecisions"/> for the room, newest first). A fixed number of queries whatever the
    /// number of attendees.
    /// </summary>
    Task<RoomSnapshot> GetSnapshotAsync(IReadOnlyCollection<string> attendeeUserIds, DateTimeOffset? since = null, int latestDecisions = 20, CancellationToken cancellationToken = default);

    /// <summary>
    /// The snapshot of a workshop event's attendees (<see cref="GetSnapshotAsync"/> since the event was created), with the
    /// event's name, times and whether it has ended; null when there is no such event.
    /// </summary>
    Task<RoomSnapshot?> GetEventSnapshotAsync(string eventId, int latestDecisions = 20, CancellationToken cancellationToken = default);
}

/// <summary>
/// The room view from what is already recorded: the directory (<see cref="IUserDirectoryService.GetUsersAsync"/>: enabled,
/// lockout, one-time password, MFA devices), the directory's MFA settings, portal sessions and <c>LastSignInAt</c> (signed in),
/// the audit log (<c>GetRoleCredentials</c> issued, <c>Authorize</c> denials) and this instance's <see cref="RecentDecisionFeed"/>
/// (latest allowed and denied decisions with their deciding statement). Four queries for 500 attendees as for one.
/// </summary>
public sealed class RoomViewService(
    IWorkshopEventService events,
    IUserDirectoryService users,
    IDirectorySettingsService settings,
    IDbContextFactory<IdentityCenterDbContext> contexts,
    CredentialAuditBuffer audit,
    RecentDecisionFeed decisions,
    TimeProvider time) : IRoomViewService
{
    public async Task<RoomSnapshot?> GetEventSnapshotAsync(string eventId, int latestDecisions = 20, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        if (await events.GetAsync(eventId, cancellationToken) is not { } workshop)
        {
            return null;
        }

        var snapshot = await GetSnapshotAsync([.. workshop.Attendees.Select(a => a.UserId)], workshop.CreatedAt, latestDecisions, cancellationToken);
        return snapshot with { EventId = workshop.Id, EventName = workshop.Name, StartsAt = workshop.StartsAt, EndsAt = workshop.EndsAt, EndedAt = workshop.EndedAt };
    }

    public async Task<RoomSnapshot> GetSnapshotAsync(IReadOnlyCollection<string> attendeeUserIds, DateTimeOffset? since = null, int latestDecisions = 20, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attendeeUserIds);
        var now = time.GetUtcNow();
        var ids = attendeeUserIds.Distinct(StringComparer.Ordinal).ToList();
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        var details = (await users.GetUsersAsync(ids, cancellationToken)).ToDictionary(u => u.Id, StringComparer.Ordinal);
        var mfa = await settings.GetMfaSettingsAsync(cancellationToken);
        var from = since?.ToUniversalTime();

        // The hot paths queue their audit events (written every second); write them now so the counts are current.
        await audit.FlushAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sessionRows = db.UserSessions.AsNoTracking().Where(s => ids.Contains(s.UserId));
        var auditRows = db.AuditEvents.AsNoTracking().Where(a => a.TargetUserId != null && ids.Contains(a.TargetUserId));
        if (from is { } start)
        {
            sessionRows = sessionRows.Where(s => s.CreatedAt >= start);
            auditRows = auditRows.Where(a => a.EventTime >= start);
        }

        var sessions = await sessionRows.GroupBy(s => s.UserId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, cancellationToken);
        var issued = await auditRows.Where(a => a.EventName == CredentialAuditNames.GetRoleCredentials && a.ErrorCode == null)
            .GroupBy(a => a.TargetUserId!).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, cancellationToken);
        var denied = await auditRows.Where(a => a.EventName == CredentialAuditNames.Authorize && a.ErrorCode != null)
            .GroupBy(a => a.TargetUserId!).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, cancellationToken);

        var attendees = new List<RoomAttendeeStatus>(ids.Count);
        foreach (var id in ids)
        {
            var (allowed, deniedLatest) = decisions.LatestOf(id);
            if (!details.TryGetValue(id, out var user))
            {
                attendees.Add(new RoomAttendeeStatus(id, id, "", false, null, [AttendeeProblem.Deleted], null, issued.GetValueOrDefault(id), denied.GetValueOrDefault(id), allowed, deniedLatest));
                continue;
            }

            var signedIn = sessions.ContainsKey(id) || user.LastSignInAt is { } last && (from is null || last >= from);
            attendees.Add(new RoomAttendeeStatus(
                id, user.UserName, user.DisplayName, signedIn, user.LastSignInAt, Problems(user, signedIn, mfa, now), user.LockedOutUntil,
                issued.GetValueOrDefault(id), denied.GetValueOrDefault(id), allowed, deniedLatest));
        }

        var counts = new RoomCounts(
            attendees.Count,
            attendees.Count(a => a.SignedIn),
            attendees.Count(a => a.Stuck),
            attendees.Count(a => a.CredentialsIssued > 0),
            attendees.Sum(a => a.CredentialsIssued),
            attendees.Sum(a => a.DeniedRequests));
        return new RoomSnapshot(now, counts, attendees, decisions.Latest(wanted, latestDecisions));
    }

    /// <summary>
    /// What keeps the attendee from getting on, as the sign-in decides it (<c>IdentityCenterSignInManager</c>): disabled, locked
    /// out, no MFA device where one is required (enrolment pending after a sign-in, or a sign-in the "no device: block" policy
    /// refuses), the one-time or an expired password not changed yet after signing in.
    /// </summary>
    internal static IReadOnlyList<AttendeeProblem> Problems(UserDetail user, bool signedIn, MfaSettings mfa, DateTimeOffset now)
    {
        var problems = new List<AttendeeProblem>(2);
        if (!user.Enabled)
        {
            problems.Add(AttendeeProblem.Disabled);
        }

        if (user.LockedOutUntil is { } until && until > now)
        {
            problems.Add(AttendeeProblem.LockedOut);
        }

        var deviceRequired = user.IsAdministrator || (mfa.Mode != MfaMode.Disabled && mfa.WithoutDevice != MfaNoDevicePolicy.Allow);
        if (user.MfaDeviceCount == 0 && deviceRequired && (signedIn || mfa.WithoutDevice == MfaNoDevicePolicy.Block))
        {
            problems.Add(AttendeeProblem.MfaNotEnrolled);
        }

        if (signedIn && (user.MustChangePassword || user.PasswordExpired))
        {
            problems.Add(AttendeeProblem.MustChangePassword);
        }

        return problems;
    }
}
