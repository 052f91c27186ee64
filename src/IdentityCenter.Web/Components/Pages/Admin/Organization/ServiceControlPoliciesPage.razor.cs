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

namespace IdentityCenter.Web.Components.Pages.Admin.Organization;

/// <summary>The logic of <c>ServiceControlPoliciesPage.razor</c> (markup there).</summary>
public partial class ServiceControlPoliciesPage
{
    [Inject]
    private IOrganizationService Organization { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private const string Template = "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {\n            \"Sid\": \"Statement1\",\n            \"Effect\": \"Deny\",\n            \"Action\": [],\n            \"Resource\": \"*\"\n        }\n    ]\n}";

    private static readonly List<BreadcrumbItem> Breadcrumbs = [new("Organization", "/admin/organization"), new("SCPs and RCPs", null, disabled: true)];

    private IReadOnlyList<OrganizationPolicyInfo> _policies = [];
    private OrganizationView? _view;
    private string? _selectedId;
    private OrganizationPolicyInfo? _current;
    private bool _editing;
    private OrganizationPolicyType _type;
    private string? _name;
    private string? _description;
    private string? _document;
    private bool _busy;
    private string? _loadError;
    private IReadOnlyList<FieldError> _errors = [];

    private bool ReadOnly => _current?.AwsManaged == true;

    private static string TypeName(OrganizationPolicyType type) => type == OrganizationPolicyType.ServiceControlPolicy ? "service control policy" : "resource control policy";

    private string TargetName(string id) =>
        _view?.Nodes.FirstOrDefault(n => n.Id == id) is { } node ? $"{node.Name} ({id})" : id;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            await ReloadAsync();
        }
        catch (Exception ex) when (AdminErrors.IsInfrastructure(ex))
        {
            _loadError = "The policies could not be loaded. Try again in a moment.";
        }
    }

    private async Task ReloadAsync()
    {
        _policies = await Organization.ListPoliciesAsync();
        _view = await Organization.GetOrganizationAsync();
        _current = _policies.FirstOrDefault(p => p.Id == _selectedId);
    }

    private void New(OrganizationPolicyType type)
    {
        _selectedId = null;
        _current = null;
        _type = type;
        _name = null;
        _description = null;
        _document = Template;
        _errors = [];
        _editing = true;
    }

    private void Select(string? id)
    {
        _selectedId = id;
        _current = _policies.FirstOrDefault(p => p.Id == id);
        if (_current is null)
        {
            return;
        }

        _type = _current.Type;
        _name = _current.Name;
        _description = _current.Description;
        _document = _current.Document;
        _errors = [];
        _editing = true;
    }

    private async Task SaveAsync()
    {
        if (_busy || ReadOnly)
        {
            return;
        }

        if (PolicyParser.Parse(_document ?? "", _type == OrganizationPolicyType.ServiceControlPolicy ? PolicyKind.Scp : PolicyKind.Rcp).HasErrors)
        {
            _errors = [new FieldError("Document", "The document has errors (listed under the editor with line and column); fix them before saving.")];
            return;
        }

        _busy = true;
        try
        {
            var input = new OrganizationPolicyInput(_name?.Trim() ?? "", string.IsNullOrWhiteSpace(_description) ? null : _description.Trim(), _type, _document ?? "");
            var actor = await CurrentActor.GetAsync();
            var result = _current is null ? await Organization.CreatePolicyAsync(input, actor) : await Organization.UpdatePolicyAsync(_current.Id, input, actor);
            if (result.Succeeded && result.Value is not null)
            {
                Snackbar.Add(_current is null ? $"Policy {result.Value.Name} created." : "Policy saved.", Severity.Success);
                _selectedId = result.Value.Id;
                await ReloadAsync();
                Select(_selectedId);
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

    private async Task DeleteAsync()
    {
        var policy = _current!;
        if (!await Dialogs.ConfirmAsync("Delete policy", $"Delete {policy.Name}? This cannot be undone.", "Delete"))
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await Organization.DeletePolicyAsync(policy.Id, await CurrentActor.GetAsync());
            if (result.Succeeded)
            {
                Snackbar.Add($"Policy {policy.Name} deleted.", Severity.Success);
                _editing = false;
                _selectedId = null;
                await ReloadAsync();
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
