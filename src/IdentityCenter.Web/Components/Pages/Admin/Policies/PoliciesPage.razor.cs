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

/// <summary>
/// The logic of <c>PoliciesPage.razor</c>: the AWS managed catalogue, and each account's customer managed policies and
/// their versions through <see cref="IPolicyService"/>. Every write goes through one <see cref="OperationState"/>: its
/// field errors show next to the form's fields, the others with <see cref="OperationErrors"/>.
/// </summary>
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

    /// <summary>Every write of the page (create, new version, default version, deletes): busy state and errors.</summary>
    [Inject]
    private OperationState Write { get; set; } = default!;

    /// <summary>Loading the accounts and the first account's policies: the failure shows above the tabs.</summary>
    [Inject]
    private OperationState Load { get; set; } = default!;

    private const string Template = "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {\n            \"Effect\": \"Allow\",\n            \"Action\": [],\n            \"Resource\": \"*\"\n        }\n    ]\n}";
    private const string NameHelp = "1-128 characters: letters, digits and + = , . @ _ -.";
    private static readonly string[] FormFields = ["Name", "Path", "Description", "Document"];

    private int _tab;
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
    private string? _name;
    private string? _path = "/";
    private string? _description;
    private string? _document;
    private bool _setAsDefault = true;

    private IEnumerable<string> DocumentErrors => Write.Errors.Where(e => e.Field == "Document").Select(e => e.Message);

    protected override async Task OnInitializedAsync() =>
        await Load.TryAsync(async () =>
        {
            _aws = Policies.ListAwsManagedPolicies();
            _accounts = await Organization.ListAccountsAsync();
            if (_accounts.Count > 0)
            {
                await SelectAccountAsync(_accounts[0].Id);
            }
        }, unavailable: "The policies could not be loaded. Try again in a moment.");

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
        Write.Clear();
        _creating = true;
    }

    private async Task OpenAsync(string policyId)
    {
        _creating = false;
        Write.Clear();
        _detail = await Policies.GetCustomerManagedPolicyAsync(policyId);
        _viewVersion = null;
        _document = _detail?.DefaultDocument;
    }

    /// <summary>Refuses a document with errors before a round trip (the editor lists them with line and column).</summary>
    private bool DocumentRefused() => !Write.Check(PolicyParser.Parse(_document ?? "", PolicyKind.Managed).HasErrors
        ? [new FieldError("Document", "The document has errors (listed under the editor with line and column); fix them before saving.")]
        : []);

    private async Task CreateAsync()
    {
        if (Write.Busy || DocumentRefused())
        {
            return;
        }

        var input = new CustomerManagedPolicyInput(_accountId!, _name?.Trim() ?? "", string.IsNullOrWhiteSpace(_path) ? "/" : _path.Trim(),
            string.IsNullOrWhiteSpace(_description) ? null : _description.Trim(), _document ?? "");
        if (await Write.RunAsync(async () => await Policies.CreateCustomerManagedPolicyAsync(input, await CurrentActor.GetAsync())) is { Value: { } created })
        {
            Snackbar.Add($"Policy {input.Name} created.", Severity.Success);
            _creating = false;
            await Write.RefreshAsync(async () =>
            {
                _customer = await Policies.ListCustomerManagedPoliciesAsync(_accountId);
                await OpenAsync(created.Id);
            });
        }
    }

    private async Task CreateVersionAsync()
    {
        if (Write.Busy || DocumentRefused())
        {
            return;
        }

        var id = _detail!.Policy.Id;
        await RunAsync(async actor => await Policies.CreatePolicyVersionAsync(id, _document ?? "", _setAsDefault, actor), "New version saved.");
    }

    private async Task SetDefaultAsync(string versionId)
    {
        var id = _detail!.Policy.Id;
        await RunAsync(async actor => await Policies.SetDefaultPolicyVersionAsync(id, versionId, actor), $"{versionId} is now the default version.");
    }

    private async Task DeleteVersionAsync(string versionId)
    {
        if (await Dialogs.ConfirmAsync("Delete version", $"Delete version {versionId} of {_detail!.Policy.Name}?", "Delete"))
        {
            var id = _detail.Policy.Id;
            await RunAsync(async actor => await Policies.DeletePolicyVersionAsync(id, versionId, actor), $"Version {versionId} deleted.");
        }
    }

    private async Task DeletePolicyAsync()
    {
        var policy = _detail!.Policy;
        if (await Dialogs.ConfirmAsync("Delete policy", $"Delete {policy.Name} and all its versions? Permission sets that reference it fail to provision in {policy.AccountId} until it exists again.", "Delete"))
        {
            if (await Write.RunAsync(async () => await Policies.DeleteCustomerManagedPolicyAsync(policy.Id, await CurrentActor.GetAsync())) is not null)
            {
                Snackbar.Add($"Policy {policy.Name} deleted.", Severity.Success);
                _detail = null;
                await Write.RefreshAsync(async () => _customer = await Policies.ListCustomerManagedPoliciesAsync(_accountId));
            }
        }
    }

    /// <summary>Runs one write on the open policy: a snackbar and the policy reloaded when it succeeds, its errors on the page when not.</summary>
    private async Task RunAsync(Func<Core.Audit.Actor, Task<OperationResult>> write, string success)
    {
        if (await Write.RunAsync(async () => await write(await CurrentActor.GetAsync())) is null)
        {
            return;
        }

        Snackbar.Add(success, Severity.Success);
        if (_detail is not null)
        {
            var id = _detail.Policy.Id;
            await Write.RefreshAsync(async () =>
            {
                _detail = await Policies.GetCustomerManagedPolicyAsync(id);
                _customer = await Policies.ListCustomerManagedPoliciesAsync(_accountId);
            });
        }
    }
}
