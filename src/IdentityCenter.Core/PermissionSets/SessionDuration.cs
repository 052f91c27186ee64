using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using IdentityCenter.Core.Organizations;

namespace IdentityCenter.Core.PermissionSets;

/// <summary>
/// A permission set's session duration: an ISO-8601 duration (<c>PT1H</c>, <c>PT4H</c>, <c>PT1H30M</c>)
/// between 1 and 12 hours, default 1 hour, as AWS IAM Identity Center allows.
/// </summary>
public static partial class SessionDuration
{
    public static readonly TimeSpan Minimum = TimeSpan.FromHours(1);
    public static readonly TimeSpan Maximum = TimeSpan.FromHours(12);
    public static readonly TimeSpan Default = TimeSpan.FromHours(1);
    public const string DefaultText = "PT1H";

    // Day, hour, minute and second designators only: years, months and weeks have no fixed length.
    [GeneratedRegex(@"^P(?:(?<d>\d{1,3})D)?(?:T(?:(?<h>\d{1,4})H)?(?:(?<m>\d{1,6})M)?(?:(?<s>\d{1,8})S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    /// <summary>Parses and range-checks; the error message quotes the allowed range.</summary>
    public static bool TryParse(string? text, out TimeSpan duration, out FieldError? error, string field = "SessionDuration")
    {
        duration = default;
        error = null;
        var match = text is null ? null : DurationPattern().Match(text.Trim().ToUpperInvariant());
        if (match is null || !match.Success || text!.Trim().Length <= 1 || text.Trim().EndsWith('T'))
        {
            error = new FieldError(field, $"'{text}' is not an ISO-8601 duration such as PT1H, PT4H or PT1H30M (allowed: PT1H to PT12H).");
            return false;
        }

        static long Part(Match m, string name) =>
            m.Groups[name].Success ? long.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture) : 0;

        var seconds = Part(match, "d") * 86_400 + Part(match, "h") * 3_600 + Part(match, "m") * 60 + Part(match, "s");
        var parsed = TimeSpan.FromSeconds(seconds);
        if (parsed < Minimum || parsed > Maximum)
        {
            error = new FieldError(field, $"Session duration {Format(parsed)} is out of range: it must be between PT1H (1 hour) and PT12H (12 hours).");
            return false;
        }

        duration = parsed;
        return true;
    }

    /// <summary>Parses, or returns the default (PT1H) when the text is null or empty.</summary>
    public static bool TryParseOrDefault(string? text, out TimeSpan duration, out FieldError? error, string field = "SessionDuration")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            duration = Default;
            error = null;
            return true;
        }

        return TryParse(text, out duration, out error, field);
    }

    /// <summary>Formats as ISO-8601 with hours, minutes and seconds (<c>PT4H</c>, <c>PT1H30M</c>, <c>PT0S</c>).</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "Session durations are never negative.");
        }

        var totalSeconds = (long)duration.TotalSeconds;
        var hours = totalSeconds / 3600;
        var minutes = totalSeconds % 3600 / 60;
        var seconds = totalSeconds % 60;
        if (totalSeconds == 0)
        {
            return "PT0S";
        }

        var sb = new StringBuilder("PT");
        if (hours > 0)
        {
            sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('H');
        }

        if (minutes > 0)
        {
            sb.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
        }

        if (seconds > 0)
        {
            sb.Append(seconds.ToString(CultureInfo.InvariantCulture)).Append('S');
        }

        return sb.ToString();
    }
}
