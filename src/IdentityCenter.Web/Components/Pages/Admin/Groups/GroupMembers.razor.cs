using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Groups;

/// <summary>
/// The logic of <c>GroupMembers.razor</c>: pages through the members with <see cref="IGroupDirectoryService.ListMembersAsync"/>
/// (search and paging on the server), and removes one through <see cref="IGroupDirectoryService.RemoveMemberAsync"/> after a
/// confirmation, once the authorizer allows it again on the server. A refusal or failure shows above the members; after
/// a change the list reloads and <see cref="Changed"/> lets the page load the group's new member count.
/// </summary>
public partial class GroupMembers
{
    private static readonly int[] PageSizes = [10, 25, 50, 100];

    private MudDataGrid<GroupMember>? _grid;
    private string? _search;

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

    /// <summary>Removing a member: busy state and the refusal or failure shown above the members.</summary>
    [Inject]
    private OperationState Change { get; set; } = default!;

    /// <summary>The group whose members these are (its <see cref="GroupDetail.MemberCount"/> heads the list).</summary>
    [Parameter, EditorRequired]
    public GroupDetail Group { get; set; } = default!;

    /// <summary>
    /// The console actions the page found the administrator may perform on this group: adding needs
    /// <see cref="ConsoleActions.CreateGroupMembership"/>, removing <see cref="ConsoleActions.DeleteGroupMembership"/>.
    /// </summary>
    [Parameter]
    public IReadOnlySet<string> Allowed { get; set; } = new HashSet<string>();

    /// <summary>Called after members were added or removed.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    private bool Can(string action) => Allowed.Contains(action);

    private static string UserLink(GroupMember member) => $"/admin/users/{Uri.EscapeDataString(member.UserId)}";

    private async Task<GridData<GroupMember>> LoadAsync(GridState<GroupMember> state, CancellationToken cancellationToken)
    {
        var search = string.IsNullOrWhiteSpace(_search) ? null : _search.Trim();
        var page = await Groups.ListMembersAsync(Group.Id, search, state.Page, state.PageSize, cancellationToken);
        return new GridData<GroupMember> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task OnSearchChangedAsync(string? value)
    {
        _search = value;
        await ReloadAsync();
    }

    /// <summary>Shows the first page again (a new search or a change of the members).</summary>
    private async Task ReloadAsync()
    {
        if (_grid is null)
        {
            return;
        }

        if (_grid.CurrentPage != 0)
        {
            _grid.NavigateTo(Page.First);
        }
        else
        {
            await _grid.ReloadServerData();
        }
    }

    private async Task OnAddedAsync()
    {
        await ReloadAsync();
        await Changed.InvokeAsync();
    }

    private async Task RemoveAsync(GroupMember member)
    {
        var group = Group;
        if (!await Dialogs.ConfirmAsync("Remove member", $"Remove {member.UserName} from {group.DisplayName}?", "Remove"))
        {
            return;
        }

        if (await Change.RunAsync(async () => await Access.RefusalAsync(ConsoleActions.DeleteGroupMembership, member.UserId, group.Id)
                ?? await Groups.RemoveMemberAsync(group.Id, member.UserId, await CurrentActor.GetAsync())) is not null)
        {
            Snackbar.Add($"{member.UserName} removed from {group.DisplayName}.", Severity.Success);
            await ReloadAsync();
            await Changed.InvokeAsync();
        }
    }
}
