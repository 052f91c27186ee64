using IdentityCenter.Core;
using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Catalog;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Simulator;

/// <summary>The logic of <c>SimulatorPage.razor</c> (markup there).</summary>
public partial class SimulatorPage
{
    [Inject]
    private IPolicySimulator Simulator { get; set; } = default!;

    [Inject]
    private IOrganizationService Organization { get; set; } = default!;

    [Inject]
    private IPermissionSetService PermissionSets { get; set; } = default!;

    [Inject]
    private IUserDirectoryService Users { get; set; } = default!;

    /// <summary>Running a simulation: busy state, the request's errors next to their fields, the others above the button.</summary>
    [Inject]
    private OperationState Run { get; set; } = default!;

    /// <summary>Loading the accounts, permission sets and the user asked for: the failure shows above the tabs.</summary>
    [Inject]
    private OperationState Load { get; set; } = default!;

    private sealed class ContextRow
    {
        public bool IsPrincipalTag { get; set; }

        public string? Key { get; set; }

        public string? Value { get; set; }
    }

    private static readonly string[] KnownFields = ["UserId", "PermissionSetId", "AccountId", "Actions", "Resources", "At", "PrincipalArn"];

    [SupplyParameterFromQuery(Name = "userId")]
    public string? UserId { get; set; }

    private int _tab;
    private bool _byUser = true;
    private UserSummary? _user;
    private string? _permissionSetId;
    private string? _accountId;
    private IReadOnlyList<AccountInfo> _accounts = [];
    private IReadOnlyList<PermissionSetSummary> _permissionSets = [];
    private bool _withResourcePolicy;
    private string? _resourcePolicy;
    private string? _resourceAccount;
    private string? _actions;
    private string? _actionToAdd;
    private string? _resources = "*";
    private string? _sourceIp;
    private string? _region;
    private bool _mfa = true;
    private string? _time;
    private readonly List<ContextRow> _rows = [];
    private readonly List<string> _identityPolicies = [""];
    private readonly List<string> _scpLevels = [""];
    private string? _rcp;
    private string? _freeResourcePolicy;
    private string? _boundary;
    private string? _sessionPolicy;
    private string? _principalArn = CustomSimulationRequest.DefaultPrincipalArn;
    private SimulationResult? _result;

    /// <summary>The errors, those of no field on the form naming the part of the request they are about (e.g. a policy of free mode).</summary>
    private IReadOnlyList<FieldError> ShownErrors => Run.Errors
        .Select(e => KnownFields.Contains(e.Field) || e.Field.Length == 0 ? e : e with { Message = $"{e.Field}: {e.Message}" })
        .ToList();

    protected override async Task OnInitializedAsync() =>
        await Load.TryAsync(async () =>
        {
            _accounts = await Organization.ListAccountsAsync();
            _permissionSets = await PermissionSets.ListAsync();
            if (!string.IsNullOrEmpty(UserId) && await Users.GetUserAsync(UserId) is { } user)
            {
                _user = new UserSummary(user.Id, user.UserName, user.DisplayName, user.Email, user.Enabled, user.CreatedAt, user.LastSignInAt);
            }
        }, unavailable: "The accounts and permission sets could not be loaded; free mode still works.");

    private async Task<IEnumerable<UserSummary>> SearchUsersAsync(string? search, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return [];
        }

        try
        {
            return (await Users.ListUsersAsync(new UserQuery(search.Trim(), PageSize: 20), cancellationToken)).Items;
        }
        catch (Exception ex) when (AdminErrors.IsInfrastructure(ex) || ex is OperationCanceledException)
        {
            return [];
        }
    }

    private static Task<IEnumerable<string>> SearchActionsAsync(string? typed, CancellationToken cancellationToken)
    {
        IEnumerable<string> hits = string.IsNullOrWhiteSpace(typed) ? [] : ServiceAuthorizationCatalog.Default.CompleteActions(typed.Trim(), 30);
        return Task.FromResult(hits);
    }

    private void AddAction(string? action)
    {
        _actionToAdd = null;
        if (!string.IsNullOrWhiteSpace(action) && !action.EndsWith(':'))
        {
            _actions = string.IsNullOrWhiteSpace(_actions) ? action : _actions.TrimEnd() + "\n" + action;
        }
    }

    private static List<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    /// <summary>The condition-key rows and fields as request keys (in free mode, principal-tag rows are the session's tags instead).</summary>
    private Dictionary<string, IReadOnlyList<string>>? Context()
    {
        var context = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(_sourceIp))
        {
            context["aws:SourceIp"] = [_sourceIp.Trim()];
        }

        if (!string.IsNullOrWhiteSpace(_region))
        {
            context["aws:RequestedRegion"] = [_region.Trim()];
        }

        foreach (var row in _rows.Where(r => !string.IsNullOrWhiteSpace(r.Key) && !r.IsPrincipalTag))
        {
            context[row.Key!.Trim()] = (row.Value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        }

        return context.Count == 0 ? null : context;
    }

    private Dictionary<string, string>? PrincipalTags()
    {
        var tags = _rows.Where(r => r.IsPrincipalTag && !string.IsNullOrWhiteSpace(r.Key))
            .GroupBy(r => r.Key!.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (g.Last().Value ?? "").Trim(), StringComparer.OrdinalIgnoreCase);
        return tags.Count == 0 ? null : tags;
    }

    private DateTimeOffset? At(List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(_time))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(_time.Trim(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        errors.Add(new FieldError("At", $"'{_time}' is not a date and time; use ISO 8601 such as 2026-06-01T12:00:00Z."));
        return null;
    }

    private async Task RunAsync()
    {
        var errors = new List<FieldError>();
        var actions = Lines(_actions);
        var resources = Lines(_resources);
        if (actions.Count == 0)
        {
            errors.Add(new FieldError("Actions", "Enter at least one action, e.g. s3:GetObject."));
        }

        if (resources.Count == 0)
        {
            errors.Add(new FieldError("Resources", "Enter at least one resource ARN, or * for any resource."));
        }

        var context = Context();
        var at = At(errors);
        var freeMode = _tab == 1;
        var administrationMode = _tab == 2;
        if (administrationMode)
        {
            if (_user is null)
            {
                errors.Add(new FieldError("UserId", "Choose the administrator to simulate."));
            }
        }
        else if (!freeMode)
        {
            if (_byUser && _user is null)
            {
                errors.Add(new FieldError("UserId", "Choose the user to simulate."));
            }

            if (!_byUser && string.IsNullOrEmpty(_permissionSetId))
            {
                errors.Add(new FieldError("PermissionSetId", "Choose the permission set to simulate."));
            }

            if (string.IsNullOrEmpty(_accountId))
            {
                errors.Add(new FieldError("AccountId", "Choose the account."));
            }
        }

        if (Run.Busy || !Run.Check(errors))
        {
            return;
        }

        _result = null;
        var result = await Run.RunAsync(async () =>
        {
            if (administrationMode)
            {
                return await Simulator.SimulateAdministrationAsync(new AdministrationSimulationRequest(_user!.Id, actions, resources, context, _mfa, at));
            }
            else if (freeMode)
            {
                static string? Doc(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
                var scps = _scpLevels.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => (IReadOnlyList<string>)[l]).ToList();
                return Simulator.SimulateCustom(new CustomSimulationRequest(
                    _identityPolicies.Where(p => !string.IsNullOrWhiteSpace(p)).ToList(),
                    actions,
                    resources,
                    string.IsNullOrWhiteSpace(_principalArn) ? CustomSimulationRequest.DefaultPrincipalArn : _principalArn.Trim(),
                    scps.Count == 0 ? null : scps,
                    Doc(_rcp) is { } rcp ? [[rcp]] : null,
                    Doc(_freeResourcePolicy),
                    null,
                    Doc(_boundary),
                    Doc(_sessionPolicy),
                    context,
                    _mfa,
                    PrincipalTags(),
                    at));
            }
            else
            {
                return await Simulator.SimulateAsync(new SimulationRequest(
                    _accountId!,
                    actions,
                    resources,
                    _byUser ? _user!.Id : null,
                    _byUser ? null : _permissionSetId,
                    context,
                    _withResourcePolicy && !string.IsNullOrWhiteSpace(_resourcePolicy) ? _resourcePolicy : null,
                    _withResourcePolicy && !string.IsNullOrWhiteSpace(_resourceAccount) ? _resourceAccount.Trim() : null,
                    _mfa,
                    at));
            }
        });
        _result = result?.Value;
    }
}
