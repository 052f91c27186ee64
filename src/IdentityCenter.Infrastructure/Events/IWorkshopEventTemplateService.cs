using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;

namespace IdentityCenter.Infrastructure.Events;

/// <summary>
/// Workshop event templates: an event's settings without its dates or attendees (name, number of attendees, user-name
/// prefix, groups, permission sets, account mode with the shared account or the parent OU, assignment scope, the
/// pre-enrolled authenticator, and the length in hours), saved from the create form and used to fill it again. They are
/// part of the environment export. Saving checks what an event create checks (same field names as
/// <see cref="WorkshopEventInput"/>, plus DurationHours); every save and delete is audited.
/// </summary>
public interface IWorkshopEventTemplateService
{
    /// <summary>Every template by name; references to groups, permission sets, accounts or OUs deleted since are left out.</summary>
    Task<IReadOnlyList<WorkshopEventTemplate>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the create form's settings as a template named after the event; its length is the form's end minus start,
    /// rounded up to whole hours. A template of the same name must be deleted first (Conflict).
    /// </summary>
    Task<OperationResult<WorkshopEventTemplate>> SaveAsync(WorkshopEventInput input, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Deletes a template (events created from it are not affected).</summary>
    Task<OperationResult> DeleteAsync(string templateId, Actor actor, CancellationToken cancellationToken = default);
}

/// <summary>A saved template. <see cref="ToInput"/> makes the create form's input for an event starting at a given time.</summary>
public sealed record WorkshopEventTemplate(
    string Id,
    string Name,
    int AttendeeCount,
    string UserNamePrefix,
    int DurationHours,
    IReadOnlyList<string> GroupIds,
    IReadOnlyList<string> PermissionSetIds,
    WorkshopAccountMode AccountMode,
    string? SharedAccountId,
    string? ParentOrganizationalUnitId,
    WorkshopAssignmentScope AssignmentScope,
    bool WithAuthenticator,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    /// <summary>The event this template describes, starting at <paramref name="startsAt"/> and lasting <see cref="DurationHours"/>.</summary>
    public WorkshopEventInput ToInput(DateTimeOffset startsAt) => new(
        Name, startsAt, startsAt.AddHours(DurationHours), AttendeeCount, UserNamePrefix, GroupIds, PermissionSetIds,
        AccountMode, SharedAccountId, ParentOrganizationalUnitId, AssignmentScope, WithAuthenticator);
}
