using IdentityCenter.Core.Assignments;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Assignments;

/// <summary>
/// The logic of <c>AccountAssignmentsPage.razor</c>: one account's assignments through <see cref="IAssignmentService"/>,
/// each removable after a destructive confirmation; a refusal or failure shows above the table.
/// </summary>
public partial class AccountAssignmentsPage
{
    private AccountInfo? _account;
    private IReadOnlyList<AssignmentInfo> _items = [];
    private List<BreadcrumbItem> _breadcrumbs = [];

    [Parameter]
    public string AccountId { get; set; } = "";

    [Inject]
    private IOrganizationService Organization { get; set; } = default!;

    [Inject]
    private IAssignmentService Assignments { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private OperationState Remove { get; set; } = default!;

    /// <summary>Loading the account and its assignments: a progress bar meanwhile, the failure instead of the table.</summary>
    [Inject]
    private OperationState Load { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _breadcrumbs = [new("Organization", "/admin/organization"), new(AccountId, null, disabled: true), new("Assignments", null, disabled: true)];
        await Load.TryAsync(async () =>
        {
            _account = await Organization.GetAccountAsync(AccountId);
            if (_account is not null)
            {
                _breadcrumbs[1] = new BreadcrumbItem(_account.Name, null, disabled: true);
                _items = await Assignments.ListForAccountAsync(AccountId);
            }
        }, unavailable: "The assignments could not be loaded. Try again in a moment.");
    }

    private async Task RemoveAsync(AssignmentInfo assignment)
    {
        if (!await Dialogs.ConfirmAsync("Remove assignment", $"Remove {assignment.PermissionSetName} from {assignment.PrincipalName} in {assignment.AccountName}? Their credentials for this role stop working.", "Remove"))
        {
            return;
        }

        var request = new AssignmentRequest(assignment.AccountId, assignment.PermissionSetId, assignment.PrincipalType, assignment.PrincipalId);
        if (await Remove.RunAsync(async () => await Assignments.DeleteAsync(request, await CurrentActor.GetAsync())) is not null)
        {
            Snackbar.Add("Assignment removed.", Severity.Success);
            await Remove.RefreshAsync(async () => _items = await Assignments.ListForAccountAsync(AccountId));
        }
    }
}
