using IdentityCenter.Infrastructure.Credentials;
using Microsoft.AspNetCore.Components;

namespace IdentityCenter.Web.Components.Pages.Admin.Credentials;

/// <summary>Access Advisor rows grouped by user or by permission set (by name), filtered by user, permission set, account, service or action.</summary>
public partial class AccessAdvisorPage
{
    private IReadOnlyList<AccessAdvisorEntry>? _rows;
    private string _view = "user";
    private string? _filter;

    [Inject]
    private AccessAdvisorTracker Advisor { get; set; } = default!;

    private IEnumerable<IGrouping<string, AccessAdvisorEntry>> Grouped => (_rows ?? [])
        .Where(Matches)
        .GroupBy(r => _view == "user" ? $"User {r.UserName}" : $"Permission set {r.PermissionSetName}")
        .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase);

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync() => _rows = await Advisor.RecentAsync(2000);

    private bool Matches(AccessAdvisorEntry row)
    {
        if (string.IsNullOrWhiteSpace(_filter))
        {
            return true;
        }

        var text = _filter.Trim();
        return new[] { row.UserName, row.PermissionSetName, row.PermissionSetId, row.AccountName, row.AccountId, row.Action }
            .Any(value => value.Contains(text, StringComparison.OrdinalIgnoreCase));
    }
}
