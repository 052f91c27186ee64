using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.PermissionSets;

/// <summary>
/// The logic of <c>PermissionSetDetailPage.razor</c>: loads the permission set, creates or saves the whole form in one
/// call to <see cref="IPermissionSetService"/>, deletes it and removes its assignments. The form's values live in a
/// <see cref="PermissionSetForm"/> edited by its sections (<see cref="PermissionSetDetailsFields"/>,
/// <see cref="PermissionSetPolicyAttachments"/>, <see cref="PermissionsBoundaryEditor"/>, <see cref="PermissionSetTagsEditor"/>);
/// the accounts tab is <see cref="ProvisioningStatusPanel"/>.
/// </summary>
public partial class PermissionSetDetailPage
{
    private int _tab;
    private PermissionSetDetail? _detail;
    private IReadOnlyList<AssignmentInfo> _assignments = [];
    private List<BreadcrumbItem> _breadcrumbs = [];
    private PermissionSetForm _form = new();

    [Inject]
    private IPermissionSetService PermissionSets { get; set; } = default!;

    [Inject]
    private IAssignmentService Assignments { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Creating or saving the form: its errors show next to their fields.</summary>
    [Inject]
    private OperationState Save { get; set; } = default!;

    /// <summary>Deleting the permission set or removing an assignment: their errors show above the tabs.</summary>
    [Inject]
    private OperationState Actions { get; set; } = default!;

    /// <summary>Loading the permission set: a progress bar meanwhile, the failure instead of the form.</summary>
    [Inject]
    private OperationState Load { get; set; } = default!;

    /// <summary>The permission set's id, or <c>new</c> to create one.</summary>
    [Parameter]
    public string PermissionSetId { get; set; } = "";

    private bool IsNew => string.Equals(PermissionSetId, "new", StringComparison.OrdinalIgnoreCase);

    private bool Busy => Save.Busy || Actions.Busy;

    /// <summary>The fields whose errors the form's sections show (the others show above the save button).</summary>
    private IReadOnlyCollection<string> FormFields => Save.Errors.Select(e => e.Field).Where(PermissionSetForm.IsFormField).ToHashSet();

    private IEnumerable<string> InlinePolicyErrors => Save.Errors.Where(e => e.Field.StartsWith("InlinePolicy", StringComparison.Ordinal)).Select(e => e.Message);

    protected override async Task OnParametersSetAsync()
    {
        _form = new PermissionSetForm();
        Save.Clear();
        Actions.Clear();
        _breadcrumbs =
        [
            new BreadcrumbItem("Permission sets", "/admin/permission-sets"),
            new BreadcrumbItem(IsNew ? "Create" : PermissionSetId, null, disabled: true),
        ];
        if (IsNew)
        {
            _detail = null;
            Load.Clear();
            return;
        }

        await Load.TryAsync(ReloadAsync, unavailable: "The permission set could not be loaded. Try again in a moment.");
    }

    private async Task ReloadAsync()
    {
        _detail = await PermissionSets.GetAsync(PermissionSetId);
        if (_detail is null)
        {
            return;
        }

        _assignments = await Assignments.ListForPermissionSetAsync(PermissionSetId);
        _form = PermissionSetForm.From(_detail.PermissionSet);
        _breadcrumbs[^1] = new BreadcrumbItem(_detail.PermissionSet.Name, null, disabled: true);
    }

    /// <summary>Reloads after another section changed the permission set; a database failure shows above the tabs.</summary>
    private async Task ReloadWithErrorAsync() => await Actions.RefreshAsync(ReloadAsync);

    private async Task SaveAsync()
    {
        if (Busy || !Save.Check(_form.Validate(IsNew)))
        {
            return;
        }

        if (IsNew)
        {
            var input = _form.ToInput();
            if (await Save.RunAsync(async () => await PermissionSets.CreateAsync(input, await CurrentActor.GetAsync())) is { Value: { } created })
            {
                Snackbar.Add($"Permission set {created.PermissionSet.Name} created.", Severity.Success);
                Navigation.NavigateTo($"/admin/permission-sets/{Uri.EscapeDataString(created.PermissionSet.Id)}");
            }

            return;
        }

        // The whole form in one transaction: every change is saved, or (on the first refusal) none.
        var changes = _form.ToChanges();
        if (await Save.RunAsync(async () => await PermissionSets.SaveAsync(PermissionSetId, changes, await CurrentActor.GetAsync())) is not { Value: { } saved })
        {
            return;
        }

        if (saved.Operations.Count == 0)
        {
            Snackbar.Add("Nothing changed.", Severity.Info);
            return;
        }

        Snackbar.Add("Permission set saved. Accounts where it is provisioned are out of date until re-provisioned.", Severity.Success);
        await Save.RefreshAsync(ReloadAsync);
    }

    private async Task RemoveAssignmentAsync(AssignmentInfo assignment)
    {
        if (!await Dialogs.ConfirmAsync("Remove assignment", $"Remove {_detail!.PermissionSet.Name} from {assignment.PrincipalName} in {assignment.AccountName}? Their credentials for this role stop working.", "Remove"))
        {
            return;
        }

        var request = new AssignmentRequest(assignment.AccountId, assignment.PermissionSetId, assignment.PrincipalType, assignment.PrincipalId);
        if (await Actions.RunAsync(async () => await Assignments.DeleteAsync(request, await CurrentActor.GetAsync())) is not null)
        {
            Snackbar.Add("Assignment removed.", Severity.Success);
            await Actions.RefreshAsync(async () => _assignments = await Assignments.ListForPermissionSetAsync(PermissionSetId));
        }
    }

    private async Task DeleteAsync()
    {
        var name = _detail!.PermissionSet.Name;
        IReadOnlyList<AssignmentInfo> assignments = [];
        if (!await Actions.TryAsync(async () => assignments = await Assignments.ListForPermissionSetAsync(PermissionSetId)))
        {
            return;
        }

        var removeAssignments = assignments.Count > 0;
        var question = removeAssignments
            ? $"{name} is still assigned {assignments.Count} time(s) ({string.Join(", ", assignments.Take(5).Select(a => $"{a.PrincipalName} in {a.AccountName}"))}{(assignments.Count > 5 ? ", …" : "")}). Remove these assignments and delete the permission set? Its roles are removed from every account."
            : $"Delete {name}? Its roles are removed from every account.";
        if (!await Dialogs.ConfirmAsync("Delete permission set", question, removeAssignments ? "Remove assignments and delete" : "Delete"))
        {
            return;
        }

        if (await Actions.RunAsync(async () => await PermissionSets.DeleteAsync(PermissionSetId, await CurrentActor.GetAsync(), removeAssignments)) is not null)
        {
            Snackbar.Add($"Permission set {name} deleted.", Severity.Success);
            Navigation.NavigateTo("/admin/permission-sets");
        }
    }
}
