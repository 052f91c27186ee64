using System.Globalization;
using IdentityCenter.Core.Directory;

namespace IdentityCenter.Core.Events;

/// <summary>
/// The rules of a workshop event's form that need no database: name, times, number of attendees and the user-name
/// prefix. Field names are the create form's (Name, StartsAt, EndsAt, AttendeeCount, UserNamePrefix).
/// </summary>
public static class WorkshopEventRules
{
    public const int MinAttendees = 1;
    public const int MaxAttendees = 500;
    public const int NameMaxLength = 128;
    public const int PrefixMaxLength = 60;

    /// <summary>The attendee's user name: the prefix and the 1-based number in three digits (<c>ws001</c>).</summary>
    public static string UserName(string prefix, int number) => prefix.Trim() + number.ToString("000", CultureInfo.InvariantCulture);

    /// <summary>The longest event a template describes: two weeks.</summary>
    public const int MaxDurationHours = 14 * 24;

    /// <summary>Problems with the form; empty when it is valid. <paramref name="now"/> is the application clock.</summary>
    public static IReadOnlyList<FieldError> Validate(string? name, DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset now, int attendeeCount, string? userNamePrefix)
    {
        var errors = new List<FieldError>();
        ValidateName(name, errors);
        if (endsAt <= startsAt)
        {
            errors.Add(new("EndsAt", "The end must be after the start."));
        }
        else if (endsAt <= now)
        {
            errors.Add(new("EndsAt", "The end time has already passed; choose a time in the future."));
        }

        ValidateAttendees(attendeeCount, userNamePrefix, errors);
        return errors;
    }

    /// <summary>
    /// Problems with an event template (an event's settings without dates: its length in hours instead); the name,
    /// number of attendees and prefix follow the event's rules. Field names: Name, DurationHours, AttendeeCount, UserNamePrefix.
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateTemplate(string? name, int durationHours, int attendeeCount, string? userNamePrefix)
    {
        var errors = new List<FieldError>();
        ValidateName(name, errors);
        if (durationHours is < 1 or > MaxDurationHours)
        {
            errors.Add(new("DurationHours", $"An event template lasts 1 to {MaxDurationHours} hours (this one {durationHours}); the end must be at least an hour after the start."));
        }

        ValidateAttendees(attendeeCount, userNamePrefix, errors);
        return errors;
    }

    private static void ValidateName(string? name, List<FieldError> errors)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            errors.Add(new("Name", "Enter a name for the event, for example \"IAM workshop Berlin\"."));
        }
        else if (trimmed.Length > NameMaxLength || trimmed.Any(char.IsControl))
        {
            errors.Add(new("Name", $"Use at most {NameMaxLength} characters, without line breaks or tabs (the name has {trimmed.Length})."));
        }
    }

    private static void ValidateAttendees(int attendeeCount, string? userNamePrefix, List<FieldError> errors)
    {
        if (attendeeCount is < MinAttendees or > MaxAttendees)
        {
            errors.Add(new("AttendeeCount", $"An event has {MinAttendees} to {MaxAttendees} attendees (you asked for {attendeeCount})."));
        }

        var prefix = userNamePrefix?.Trim() ?? "";
        if (prefix.Length == 0)
        {
            errors.Add(new("UserNamePrefix", "Enter a user-name prefix, for example \"ws-berlin-\": attendees become ws-berlin-001, ws-berlin-002..."));
        }
        else if (prefix.Length > PrefixMaxLength)
        {
            errors.Add(new("UserNamePrefix", $"The prefix is {prefix.Length} characters long; use at most {PrefixMaxLength}."));
        }
        else
        {
            // The rules of every user name apply to the names the prefix makes.
            errors.AddRange(DirectoryNames.ValidateUserName(UserName(prefix, 1), "UserNamePrefix")
                .Select(e => e with { Message = "The prefix makes invalid user names: " + e.Message }));
        }
    }
}
