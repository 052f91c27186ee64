namespace IdentityCenter.Infrastructure.Data.Entities.Events;

/// <summary>
/// A workshop event template (see <c>IWorkshopEventTemplateService</c>): an event's settings without dates or attendees,
/// its length in hours instead. <see cref="GroupIds"/> and <see cref="PermissionSetIds"/> are comma-separated ids, as in
/// <see cref="WorkshopEventRecord"/>; a reference whose object was deleted since is dropped when the template is used.
/// </summary>
public sealed class WorkshopEventTemplateRecord
{
    public string Id { get; set; } = "";

    /// <summary>The event name the template gives; unique among templates.</summary>
    public string Name { get; set; } = "";

    public int AttendeeCount { get; set; }

    public string UserNamePrefix { get; set; } = "";

    public int DurationHours { get; set; }

    /// <summary><c>SharedAccount</c> or <c>AccountPerAttendee</c>.</summary>
    public string AccountMode { get; set; } = "";

    public string? SharedAccountId { get; set; }

    /// <summary>Where the event's OU goes (per-attendee accounts); null: the root.</summary>
    public string? ParentOrganizationalUnitId { get; set; }

    /// <summary><c>PerAttendee</c> or <c>PerGroup</c>.</summary>
    public string AssignmentScope { get; set; } = "";

    public bool WithAuthenticator { get; set; }

    public string GroupIds { get; set; } = "";

    public string PermissionSetIds { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";
}
