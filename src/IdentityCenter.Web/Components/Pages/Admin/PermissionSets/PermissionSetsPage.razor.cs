using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.PermissionSets;

/// <summary>
/// The logic of <c>PermissionSetsPage.razor</c>: the permission sets (filtered by name in memory) and the instance's
/// settings, saved through <see cref="IPermissionSetService.UpdateInstanceAsync"/>.
/// </summary>
public partial class PermissionSetsPage
{
    private static readonly int[] PageSizes = [10, 25, 50, 100];

    private IReadOnlyList<PermissionSetSummary> _items = [];
    private string? _search;
    private SsoInstanceInfo? _instance;
    private string? _region;
    private bool _autoReprovision;

    [Inject]
    private IPermissionSetService PermissionSets { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private OperationState SaveInstance { get; set; } = default!;

    /// <summary>Loading the permission sets and the instance: the grid shows it is loading meanwhile, the failure shows above it.</summary>
    [Inject]
    private OperationState Load { get; set; } = default!;

    // At most 2,000 permission sets per instance (AWS quota): filtering them in memory is cheap.
    private IEnumerable<PermissionSetSummary> Filtered => string.IsNullOrWhiteSpace(_search)
        ? _items
        : _items.Where(p => p.Name.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase));

    protected override async Task OnInitializedAsync() =>
        await Load.TryAsync(async () =>
        {
            _items = await PermissionSets.ListAsync();
            _instance = await PermissionSets.GetInstanceAsync();
            _region = _instance.Region;
            _autoReprovision = _instance.AutoReprovision;
        }, unavailable: "The permission sets could not be loaded. Try again in a moment.");

    private async Task SaveInstanceAsync()
    {
        var (region, auto) = (_region?.Trim() ?? "", _autoReprovision);
        if (await SaveInstance.RunAsync(async () => await PermissionSets.UpdateInstanceAsync(region, auto, await CurrentActor.GetAsync())) is { Value: { } instance })
        {
            _instance = instance;
            Snackbar.Add("Instance settings saved.", Severity.Success);
        }
    }
}
