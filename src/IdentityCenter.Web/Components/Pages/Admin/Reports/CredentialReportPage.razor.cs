using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Web.Components.Admin;
using Microsoft.AspNetCore.Components;

namespace IdentityCenter.Web.Components.Pages.Admin.Reports;

/// <summary>The logic of <c>CredentialReportPage.razor</c>: generates the credential report on request (<see cref="IAccessDashboardService.GetCredentialReportAsync"/>).</summary>
public partial class CredentialReportPage
{
    private IReadOnlyList<string> _header = [];
    private IReadOnlyList<IReadOnlyList<string>> _rows = [];
    private DateTimeOffset _generatedAt;

    [Inject]
    private IAccessDashboardService Dashboard { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private OperationState Generate { get; set; } = default!;

    private async Task GenerateAsync() => await Generate.TryAsync(async () =>
    {
        var report = await Dashboard.GetCredentialReportAsync();
        _header = report.Columns;
        _rows = report.Rows;
        _generatedAt = Clock.GetUtcNow();
    }, "The report could not be generated. Try again in a moment.");
}
