using System.Globalization;

namespace IdentityCenter.Web.Components.Layout;

/// <summary>How the workshop clock's shift and time read on the banner and the clock page.</summary>
public static class WorkshopClockText
{
    /// <summary>For example <c>3 days 4 hours</c> or <c>5 hours</c>.</summary>
    public static string Offset(TimeSpan offset)
    {
        var days = (int)offset.TotalDays;
        var hours = offset.Hours;
        var parts = new List<string>();
        if (days > 0)
        {
            parts.Add(days == 1 ? "1 day" : $"{days} days");
        }

        if (hours > 0 || days == 0)
        {
            parts.Add(hours == 1 ? "1 hour" : $"{hours} hours");
        }

        return string.Join(' ', parts);
    }

    /// <summary>UTC, to the minute.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
