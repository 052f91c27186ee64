using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Groups;

/// <summary>
/// The logic of <c>GroupDetailPage.razor</c>: the group's details form, its members (searched, added, removed) and its
/// deletion through <see cref="IGroupDirectoryService"/>, each change authorized again on the server first. One
/// <see cref="OperationState"/> (<c>Change</c>) holds the busy state and errors: the form's next to its fields, others above.
/// </summary>
public partial class GroupDetailPage
{
    private static readonly int[] PageSizes = [10, 25, 50, 100];

    [Parameter]
    public string GroupId { get; set; } = "";

    private bool _loading = true;
    private GroupDetail? _group;
    private string? _name;
    private string? _description;
    private static readonly string[] FormFields = ["DisplayName", "Description"];
    private string? _loadError;
    private List<BreadcrumbItem> _breadcrumbs = [];
    private MudDataGrid<GroupMember>? _members;
    private MudAutocomplete<MemberCandidate>? _autocomplete;
    private MemberCandidate? _candidate;
    private readonly List<MemberCandidate> _pending = [];
    private string? _memberSearch;
    private int _memberCount;
    private IReadOnlySet<string> _allowed = new HashSet<string>();

    private bool Can(string action) => _allowed.Contains(action);

    /// <summary>Asks the authorizer again on the server before a change: null when it allows <paramref name="iamAction"/>, else the refusal with the evaluator's reason.</summary>
    private async Task<OperationResult?> RefusalAsync(string iamAction, string? userId = null)
    {
        var decision = await Access.AuthorizeAsync(iamAction, userId: userId, groupId: GroupId);
        return decision.IsAllowed ? null : OperationResult.Forbidden(decision.AccessDeniedMessage);
    }

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _pending.Clear();
        Change.Clear();
        try
        {
            _allowed = await Access.AllowedOnAsync(null, GroupId, ConsoleActions.UpdateGroup, ConsoleActions.DeleteGroup, ConsoleActions.CreateGroupMembership, ConsoleActions.DeleteGroupMembership);
            await LoadGroupAsync(resetForm: true);
            _loadError = null;
        }
        catch (Exception ex) when (AdminErrors.IsInfrastructure(ex))
        {
            _group = null;
            _loadError = "The group could not be loaded: the directory database did not answer. Reload the page in a moment.";
        }

        _loading = false;
    }

    private async Task LoadGroupAsync(bool resetForm)
    {
        _group = await Groups.GetGroupAsync(GroupId);
        _breadcrumbs =
        [
            new BreadcrumbItem("Groups", "/admin/groups"),
            new BreadcrumbItem(_group?.DisplayName ?? "Not found", null, disabled: true),
        ];
        if (_group is not null && resetForm)
        {
            _name = _group.DisplayName;
            _description = _group.Description;
        }
    }

    private async Task<GridData<GroupMember>> LoadMembersAsync(GridState<GroupMember> state, CancellationToken cancellationToken)
    {
        var search = string.IsNullOrWhiteSpace(_memberSearch) ? null : _memberSearch.Trim();
        var page = await Groups.ListMembersAsync(GroupId, search, state.Page, state.PageSize, cancellationToken);
        if (search is null && _memberCount != page.TotalCount)
        {
            _memberCount = page.TotalCount;
            StateHasChanged();
        }

        return new GridData<GroupMember> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task OnMemberSearchChangedAsync(string? value)
    {
        _memberSearch = value;
        await ReloadMembersAsync();
    }

    private async Task ReloadMembersAsync()
    {
        if (_members is null)
        {
            return;
        }

        if (_members.CurrentPage != 0)
        {
            _members.NavigateTo(Page.First);
        }
        else
        {
            await _members.ReloadServerData();
        }
    }

    private async Task<IEnumerable<MemberCandidate>> SearchCandidatesAsync(string? text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var hits = await Groups.SearchCandidatesAsync(GroupId, text.Trim(), 20, cancellationToken);
        return hits.Where(h => _pending.All(p => p.UserId != h.UserId));
    }

    private async Task OnCandidateChosenAsync(MemberCandidate? candidate)
    {
        _candidate = null;
        if (candidate is not null && !candidate.IsMember && _pending.All(p => p.UserId != candidate.UserId))
        {
            _pending.Add(candidate);
        }

        if (_autocomplete is not null)
        {
            await _autocomplete.ClearAsync();
        }
    }

    private async Task AddPendingAsync()
    {
        if (Change.Busy || _pending.Count == 0)
        {
            return;
        }

        var names = string.Join(", ", _pending.Select(p => p.UserName));
        var result = await Change.RunAsync(async () =>
        {
            foreach (var candidate in _pending)
            {
                if (await RefusalAsync(ConsoleActions.CreateGroupMembership, candidate.UserId) is { } refusal)
                {
                    return refusal;
                }
            }

            return await Groups.AddMembersAsync(GroupId, _pending.Select(p => p.UserId).ToList(), await CurrentActor.GetAsync());
        });
        if (result is not null)
        {
            Snackbar.Add($"Added to {_group!.DisplayName}: {names}.", Severity.Success);
            _pending.Clear();
            await ReloadMembersAsync();
        }
    }

    private async Task RemoveAsync(GroupMember member)
    {
        if (!await Dialogs.ConfirmAsync("Remove member", $"Remove {member.UserName} from {_group!.DisplayName}?", "Remove"))
        {
            return;
        }

        if (await Change.RunAsync(async () => await RefusalAsync(ConsoleActions.DeleteGroupMembership, member.UserId)
                ?? await Groups.RemoveMemberAsync(GroupId, member.UserId, await CurrentActor.GetAsync())) is not null)
        {
            Snackbar.Add($"{member.UserName} removed from {_group.DisplayName}.", Severity.Success);
            await ReloadMembersAsync();
        }
    }

    private async Task SaveAsync()
    {
        var input = new GroupInput(_name?.Trim() ?? "", string.IsNullOrWhiteSpace(_description) ? null : _description.Trim());
        if (Change.Busy || !Change.Check(DirectoryNames.ValidateGroupName(input.DisplayName)))
        {
            return;
        }

        if (await Change.RunAsync(async () => await RefusalAsync(ConsoleActions.UpdateGroup)
                ?? await Groups.UpdateGroupAsync(GroupId, input, await CurrentActor.GetAsync())) is not null)
        {
            Snackbar.Add("Group saved.", Severity.Success);
            await Change.RefreshAsync(() => LoadGroupAsync(resetForm: true));
        }
    }

    private async Task DeleteAsync()
    {
        if (!await Dialogs.ConfirmAsync("Delete group", $"Delete the group {_group!.DisplayName}? Its {_memberCount} membership(s) are removed; the users stay. This cannot be undone.", "Delete group"))
        {
            return;
        }

        if (await Change.RunAsync(async () => await RefusalAsync(ConsoleActions.DeleteGroup)
                ?? await Groups.DeleteGroupAsync(GroupId, await CurrentActor.GetAsync())) is not null)
        {
            Snackbar.Add($"Group {_group.DisplayName} deleted.", Severity.Success);
            Navigation.NavigateTo("/admin/groups");
        }
    }
}
