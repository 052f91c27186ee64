using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Groups;

/// <summary>
/// The logic of <c>GroupDetailsForm.razor</c>: checks the name with the validator the service runs
/// (<see cref="DirectoryNames.ValidateGroupName"/>), then saves through <see cref="IGroupDirectoryService.UpdateGroupAsync"/>
/// once the authorizer allows it again on the server. Errors show next to their fields, the others above the form; a
/// reload of the group by the page keeps what the administrator is typing.
/// </summary>
public partial class GroupDetailsForm
{
    /// <summary>The form's fields, whose errors show next to them (the others above the form).</summary>
    private static readonly string[] FormFields = ["DisplayName", "Description"];

    private GroupDetail? _shown;
    private string? _name;
    private string? _description;

    [Inject]
    private IGroupDirectoryService Groups { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ConsoleAccess Access { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Checking and saving the form: busy state, errors next to the fields (the others above the form).</summary>
    [Inject]
    private OperationState Save { get; set; } = default!;

    /// <summary>The group shown; a new value (the page reloaded it) replaces the form's values unless they are being edited.</summary>
    [Parameter, EditorRequired]
    public GroupDetail Group { get; set; } = default!;

    /// <summary>The console actions the page found the administrator may perform on this group: saving needs <see cref="ConsoleActions.UpdateGroup"/>.</summary>
    [Parameter]
    public IReadOnlySet<string> Allowed { get; set; } = new HashSet<string>();

    /// <summary>Called after the group was saved.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    private bool CanSave => Allowed.Contains(ConsoleActions.UpdateGroup);

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(Group, _shown))
        {
            return;
        }

        // Keep what the administrator is typing when the page reloads the same group (e.g. after a member was added).
        var edited = _shown is not null && (_name, _description) != (_shown.DisplayName, _shown.Description);
        if (_shown?.Id != Group.Id || !edited)
        {
            Fill(Group);
        }

        if (_shown?.Id != Group.Id)
        {
            Save.Clear();
        }

        _shown = Group;
    }

    private void Fill(GroupDetail group) => (_name, _description) = (group.DisplayName, group.Description);

    private async Task SaveAsync()
    {
        var groupId = Group.Id;
        var input = new GroupInput(_name?.Trim() ?? "", string.IsNullOrWhiteSpace(_description) ? null : _description.Trim());
        if (Save.Busy || !Save.Check(DirectoryNames.ValidateGroupName(input.DisplayName)))
        {
            return;
        }

        if (await Save.RunAsync(async () => (await Access.RefusalAsync(ConsoleActions.UpdateGroup, groupId: groupId))?.As<GroupDetail>()
                ?? await Groups.UpdateGroupAsync(groupId, input, await CurrentActor.GetAsync())) is { Value: { } saved })
        {
            // The form shows what was saved (trimmed); the page's reload then finds it unedited.
            Fill(saved);
            _shown = saved;
            Snackbar.Add("Group saved.", Severity.Success);
            await Changed.InvokeAsync();
        }
    }
}
