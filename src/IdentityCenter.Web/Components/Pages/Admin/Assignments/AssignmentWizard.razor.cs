using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Web.Components.Admin;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Assignments;

/// <summary>
/// The logic of <c>AssignmentWizard.razor</c>: a thin shell over the wizard's steps (<see cref="AssignmentAccountsStep"/>,
/// <see cref="AssignmentPrincipalsStep"/>, <see cref="AssignmentPermissionSetsStep"/>, <see cref="AssignmentReviewStep"/>).
/// It loads the accounts and permission sets, keeps the choices in one <see cref="AssignmentSelection"/> the steps edit,
/// and moves between the steps when the current one has what it needs.
/// </summary>
public partial class AssignmentWizard
{
    private static readonly List<BreadcrumbItem> Breadcrumbs =
    [
        new("Permission sets", "/admin/permission-sets"),
        new("Assign users and groups", null, disabled: true),
    ];

    private readonly AssignmentSelection _selection = new();
    private int _step;
    private string? _stepError;
    private bool _created;
    private IReadOnlyList<AccountInfo> _accounts = [];
    private IReadOnlyList<PermissionSetSummary> _permissionSets = [];

    [Inject]
    private IOrganizationService Organization { get; set; } = default!;

    [Inject]
    private IPermissionSetService PermissionSets { get; set; } = default!;

    /// <summary>Loading the accounts and permission sets: the failure shows above the steps.</summary>
    [Inject]
    private OperationState Load { get; set; } = default!;

    /// <summary>Preselects an account (from the account's assignments page).</summary>
    [SupplyParameterFromQuery(Name = "accountId")]
    public string? AccountId { get; set; }

    /// <summary>Preselects a permission set (from the permission set page).</summary>
    [SupplyParameterFromQuery(Name = "permissionSetId")]
    public string? PermissionSetId { get; set; }

    private static IReadOnlyList<string> StepTitles => AssignmentSelection.StepTitles;

    private double Progress => _created ? 100 : _step * 100.0 / StepTitles.Count;

    protected override async Task OnInitializedAsync() =>
        await Load.TryAsync(async () =>
        {
            _accounts = await Organization.ListAccountsAsync();
            _permissionSets = await PermissionSets.ListAsync();
            if (AccountId is not null && _accounts.Any(a => a.Id == AccountId))
            {
                _selection.AccountIds.Add(AccountId);
            }

            if (PermissionSetId is not null && _permissionSets.Any(p => p.Id == PermissionSetId))
            {
                _selection.PermissionSetIds.Add(PermissionSetId);
            }
        }, unavailable: "The accounts and permission sets could not be loaded. Try again in a moment.");

    private void Back()
    {
        _stepError = null;
        _step = Math.Max(0, _step - 1);
    }

    private void Next()
    {
        _stepError = _selection.MissingAt(_step);
        if (_stepError is null)
        {
            _step++;
        }
    }

    /// <summary>After creating: the same accounts and permission sets for other users and groups.</summary>
    private void StartOver()
    {
        _created = false;
        _selection.Principals.Clear();
        _step = 1;
    }
}
