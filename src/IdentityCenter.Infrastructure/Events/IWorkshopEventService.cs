using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;

namespace IdentityCenter.Infrastructure.Events;

/// <summary>
/// Workshop events: a trainer's batch of attendees (1 to 500 users named <c>&lt;prefix&gt;001</c>...), the groups they
/// join, the account(s) they work in and their assignments, created in one transaction and ended with one call.
/// Every write is audited. Field names in errors are the <see cref="WorkshopEventInput"/> property names
/// (Name, StartsAt, EndsAt, AttendeeCount, UserNamePrefix, GroupIds, PermissionSetIds, SharedAccountId,
/// ParentOrganizationalUnitId, AssignmentScope) or empty for the whole request.
/// One-time passwords exist in clear only in the results of <see cref="CreateAsync"/> and
/// <see cref="RegenerateCardsAsync"/>; only their hashes are stored.
/// </summary>
public interface IWorkshopEventService
{
    /// <summary>
    /// Creates the event: its attendees (one-time passwords they must change at first sign-in, as an import gives),
    /// their group memberships, the per-attendee accounts (in a new OU named after the event) when asked, and the
    /// assignments, all in one database transaction (nothing remains when any step fails), with one reload of the
    /// access model. <paramref name="progress"/> hears each stage (hashing, users, memberships, accounts, assignments).
    /// </summary>
    Task<OperationResult<WorkshopEventCreated>> CreateAsync(WorkshopEventInput input, Actor actor, IProgress<WorkshopEventProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Every event, newest start first.</summary>
    Task<IReadOnlyList<WorkshopEventSummary>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>One event with its attendees (ordered by user name); null when there is no such event.</summary>
    Task<WorkshopEventDetail?> GetAsync(string eventId, CancellationToken cancellationToken = default);

    /// <summary>
    /// New one-time passwords (to change at first sign-in) for the attendees <paramref name="userIds"/> (null: all of
    /// them); with <paramref name="withAuthenticator"/> each also gets a new pre-enrolled authenticator (TOTP) whose
    /// secret is on the card, replacing the authenticators the event enrolled before. Refused after the event ended.
    /// Sessions of those attendees end and their credentials are revoked (the old card no longer works).
    /// </summary>
    Task<OperationResult<IReadOnlyList<WorkshopCard>>> RegenerateCardsAsync(string eventId, IReadOnlyCollection<string>? userIds, bool withAuthenticator, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends the event now: disables every attendee and revokes every credential they hold (each fails its next check
    /// in under a second), in one transaction. Also done automatically at the event's end time.
    /// Ending an event that already ended is a Conflict.
    /// </summary>
    Task<OperationResult> EndAsync(string eventId, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// After the event ended: deletes its attendees (their memberships and assignments go with them) and the
    /// per-attendee accounts with the event's OU. Keeping them disabled for review is the default (do not call this).
    /// The event record and its attendee list stay for the audit trail.
    /// </summary>
    Task<OperationResult> DeleteAsync(string eventId, Actor actor, CancellationToken cancellationToken = default);
}

/// <summary>Where attendees work: one shared sandbox account, or one new account each.</summary>
public enum WorkshopAccountMode
{
    /// <summary>Every attendee works in <see cref="WorkshopEventInput.SharedAccountId"/>.</summary>
    SharedAccount,

    /// <summary>Each attendee gets a new account, created in a new OU of the event's own.</summary>
    AccountPerAttendee,
}

/// <summary>To whom the permission sets are assigned.</summary>
public enum WorkshopAssignmentScope
{
    /// <summary>One assignment per attendee (account × permission set × attendee).</summary>
    PerAttendee,

    /// <summary>One assignment per event group (shared account only: account × permission set × group).</summary>
    PerGroup,
}

/// <summary>
/// The create form. <paramref name="AttendeeCount"/>: 1 to 500. <paramref name="UserNamePrefix"/>: attendees are
/// named prefix + 001, 002... (three digits). <paramref name="GroupIds"/>: existing groups every attendee joins.
/// <paramref name="PermissionSetIds"/>: assigned in the attendee's account(s) (none: no assignments).
/// <paramref name="SharedAccountId"/>: required with <see cref="WorkshopAccountMode.SharedAccount"/> when permission sets are given.
/// <paramref name="ParentOrganizationalUnitId"/>: where the event's OU is created for per-attendee accounts (null: the root).
/// <paramref name="WithAuthenticator"/>: each attendee gets a pre-enrolled authenticator whose secret is on the card.
/// </summary>
public sealed record WorkshopEventInput(
    string Name,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int AttendeeCount,
    string UserNamePrefix,
    IReadOnlyList<string> GroupIds,
    IReadOnlyList<string> PermissionSetIds,
    WorkshopAccountMode AccountMode = WorkshopAccountMode.SharedAccount,
    string? SharedAccountId = null,
    string? ParentOrganizationalUnitId = null,
    WorkshopAssignmentScope AssignmentScope = WorkshopAssignmentScope.PerAttendee,
    bool WithAuthenticator = false);

/// <summary>The created event's id and its attendees' sign-in cards (the only time the one-time passwords are readable).</summary>
public sealed record WorkshopEventCreated(string EventId, IReadOnlyList<WorkshopCard> Cards);

/// <summary>
/// One attendee's sign-in card. <paramref name="AuthenticatorSecret"/> (Base32) and <paramref name="AuthenticatorUri"/>
/// (otpauth://, for the QR code) are set when the card carries a pre-enrolled authenticator.
/// </summary>
public sealed record WorkshopCard(string UserId, string UserName, string OneTimePassword, string? AuthenticatorSecret = null, string? AuthenticatorUri = null);

/// <summary>Progress of a create: <paramref name="Stage"/> is a sentence for the page, <paramref name="Done"/> of <paramref name="Total"/> steps of that stage.</summary>
public sealed record WorkshopEventProgress(string Stage, int Done, int Total);

/// <summary>A row of the events list. <paramref name="EndedAt"/> is null while the event has not ended.</summary>
public sealed record WorkshopEventSummary(
    string Id,
    string Name,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset? EndedAt,
    string UserNamePrefix,
    int AttendeeCount,
    WorkshopAccountMode AccountMode,
    DateTimeOffset? UsersDeletedAt);

/// <summary>
/// One event. <paramref name="EndedAt"/> is null while running; <paramref name="UsersDeletedAt"/> is set once
/// <see cref="IWorkshopEventService.DeleteAsync"/> removed its users and accounts.
/// <paramref name="OrganizationalUnitId"/>: the event's OU (per-attendee accounts), null otherwise.
/// </summary>
public sealed record WorkshopEventDetail(
    string Id,
    string Name,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset? EndedAt,
    string UserNamePrefix,
    IReadOnlyList<string> GroupIds,
    IReadOnlyList<string> PermissionSetIds,
    IReadOnlyList<WorkshopAttendee> Attendees,
    WorkshopAccountMode AccountMode,
    string? SharedAccountId,
    string? OrganizationalUnitId,
    WorkshopAssignmentScope AssignmentScope,
    bool WithAuthenticator,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? UsersDeletedAt);

/// <summary>An attendee: the user and, for per-attendee accounts, the account created for them (null otherwise).</summary>
public sealed record WorkshopAttendee(string UserId, string UserName, string? AccountId);
