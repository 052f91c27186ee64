using IdentityCenter.Core.Assignments;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Components.Admin;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Access;

/// <summary>The logic of <c>EffectiveAccessMatrixPage.razor</c> (markup there).</summary>
public partial class EffectiveAccessMatrixPage
{
    [Inject]
    private IEffectiveAccessService EffectiveAccess { get; set; } = default!;

    [Inject]
    private IOrganizationService Organization { get; set; } = default!;

    [Inject]
    private IPermissionSetService PermissionSets { get; set; } = default!;

    /// <summary>Loading the accounts and permission sets the filters offer: the failure shows above the table.</summary>
    [Inject]
    private OperationState Load { get; set; } = default!;

    /// <summary>Reading a page of the matrix: the failure shows above the table.</summary>
    [Inject]
    private OperationState Matrix { get; set; } = default!;

    private MudTable<MatrixRow> _table = default!;
    private PrincipalType _rowType = PrincipalType.User;
    private string? _search;
    private List<string> _accountIds = [];
    private List<string> _permissionSetIds = [];
    private bool _onlyWithAccess = true;
    private IReadOnlyList<AccountInfo> _accounts = [];
    private IReadOnlyList<PermissionSetSummary> _permissionSets = [];
    private IReadOnlyList<string> _columns = [];
    private IReadOnlyDictionary<string, string> _accountNames = new Dictionary<string, string>();

    protected override async Task OnInitializedAsync() =>
        await Load.TryAsync(async () =>
        {
            _accounts = await Organization.ListAccountsAsync();
            _permissionSets = await PermissionSets.ListAsync();
        }, unavailable: "The filters could not be loaded. Try again in a moment.");

    private async Task<TableData<MatrixRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var query = new MatrixQuery
        {
            RowType = _rowType,
            PrincipalSearch = string.IsNullOrWhiteSpace(_search) ? null : _search.Trim(),
            AccountIds = _accountIds.Count == 0 ? null : _accountIds.ToList(),
            PermissionSetIds = _permissionSetIds.Count == 0 ? null : _permissionSetIds.ToList(),
            OnlyWithAccess = _onlyWithAccess,
            Skip = state.Page * state.PageSize,
            Take = state.PageSize,
        };
        TableData<MatrixRow> none = new() { Items = [], TotalItems = 0 };
        var shown = Matrix.Failure;
        try
        {
            return await Matrix.ReadAsync(async () =>
            {
                var result = await EffectiveAccess.GetMatrixAsync(query, cancellationToken);
                _columns = result.Page.AccountIds;
                _accountNames = result.AccountNames;
                return new TableData<MatrixRow> { Items = result.Page.Rows, TotalItems = result.Page.TotalRows };
            }, none, "The matrix could not be loaded. Try again in a moment.");
        }
        catch (OperationCanceledException)
        {
            // A newer request replaced this one; the table shows that one's answer.
            return none;
        }
        finally
        {
            // The table renders itself after a read; the failure's alert is the page's.
            if (!string.Equals(shown, Matrix.Failure, StringComparison.Ordinal))
            {
                StateHasChanged();
            }
        }
    }

    private Task ReloadAsync() => _table.ReloadServerData();

    private async Task OnRowTypeChangedAsync(PrincipalType value)
    {
        _rowType = value;
        await ReloadAsync();
    }

    private async Task OnSearchChangedAsync(string? value)
    {
        _search = value;
        await ReloadAsync();
    }

    private async Task OnAccountsChangedAsync(IEnumerable<string?>? values)
    {
        _accountIds = (values ?? []).OfType<string>().ToList();
        await ReloadAsync();
    }

    private async Task OnPermissionSetsChangedAsync(IEnumerable<string?>? values)
    {
        _permissionSetIds = (values ?? []).OfType<string>().ToList();
        await ReloadAsync();
    }

    private async Task OnOnlyWithAccessChangedAsync(bool value)
    {
        _onlyWithAccess = value;
        await ReloadAsync();
    }
}
