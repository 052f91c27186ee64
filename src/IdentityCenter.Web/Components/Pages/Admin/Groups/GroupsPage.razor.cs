using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Groups;

/// <summary>The logic of <c>GroupsPage.razor</c> (markup there).</summary>
public partial class GroupsPage
{
    /// <summary>The grid's reads: overlapping (search as you type), the newest answer kept, the database failing shown above the grid.</summary>
    [Inject]
    private OperationState Read { get; set; } = default!;

    [Inject]
    private IGroupDirectoryService Groups { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ConsoleAccess Access { get; set; } = default!;

    private bool _canCreate;

    protected override async Task OnInitializedAsync() =>
        _canCreate = (await Access.AllowedAsync(ConsoleActions.CreateGroup)).Contains(ConsoleActions.CreateGroup);

    private static readonly int[] PageSizes = [10, 25, 50, 100];

    private MudDataGrid<GroupSummary> _grid = default!;
    private string? _search;

    private async Task<GridData<GroupSummary>> LoadAsync(GridState<GroupSummary> state, CancellationToken cancellationToken)
    {
        var descending = state.SortDefinitions.FirstOrDefault() is { Descending: true };
        var query = new GroupQuery(string.IsNullOrWhiteSpace(_search) ? null : _search.Trim(), descending, state.Page, state.PageSize);
        GridData<GroupSummary> none = new() { Items = [], TotalItems = 0 };
        return await Read.ReadAsync(async () =>
        {
            var page = await Groups.ListGroupsAsync(query, cancellationToken);
            return new GridData<GroupSummary> { Items = page.Items, TotalItems = page.TotalCount };
        }, none, "The groups could not be loaded. Try again in a moment.", StateHasChanged);
    }

    private async Task OnSearchChangedAsync(string? value)
    {
        _search = value;
        if (_grid.CurrentPage != 0)
        {
            _grid.NavigateTo(Page.First);
        }
        else
        {
            await _grid.ReloadServerData();
        }
    }

    private async Task CreateGroupAsync()
    {
        var reference = await Dialogs.ShowAsync<CreateGroupDialog>("Create group", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await reference.Result;
        if (result is { Canceled: false })
        {
            await _grid.ReloadServerData();
        }
    }
}
