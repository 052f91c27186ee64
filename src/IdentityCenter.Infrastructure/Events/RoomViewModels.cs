using IdentityCenter.Infrastructure.Credentials;

namespace IdentityCenter.Infrastructure.Events;

/// <summary>Why an attendee cannot get on (the room view's "stuck"), most blocking first.</summary>
public enum AttendeeProblem
{
    /// <summary>The user no longer exists (deleted after the event, or by hand).</summary>
    Deleted,

    /// <summary>Disabled: cannot sign in (every attendee once the event has ended).</summary>
    Disabled,

    /// <summary>Locked out after failed sign-ins, until <see cref="RoomAttendeeStatus.LockedOutUntil"/> or an unlock.</summary>
    LockedOut,

    /// <summary>MFA is required and the attendee has no authenticator: signed in and not enrolled yet, or blocked from signing in.</summary>
    MfaNotEnrolled,

    /// <summary>Signed in with the one-time (or an expired) password and has not chosen a new one yet.</summary>
    MustChangePassword,
}

/// <summary>
/// One attendee in the room view. <see cref="SignedIn"/>: a sign-in since the event started (the portal, or the CLI's device
/// sign-in); <see cref="CredentialsIssued"/>: role credentials issued (GetRoleCredentials) since then; <see cref="DeniedRequests"/>:
/// requests denied since then (S3 store, <c>/api/authorize</c>, ...); <see cref="LatestAllowed"/> and <see cref="LatestDenied"/>
/// with their deciding statement, from this instance's <see cref="RecentDecisionFeed"/>.
/// </summary>
public sealed record RoomAttendeeStatus(
    string UserId,
    string UserName,
    string DisplayName,
    bool SignedIn,
    DateTimeOffset? LastSignInAt,
    IReadOnlyList<AttendeeProblem> Problems,
    DateTimeOffset? LockedOutUntil,
    int CredentialsIssued,
    int DeniedRequests,
    RecentDecision? LatestAllowed,
    RecentDecision? LatestDenied)
{
    public bool Stuck => Problems.Count > 0;

    public bool IsLockedOut => Problems.Contains(AttendeeProblem.LockedOut);

    public bool Exists => !Problems.Contains(AttendeeProblem.Deleted);

    /// <summary>The status in words: the problems, or how far the attendee got.</summary>
    public string StatusText => Problems.Count > 0
        ? string.Join(", ", Problems.Select(Describe))
        : CredentialsIssued > 0 ? "Has credentials" : SignedIn ? "Signed in" : "Not signed in yet";

    public static string Describe(AttendeeProblem problem) => problem switch
    {
        AttendeeProblem.Deleted => "Deleted",
        AttendeeProblem.Disabled => "Disabled",
        AttendeeProblem.LockedOut => "Locked out",
        AttendeeProblem.MfaNotEnrolled => "MFA not enrolled",
        _ => "Must change password",
    };
}

/// <summary>The numbers at the top of the room view.</summary>
public sealed record RoomCounts(int Attendees, int SignedIn, int Stuck, int WithCredentials, int CredentialsIssued, int DeniedRequests);

/// <summary>
/// The room at one moment: counts, every attendee (in the order asked), and the latest decisions of any attendee (newest first).
/// <see cref="EventName"/> and <see cref="EndedAt"/> are set when the snapshot is of a workshop event.
/// </summary>
public sealed record RoomSnapshot(
    DateTimeOffset TakenAt,
    RoomCounts Counts,
    IReadOnlyList<RoomAttendeeStatus> Attendees,
    IReadOnlyList<RecentDecision> LatestDecisions)
{
    public string? EventId { get; init; }

    public string? EventName { get; init; }

    public DateTimeOffset? StartsAt { get; init; }

    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>When the event was ended (by the trainer or at its end time); null while it runs.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    public bool Ended => EndedAt is not null;
}
