using IdentityCenter.Infrastructure.Access;
using Microsoft.AspNetCore.Components;

namespace IdentityCenter.Web.Components.Pages.Admin.Assignments;

/// <summary>The permission sets step of the assignment wizard (<c>AssignmentPermissionSetsStep.razor</c>); ticks them in <see cref="Selection"/>.</summary>
public partial class AssignmentPermissionSetsStep
{
    /// <summary>The wizard's choices, edited in place.</summary>
    [Parameter, EditorRequired]
    public AssignmentSelection Selection { get; set; } = default!;

    /// <summary>The instance's permission sets.</summary>
    [Parameter]
    public IReadOnlyList<PermissionSetSummary> PermissionSets { get; set; } = [];
}
