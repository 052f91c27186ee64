using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Web.Components.Admin;
using Microsoft.AspNetCore.Components;

namespace IdentityCenter.Web.Components.Pages.Admin.Assignments;

/// <summary>The logic of <c>UserEffectiveAccess.razor</c> (markup there).</summary>
public partial class UserEffectiveAccess
{
    [Inject]
    private IAssignmentService Assignments { get; set; } = default!;

    [Inject]
    private IEffectiveAccessService EffectiveAccess { get; set; } = default!;

    /// <summary>Loading the user's assignments: a progress bar meanwhile, the failure instead of the table.</summary>
    [Inject]
    private OperationState Load { get; set; } = default!;

    /// <summary>Loading the roles and policies behind them: the failure shows below the table.</summary>
    [Inject]
    private OperationState Details { get; set; } = default!;

    private IReadOnlyList<UserAssignmentInfo> _items = [];
    private IdentityCenter.Infrastructure.Access.UserEffectiveAccess? _details;

    [Parameter, EditorRequired]
    public string UserId { get; set; } = "";

    private async Task ToggleDetailsAsync()
    {
        if (_details is not null)
        {
            _details = null;
            return;
        }

        await Details.TryAsync(async () => _details = await EffectiveAccess.GetUserAccessAsync(UserId),
            unavailable: "The user's roles and policies could not be loaded. Try again in a moment.");
    }

    protected override async Task OnParametersSetAsync()
    {
        _details = null;
        Details.Clear();
        await Load.TryAsync(async () => _items = await Assignments.ListEffectiveForUserAsync(UserId),
            unavailable: "The user's access could not be loaded. Try again in a moment.");
    }
}
