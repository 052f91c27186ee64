using IdentityCenter.Core.Assignments;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Assignments;

/// <summary>The logic of <c>AssignmentWizard.razor</c> (markup there).</summary>
public partial class AssignmentWizard
{
    private static readonly string[] StepTitles = ["Select AWS accounts", "Select users and groups", "Select permission sets", "Review and submit"];

    private sealed record ChosenPrincipal(PrincipalType Type, string Id, string Name);

    private static readonly List<BreadcrumbItem> Breadcrumbs =
    [
        new("Permission sets", "/admin/permission-sets"),
        new("Assign users and groups", null, disabled: true),
    ];

    /// <summary>Preselects an account (from the account's assignments page).</summary>
    [SupplyParameterFromQuery(Name = "accountId")]
    public string? AccountId { get; set; }

    /// <summary>Preselects a permission set (from the permission set page).</summary>
    [SupplyParameterFromQuery(Name = "permissionSetId")]
    public string? PermissionSetId { get; set; }

    private int _step;
    private string? _loadError;
    private string? _stepError;
    private IReadOnlyList<AccountInfo> _accounts = [];
    private IReadOnlyList<PermissionSetSummary> _permissionSets = [];
    private readonly HashSet<string> _accountIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _permissionSetIds = new(StringComparer.Ordinal);
    private readonly List<ChosenPrincipal> _principals = [];
    private string? _accountFilter;
    private string? _userSearch;
    private string? _groupSearch;
    private IReadOnlyList<UserSummary> _userHits = [];
    private IReadOnlyList<GroupSummary> _groupHits = [];
    private AssignmentWizardPlan? _plan;
    private AssignmentBatchResult? _results;

    private double Progress => _results is not null ? 100 : _step * 100.0 / StepTitles.Length;

    private IEnumerable<AccountInfo> FilteredAccounts => string.IsNullOrWhiteSpace(_accountFilter)
        ? _accounts
        : _accounts.Where(a => a.Name.Contains(_accountFilter, StringComparison.OrdinalIgnoreCase) || a.Id.Contains(_accountFilter.Trim(), StringComparison.Ordinal));

    protected override async Task OnInitializedAsync()
    {
        try
        {
            _accounts = await Organization.ListAccountsAsync();
            _permissionSets = await PermissionSets.ListAsync();
            if (AccountId is not null && _accounts.Any(a => a.Id == AccountId))
            {
                _accountIds.Add(AccountId);
            }

            if (PermissionSetId is not null && _permissionSets.Any(p => p.Id == PermissionSetId))
            {
                _permissionSetIds.Add(PermissionSetId);
            }
        }
        catch (Exception ex) when (AdminErrors.IsInfrastructure(ex))
        {
            _loadError = "The accounts and permission sets could not be loaded. Try again in a moment.";
        }
    }

    private static void Toggle(HashSet<string> set, string id, bool on)
    {
        if (on)
        {
            set.Add(id);
        }
        else
        {
            set.Remove(id);
        }
    }

    private bool IsChosen(PrincipalType type, string id) => _principals.Exists(p => p.Type == type && p.Id == id);

    private void Choose(PrincipalType type, string id, string name)
    {
        if (!IsChosen(type, id))
        {
            _principals.Add(new ChosenPrincipal(type, id, name));
        }
    }

    private async Task SearchUsersAsync(string? search)
    {
        _userSearch = search;
        try
        {
            _userHits = string.IsNullOrWhiteSpace(search) ? [] : (await Users.ListUsersAsync(new UserQuery(search.Trim(), PageSize: 20))).Items;
        }
        catch (Exception ex) when (AdminErrors.IsInfrastructure(ex))
        {
            _stepError = "The user search did not answer. Try again in a moment.";
        }
    }

    private async Task SearchGroupsAsync(string? search)
    {
        _groupSearch = search;
        try
        {
            _groupHits = string.IsNullOrWhiteSpace(search) ? [] : (await Groups.ListGroupsAsync(new GroupQuery(search.Trim(), PageSize: 20))).Items;
        }
        catch (Exception ex) when (AdminErrors.IsInfrastructure(ex))
        {
            _stepError = "The group search did not answer. Try again in a moment.";
        }
    }

    private void Back()
    {
        _stepError = null;
        Work.Clear();
        _plan = null;
        _step = Math.Max(0, _step - 1);
    }

    private async Task NextAsync()
    {
        _stepError = _step switch
        {
            0 when _accountIds.Count == 0 => "Select at least one account.",
            1 when _principals.Count == 0 => "Add at least one user or group.",
            2 when _permissionSetIds.Count == 0 => "Select at least one permission set.",
            _ => null,
        };
        if (_stepError is not null)
        {
            return;
        }

        _step++;
        if (_step == 3)
        {
            await PlanAsync();
        }
    }

    private List<(PrincipalType Type, string Id)> Principals() => [.. _principals.Select(p => (p.Type, p.Id))];

    private async Task PlanAsync() =>
        await Work.TryAsync(async () => _plan = await Assignments.PlanAsync(_accountIds.ToList(), Principals(), _permissionSetIds.ToList()));

    private async Task CreateAsync()
    {
        var result = await Work.RunAsync(async () =>
            await Assignments.ApplyPlanAsync(_accountIds.ToList(), Principals(), _permissionSetIds.ToList(), await CurrentActor.GetAsync()));
        if (result?.Value is not { } created)
        {
            if (Work.Errors.Count > 0)
            {
                Work.Fail("Nothing was created: " + string.Join(" ", Work.Errors.Select(e => e.Message)));
            }

            return;
        }

        _results = created;
        var failed = created.Created.Count(c => !c.Provisioning.Succeeded);
        if (failed == 0)
        {
            Snackbar.Add($"Created {created.Created.Count} assignment(s).", Severity.Success);
        }
        else
        {
            Work.Fail($"Created {created.Created.Count} assignment(s); provisioning failed in {failed} (see the reasons in the table).");
        }
    }

    private AssignmentCreated? ResultFor(AssignmentInfo item) =>
        _results?.Created.FirstOrDefault(c => c.Assignment.AccountId == item.AccountId && c.Assignment.PermissionSetId == item.PermissionSetId
            && c.Assignment.PrincipalType == item.PrincipalType && c.Assignment.PrincipalId == item.PrincipalId);

    private void StartOver()
    {
        _results = null;
        _plan = null;
        _principals.Clear();
        _step = 1;
    }
}
