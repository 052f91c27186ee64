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
    private string? _loadError;

    private async Task<GridData<GroupSummary>> LoadAsync(GridState<GroupSummary> state, CancellationToken cancellationToken)
    {
        var descending = state.SortDefinitions.FirstOrDefault() is { Descending: true };
        var query = new GroupQuery(string.IsNullOrWhiteSpace(_search) ? null : _search.Trim(), descending, state.Page, state.PageSize);
        try
        {
            var page = await Groups.ListGroupsAsync(query, cancellationToken);
            _loadError = null;
            return new GridData<GroupSummary> { Items = page.Items, TotalItems = page.TotalCount };
        }
        catch (OperationCanceledException)
        {
            return new GridData<GroupSummary> { Items = [], TotalItems = 0 };
        }
        catch (Exception ex) when (AdminErrors.IsInfrastructure(ex))
        {
            _loadError = "The groups could not be loaded. Try again in a moment.";
            return new GridData<GroupSummary> { Items = [], TotalItems = 0 };
        }
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
