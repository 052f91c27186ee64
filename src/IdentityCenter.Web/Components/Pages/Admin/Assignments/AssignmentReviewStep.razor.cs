using IdentityCenter.Core.Assignments;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Assignments;

/// <summary>
/// The review step of the assignment wizard (<c>AssignmentReviewStep.razor</c>): asks <see cref="IAssignmentService.PlanAsync"/>
/// what <see cref="Selection"/> would create, creates it in one call to <see cref="IAssignmentService.ApplyPlanAsync"/>,
/// and then shows what was created (and where provisioning failed) instead of what would be.
/// </summary>
public partial class AssignmentReviewStep
{
    private AssignmentWizardPlan? _plan;
    private AssignmentBatchResult? _results;

    [Inject]
    private IAssignmentService Assignments { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Planning and creating: busy state, the refusal and the database failure shown above the review.</summary>
    [Inject]
    private OperationState Work { get; set; } = default!;

    /// <summary>The wizard's choices.</summary>
    [Parameter, EditorRequired]
    public AssignmentSelection Selection { get; set; } = default!;

    /// <summary>Called by Back: the wizard returns to the previous step, its choices kept.</summary>
    [Parameter]
    public EventCallback Back { get; set; }

    /// <summary>Called after the assignments were created.</summary>
    [Parameter]
    public EventCallback<AssignmentBatchResult> Created { get; set; }

    /// <summary>Called by Assign more: the wizard starts again with the same accounts and permission sets.</summary>
    [Parameter]
    public EventCallback StartOver { get; set; }

    protected override async Task OnInitializedAsync() =>
        await Work.TryAsync(async () => _plan = await Assignments.PlanAsync([.. Selection.AccountIds], Selection.PrincipalKeys, [.. Selection.PermissionSetIds]));

    private async Task CreateAsync()
    {
        var result = await Work.RunAsync(async () =>
            await Assignments.ApplyPlanAsync([.. Selection.AccountIds], Selection.PrincipalKeys, [.. Selection.PermissionSetIds], await CurrentActor.GetAsync()));
        if (result?.Value is not { } created)
        {
            if (Work.Errors.Count > 0)
            {
                Work.Fail("Nothing was created: " + string.Join(" ", Work.Errors.Select(e => e.Message)));
            }

            return;
        }

        _results = created;
        var failed = created.Created.Count(c => !c.Provisioning.Succeeded);
        if (failed == 0)
        {
            Snackbar.Add($"Created {created.Created.Count} assignment(s).", Severity.Success);
        }
        else
        {
            Work.Fail($"Created {created.Created.Count} assignment(s); provisioning failed in {failed} (see the reasons in the table).");
        }

        await Created.InvokeAsync(created);
    }

    private AssignmentCreated? ResultFor(AssignmentInfo item) =>
        _results?.Created.FirstOrDefault(c => c.Assignment.AccountId == item.AccountId && c.Assignment.PermissionSetId == item.PermissionSetId
            && c.Assignment.PrincipalType == item.PrincipalType && c.Assignment.PrincipalId == item.PrincipalId);

    private static string TypeText(PrincipalType type) => type == PrincipalType.User ? "User" : "Group";
}
