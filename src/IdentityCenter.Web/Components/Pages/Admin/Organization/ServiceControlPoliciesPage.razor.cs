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

/// <summary>
/// The logic of <c>ServiceControlPoliciesPage.razor</c>: lists the organization's SCPs and RCPs and creates, saves or
/// deletes one through <see cref="IOrganizationService"/>; the document is parsed first so its errors show under the editor.
/// </summary>
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

    /// <summary>Saving or deleting the open policy: errors next to the form's fields, others above the buttons.</summary>
    [Inject]
    private OperationState Save { get; set; } = default!;

    /// <summary>Loading the policies: the failure shows above them.</summary>
    [Inject]
    private OperationState Load { get; set; } = default!;

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

    private bool ReadOnly => _current?.AwsManaged == true;

    private static string TypeName(OrganizationPolicyType type) => type == OrganizationPolicyType.ServiceControlPolicy ? "service control policy" : "resource control policy";

    private string TargetName(string id) =>
        _view?.Nodes.FirstOrDefault(n => n.Id == id) is { } node ? $"{node.Name} ({id})" : id;

    protected override async Task OnInitializedAsync() =>
        await Load.TryAsync(ReloadAsync, unavailable: "The policies could not be loaded. Try again in a moment.");

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
        Save.Clear();
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
        Save.Clear();
        _editing = true;
    }

    private async Task SaveAsync()
    {
        if (Save.Busy || ReadOnly)
        {
            return;
        }

        var kind = _type == OrganizationPolicyType.ServiceControlPolicy ? PolicyKind.Scp : PolicyKind.Rcp;
        if (!Save.Check(PolicyParser.Parse(_document ?? "", kind).HasErrors
                ? [new FieldError("Document", "The document has errors (listed under the editor with line and column); fix them before saving.")]
                : []))
        {
            return;
        }

        var input = new OrganizationPolicyInput(_name?.Trim() ?? "", string.IsNullOrWhiteSpace(_description) ? null : _description.Trim(), _type, _document ?? "");
        var current = _current;
        var result = await Save.RunAsync(async () =>
        {
            var actor = await CurrentActor.GetAsync();
            return current is null ? await Organization.CreatePolicyAsync(input, actor) : await Organization.UpdatePolicyAsync(current.Id, input, actor);
        });
        if (result?.Value is { } saved)
        {
            Snackbar.Add(current is null ? $"Policy {saved.Name} created." : "Policy saved.", Severity.Success);
            _selectedId = saved.Id;
            if (await Save.RefreshAsync(ReloadAsync))
            {
                Select(_selectedId);
            }
        }
    }

    private async Task DeleteAsync()
    {
        var policy = _current!;
        if (!await Dialogs.ConfirmAsync("Delete policy", $"Delete {policy.Name}? This cannot be undone.", "Delete"))
        {
            return;
        }

        if (await Save.RunAsync(async () => await Organization.DeletePolicyAsync(policy.Id, await CurrentActor.GetAsync())) is not null)
        {
            Snackbar.Add($"Policy {policy.Name} deleted.", Severity.Success);
            _editing = false;
            _selectedId = null;
            await Save.RefreshAsync(ReloadAsync);
        }
    }
}
