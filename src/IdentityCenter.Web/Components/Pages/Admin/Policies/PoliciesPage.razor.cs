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

namespace IdentityCenter.Web.Components.Pages.Admin.Policies;

/// <summary>The logic of <c>PoliciesPage.razor</c> (markup there).</summary>
public partial class PoliciesPage
{
    [Inject]
    private IPolicyService Policies { get; set; } = default!;

    [Inject]
    private IOrganizationService Organization { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private const string Template = "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {\n            \"Effect\": \"Allow\",\n            \"Action\": [],\n            \"Resource\": \"*\"\n        }\n    ]\n}";
    private const string NameHelp = "1-128 characters: letters, digits and + = , . @ _ -.";
    private static readonly string[] FormFields = ["Name", "Path", "Description", "Document"];

    private int _tab;
    private string? _loadError;
    private IReadOnlyList<ManagedPolicy> _aws = [];
    private const int AwsListLimit = 100;
    private string? _awsFilter;
    private bool _awsJobFunctionOnly;

    private IReadOnlyList<ManagedPolicy> AwsMatches => ManagedPolicyCatalog.Default.Search(_awsFilter, _awsJobFunctionOnly, AwsListLimit);
    private string? _awsSelected;
    private IReadOnlyList<AccountInfo> _accounts = [];
    private string? _accountId;
    private IReadOnlyList<CustomerManagedPolicyInfo> _customer = [];
    private CustomerManagedPolicyDetail? _detail;
    private string? _viewVersion;
    private bool _creating;
    private bool _busy;
    private string? _name;
    private string? _path = "/";
    private string? _description;
    private string? _document;
    private bool _setAsDefault = true;
    private IReadOnlyList<FieldError> _errors = [];

    private IEnumerable<string> DocumentErrors => _errors.Where(e => e.Field == "Document").Select(e => e.Message);

    private IEnumerable<string> OtherErrors => _errors.Where(e => !FormFields.Contains(e.Field)).Select(e => e.Message);

    protected override async Task OnInitializedAsync()
    {
        try
        {
            _aws = Policies.ListAwsManagedPolicies();
            _accounts = await Organization.ListAccountsAsync();
            if (_accounts.Count > 0)
            {
                await SelectAccountAsync(_accounts[0].Id);
            }
        }
        catch (Exception ex) when (AdminErrors.IsInfrastructure(ex))
        {
            _loadError = "The policies could not be loaded. Try again in a moment.";
        }
    }

    private async Task SelectAccountAsync(string? accountId)
    {
        _accountId = accountId;
        _detail = null;
        _creating = false;
        _customer = accountId is null ? [] : await Policies.ListCustomerManagedPoliciesAsync(accountId);
    }

    private void StartCreate()
    {
        _detail = null;
        _name = null;
        _path = "/";
        _description = null;
        _document = Template;
        _errors = [];
        _creating = true;
    }

    private async Task OpenAsync(string policyId)
    {
        _creating = false;
        _errors = [];
        _detail = await Policies.GetCustomerManagedPolicyAsync(policyId);
        _viewVersion = null;
        _document = _detail?.DefaultDocument;
    }

    private bool DocumentRefused()
    {
        if (!PolicyParser.Parse(_document ?? "", PolicyKind.Managed).HasErrors)
        {
            return false;
        }

        _errors = [new FieldError("Document", "The document has errors (listed under the editor with line and column); fix them before saving.")];
        return true;
    }

    private async Task CreateAsync()
    {
        if (_busy || DocumentRefused())
        {
            return;
        }

        await RunAsync(async actor =>
        {
            var result = await Policies.CreateCustomerManagedPolicyAsync(new CustomerManagedPolicyInput(_accountId!, _name?.Trim() ?? "", string.IsNullOrWhiteSpace(_path) ? "/" : _path.Trim(),
                string.IsNullOrWhiteSpace(_description) ? null : _description.Trim(), _document ?? ""), actor);
            if (result.Succeeded && result.Value is not null)
            {
                _creating = false;
                _customer = await Policies.ListCustomerManagedPoliciesAsync(_accountId);
                await OpenAsync(result.Value.Id);
            }

            return (result, $"Policy {_name} created.");
        });
    }

    private async Task CreateVersionAsync()
    {
        if (_busy || DocumentRefused())
        {
            return;
        }

        var id = _detail!.Policy.Id;
        await RunAsync(async actor => (await Policies.CreatePolicyVersionAsync(id, _document ?? "", _setAsDefault, actor), "New version saved."));
    }

    private async Task SetDefaultAsync(string versionId)
    {
        var id = _detail!.Policy.Id;
        await RunAsync(async actor => (await Policies.SetDefaultPolicyVersionAsync(id, versionId, actor), $"{versionId} is now the default version."));
    }

    private async Task DeleteVersionAsync(string versionId)
    {
        if (await Dialogs.ConfirmAsync("Delete version", $"Delete version {versionId} of {_detail!.Policy.Name}?", "Delete"))
        {
            var id = _detail.Policy.Id;
            await RunAsync(async actor => (await Policies.DeletePolicyVersionAsync(id, versionId, actor), $"Version {versionId} deleted."));
        }
    }

    private async Task DeletePolicyAsync()
    {
        var policy = _detail!.Policy;
        if (await Dialogs.ConfirmAsync("Delete policy", $"Delete {policy.Name} and all its versions? Permission sets that reference it fail to provision in {policy.AccountId} until it exists again.", "Delete"))
        {
            await RunAsync(async actor =>
            {
                var result = await Policies.DeleteCustomerManagedPolicyAsync(policy.Id, actor);
                if (result.Succeeded)
                {
                    _detail = null;
                    _customer = await Policies.ListCustomerManagedPoliciesAsync(_accountId);
                }

                return (result, $"Policy {policy.Name} deleted.");
            });
        }
    }

    private async Task RunAsync(Func<Core.Audit.Actor, Task<(OperationResult Result, string Success)>> write)
    {
        _busy = true;
        try
        {
            var (result, success) = await write(await CurrentActor.GetAsync());
            if (result.Succeeded)
            {
                _errors = [];
                Snackbar.Add(success, Severity.Success);
                if (_detail is not null)
                {
                    _detail = await Policies.GetCustomerManagedPolicyAsync(_detail.Policy.Id);
                    _customer = await Policies.ListCustomerManagedPoliciesAsync(_accountId);
                }
            }
            else
            {
                _errors = result.Errors;
            }
        }
        catch (Exception ex) when (AdminErrors.IsInfrastructure(ex))
        {
            Snackbar.Add(AdminErrors.Unavailable, Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }
}
