using System.Globalization;

namespace IdentityCenter.Web.Components.Admin;

/// <summary>How admin pages print values: times in UTC, sortable, with the zone spelled out so nobody guesses; audit sources short.</summary>
public static class Format
{
    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string Time(DateTimeOffset? value, string whenNull) => value is { } v ? Time(v) : whenNull;

    /// <summary>An audit event source without the <c>.amazonaws.com</c> every source ends in (<c>signin</c>, <c>sso-directory</c>, ...).</summary>
    public static string EventSource(string source) =>
        source.EndsWith(".amazonaws.com", StringComparison.Ordinal) ? source[..^".amazonaws.com".Length] : source;
}
