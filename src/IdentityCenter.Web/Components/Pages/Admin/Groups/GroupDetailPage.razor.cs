using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Groups;

/// <summary>
/// The logic of <c>GroupDetailPage.razor</c>: loads the group and which changes the administrator may make on it
/// (<see cref="ConsoleAccess.AllowedOnAsync"/>), and deletes it through <see cref="IGroupDirectoryService"/> after a
/// confirmation, authorized again on the server first. The details form is <see cref="GroupDetailsForm"/>, the members
/// <see cref="GroupMembers"/>, each with its own <see cref="OperationState"/>; after their changes the page loads the group again.
/// </summary>
public partial class GroupDetailPage
{
    private const string Unavailable = "The group could not be loaded: the directory database did not answer. Reload the page in a moment.";

    private bool _loading = true;
    private string? _loadError;
    private GroupDetail? _group;
    private List<BreadcrumbItem> _breadcrumbs = [];
    private IReadOnlySet<string> _allowed = new HashSet<string>();

    [Inject]
    private IGroupDirectoryService Groups { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ConsoleAccess Access { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Loading the group: the first load's failure replaces the page, a reload's shows above the details.</summary>
    [Inject]
    private OperationState Load { get; set; } = default!;

    /// <summary>Deleting the group: busy state and the refusal or failure shown above the details.</summary>
    [Inject]
    private OperationState Delete { get; set; } = default!;

    [Parameter]
    public string GroupId { get; set; } = "";

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        Delete.Clear();
        if (await Load.TryAsync(async () =>
            {
                _allowed = await Access.AllowedOnAsync(null, GroupId, ConsoleActions.UpdateGroup, ConsoleActions.DeleteGroup, ConsoleActions.CreateGroupMembership, ConsoleActions.DeleteGroupMembership);
                await LoadGroupAsync();
            }, Unavailable))
        {
            _loadError = null;
        }
        else if (Load.Failure is { } failure)
        {
            _group = null;
            _loadError = failure;
        }

        _loading = false;
    }

    private async Task LoadGroupAsync()
    {
        _group = await Groups.GetGroupAsync(GroupId);
        _breadcrumbs =
        [
            new BreadcrumbItem("Groups", "/admin/groups"),
            new BreadcrumbItem(_group?.DisplayName ?? "Not found", null, disabled: true),
        ];
    }

    /// <summary>After a section's change: the group's new state, or (when the database does not answer) that it is not shown yet.</summary>
    private async Task ReloadAsync() => await Load.RefreshAsync(LoadGroupAsync);

    private async Task DeleteAsync()
    {
        var group = _group!;
        if (!await Dialogs.ConfirmAsync("Delete group", $"Delete the group {group.DisplayName}? Its {group.MemberCount} membership(s) are removed; the users stay. This cannot be undone.", "Delete group"))
        {
            return;
        }

        if (await Delete.RunAsync(async () => await Access.RefusalAsync(ConsoleActions.DeleteGroup, groupId: GroupId)
                ?? await Groups.DeleteGroupAsync(GroupId, await CurrentActor.GetAsync())) is not null)
        {
            Snackbar.Add($"Group {group.DisplayName} deleted.", Severity.Success);
            Navigation.NavigateTo("/admin/groups");
        }
    }
}
