using IdentityCenter.Core;
using Microsoft.AspNetCore.Components;

namespace IdentityCenter.Web.Components.Admin;

/// <summary>The logic of <c>OperationErrors.razor</c>: which messages it shows.</summary>
public partial class OperationErrors
{
    /// <summary>The operation's errors; those of <see cref="Fields"/> are left to the fields.</summary>
    [Parameter]
    public IReadOnlyList<FieldError> Errors { get; set; } = [];

    /// <summary>The fields the form shows errors next to.</summary>
    [Parameter]
    public IReadOnlyCollection<string> Fields { get; set; } = [];

    /// <summary>A failure that is not the input's fault (an unavailable database, a refused or conflicting change), or null.</summary>
    [Parameter]
    public string? Failure { get; set; }

    /// <summary>More classes for each alert.</summary>
    [Parameter]
    public string? Class { get; set; }

    /// <summary>When set, the alerts can be closed; called on close.</summary>
    [Parameter]
    public EventCallback Closed { get; set; }

    /// <summary>The messages shown, one alert each: the errors of no form field, then the failure.</summary>
    internal IEnumerable<string> Messages =>
        Errors.Where(e => !Fields.Contains(e.Field)).Select(e => e.Message)
            .Concat(string.IsNullOrEmpty(Failure) ? [] : [Failure])
            .Distinct(StringComparer.Ordinal);
}
