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

    private bool _loading = true;
    private string? _loadError;
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

        try
        {
            _details = await EffectiveAccess.GetUserAccessAsync(UserId);
        }
        catch (Exception ex) when (AdminErrors.IsInfrastructure(ex))
        {
            _loadError = "The user's roles and policies could not be loaded. Try again in a moment.";
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _details = null;
        try
        {
            _items = await Assignments.ListEffectiveForUserAsync(UserId);
            _loadError = null;
        }
        catch (Exception ex) when (AdminErrors.IsInfrastructure(ex))
        {
            _loadError = "The user's access could not be loaded. Try again in a moment.";
        }
        finally
        {
            _loading = false;
        }
    }
}
