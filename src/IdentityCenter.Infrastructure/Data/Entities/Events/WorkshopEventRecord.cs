namespace IdentityCenter.Infrastructure.Data.Entities.Events;

/// <summary>
/// A workshop event (see <c>IWorkshopEventService</c>). <see cref="GroupIds"/> and <see cref="PermissionSetIds"/> are
/// comma-separated ids (ids never contain commas). <see cref="EndedAt"/> is set when the event was ended (by the button
/// or at <see cref="EndsAt"/>); <see cref="UsersDeletedAt"/> when its users and accounts were deleted afterwards.
/// </summary>
public sealed class WorkshopEventRecord
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public string UserNamePrefix { get; set; } = "";

    /// <summary><c>SharedAccount</c> or <c>AccountPerAttendee</c>.</summary>
    public string AccountMode { get; set; } = "";

    public string? SharedAccountId { get; set; }

    /// <summary>The event's own OU (per-attendee accounts).</summary>
    public string? OrganizationalUnitId { get; set; }

    /// <summary><c>PerAttendee</c> or <c>PerGroup</c>.</summary>
    public string AssignmentScope { get; set; } = "";

    public bool WithAuthenticator { get; set; }

    public string GroupIds { get; set; } = "";

    public string PermissionSetIds { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset? UsersDeletedAt { get; set; }

    public List<WorkshopAttendeeRecord> Attendees { get; set; } = [];
}

/// <summary>
/// One attendee of an event: the user created for them (no foreign key: the row stays, for the record, when the
/// user is deleted) and, with per-attendee accounts, their account.
/// </summary>
public sealed class WorkshopAttendeeRecord
{
    public string Id { get; set; } = Guid.NewGuid().ToString();

    public string EventId { get; set; } = "";

    /// <summary>1-based position: the user name is the prefix followed by this number in three digits.</summary>
    public int Number { get; set; }

    public string UserId { get; set; } = "";

    public string UserName { get; set; } = "";

    public string? AccountId { get; set; }
}
