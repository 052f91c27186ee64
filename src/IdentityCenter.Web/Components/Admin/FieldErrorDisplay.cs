using IdentityCenter.Core;

namespace IdentityCenter.Web.Components.Admin;

/// <summary>
/// The one way forms show a service's field errors (<see cref="FieldError"/> of an operation result) next to their fields:
/// <c>Error="@_errors.HasError("Name")" ErrorText="@_errors.ErrorText("Name")"</c>.
/// </summary>
public static class FieldErrorDisplay
{
    public static bool HasError(this IEnumerable<FieldError> errors, string field)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Any(e => e.Field == field);
    }

    /// <summary>The messages for <paramref name="field"/> in one line, or null when it has none.</summary>
    public static string? ErrorText(this IEnumerable<FieldError> errors, string field)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var messages = errors.Where(e => e.Field == field).Select(e => e.Message).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }
}
