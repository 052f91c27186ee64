using IdentityCenter.Infrastructure.Access;
using Microsoft.AspNetCore.Components;

namespace IdentityCenter.Web.Components.Pages.Admin.Assignments;

/// <summary>The accounts step of the assignment wizard (<c>AssignmentAccountsStep.razor</c>); ticks them in <see cref="Selection"/>.</summary>
public partial class AssignmentAccountsStep
{
    private string? _filter;

    /// <summary>The wizard's choices, edited in place.</summary>
    [Parameter, EditorRequired]
    public AssignmentSelection Selection { get; set; } = default!;

    /// <summary>The organization's accounts.</summary>
    [Parameter]
    public IReadOnlyList<AccountInfo> Accounts { get; set; } = [];

    private IEnumerable<AccountInfo> Filtered => string.IsNullOrWhiteSpace(_filter)
        ? Accounts
        : Accounts.Where(a => a.Name.Contains(_filter, StringComparison.OrdinalIgnoreCase) || a.Id.Contains(_filter.Trim(), StringComparison.Ordinal));
}
