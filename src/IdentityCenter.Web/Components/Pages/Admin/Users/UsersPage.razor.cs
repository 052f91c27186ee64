using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Users;

/// <summary>The logic of <c>UsersPage.razor</c> (markup there).</summary>
public partial class UsersPage
{
    /// <summary>The grid's reads: overlapping (search as you type), the newest answer kept, the database failing shown above the grid.</summary>
    [Inject]
    private OperationState Read { get; set; } = default!;

    [Inject]
    private IUserDirectoryService Users { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ConsoleAccess Access { get; set; } = default!;

    private static readonly int[] PageSizes = [10, 25, 50, 100];

    private MudDataGrid<UserSummary> _grid = default!;
    private string? _search;
    private UserStatusFilter _status = UserStatusFilter.All;
    private bool _canCreate;

    protected override async Task OnInitializedAsync() =>
        _canCreate = (await Access.AllowedAsync(ConsoleActions.CreateUser)).Contains(ConsoleActions.CreateUser);

    private async Task<GridData<UserSummary>> LoadAsync(GridState<UserSummary> state, CancellationToken cancellationToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var sortBy = sort?.SortBy switch
        {
            nameof(UserSummary.DisplayName) => UserSortField.DisplayName,
            nameof(UserSummary.Email) => UserSortField.Email,
            nameof(UserSummary.CreatedAt) => UserSortField.CreatedAt,
            nameof(UserSummary.Enabled) => UserSortField.Status,
            _ => UserSortField.UserName,
        };
        var query = new UserQuery(
            string.IsNullOrWhiteSpace(_search) ? null : _search.Trim(),
            _status,
            sortBy,
            sort?.Descending ?? false,
            state.Page,
            state.PageSize);
        GridData<UserSummary> none = new() { Items = [], TotalItems = 0 };
        return await Read.ReadAsync(async () =>
        {
            var page = await Users.ListUsersAsync(query, cancellationToken);
            return new GridData<UserSummary> { Items = page.Items, TotalItems = page.TotalCount };
        }, none, "The users could not be loaded. Try again in a moment.", StateHasChanged);
    }

    private async Task OnSearchChangedAsync(string? value)
    {
        _search = value;
        await ReloadFromFirstPageAsync();
    }

    private async Task OnStatusChangedAsync(UserStatusFilter value)
    {
        _status = value;
        await ReloadFromFirstPageAsync();
    }

    private async Task ReloadFromFirstPageAsync()
    {
        if (_grid.CurrentPage != 0)
        {
            _grid.NavigateTo(Page.First);
        }
        else
        {
            await _grid.ReloadServerData();
        }
    }

    private async Task CreateUserAsync()
    {
        var reference = await Dialogs.ShowAsync<CreateUserDialog>("Create user", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = false, BackdropClick = false });
        var result = await reference.Result;
        if (result is { Canceled: false })
        {
            await _grid.ReloadServerData();
        }
    }
}
