using System.Globalization;

namespace IdentityCenter.Web.Components.Admin;

/// <summary>How admin pages print times: UTC, sortable, with the zone spelled out so nobody guesses.</summary>
public static class Format
{
    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string Time(DateTimeOffset? value, string whenNull) => value is { } v ? Time(v) : whenNull;
}
