using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.PermissionSets;

/// <summary>The logic of <c>PermissionSetDetailPage.razor</c> (markup there).</summary>
public partial class PermissionSetDetailPage
{
    private static readonly string[] DurationPresets = ["PT1H", "PT2H", "PT4H", "PT8H", "PT12H"];

    private enum BoundaryKind
    {
        None,
        Managed,
        Customer,
    }

    private sealed class TagRow
    {
        public string? Key { get; set; }

        public string? Value { get; set; }
    }

    [Parameter]
    public string PermissionSetId { get; set; } = "";

    private bool IsNew => string.Equals(PermissionSetId, "new", StringComparison.OrdinalIgnoreCase);

    private bool _loading = true;
    private bool _busy;
    private string? _loadError;
    private int _tab;
    private PermissionSetDetail? _detail;
    private IReadOnlyList<AssignmentInfo> _assignments = [];
    private List<BreadcrumbItem> _breadcrumbs = [];
    private IReadOnlyList<FieldError> _errors = [];

    private string? _name;
    private string? _description;
    private string? _sessionDuration = SessionDuration.DefaultText;
    private string? _relayState;
    private IReadOnlyList<string> _managed = [];
    private List<CustomerManagedPolicyReference> _customer = [];
    private string? _customerName;
    private string? _customerPath = "/";
    private string? _inline;
    private BoundaryKind _boundaryKind;
    private string? _boundaryManaged;
    private string? _boundaryName;
    private string? _boundaryPath = "/";
    private List<TagRow> _tags = [];

    private static readonly string[] KnownFields = ["Name", "Description", "SessionDuration", "RelayState", "ManagedPolicyArns", "PermissionsBoundary"];

    private string PolicyCountText => $"{_managed.Count + _customer.Count} of {PermissionSetValidator.MaxAttachedPolicies} managed and customer managed policies attached (AWS allows {PermissionSetValidator.MaxAttachedPolicies} together).";

    private IEnumerable<string> ErrorsFor(string field) => _errors.Where(e => e.Field == field).Select(e => e.Message);

    private IEnumerable<string> ErrorsWithPrefix(string prefix) => _errors.Where(e => e.Field.StartsWith(prefix, StringComparison.Ordinal)).Select(e => e.Message);

    private IEnumerable<string> GeneralErrors => _errors
        .Where(e => !KnownFields.Contains(e.Field) && !e.Field.StartsWith("Tags", StringComparison.Ordinal)
            && !e.Field.StartsWith("CustomerManagedPolicyReference", StringComparison.Ordinal) && !e.Field.StartsWith("InlinePolicy", StringComparison.Ordinal))
        .Select(e => e.Message);

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _loadError = null;
        _breadcrumbs =
        [
            new BreadcrumbItem("Permission sets", "/admin/permission-sets"),
            new BreadcrumbItem(IsNew ? "Create" : PermissionSetId, null, disabled: true),
        ];
        try
        {
            if (!IsNew)
            {
                await ReloadAsync();
            }
        }
        catch (Exception ex) when (AdminErrors.IsInfrastructure(ex))
        {
            _loadError = "The permission set could not be loaded. Try again in a moment.";
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task ReloadAsync()
    {
        _detail = await PermissionSets.GetAsync(PermissionSetId);
        if (_detail is null)
        {
            return;
        }

        _assignments = await Assignments.ListForPermissionSetAsync(PermissionSetId);
        Fill(_detail.PermissionSet);
        _breadcrumbs[^1] = new BreadcrumbItem(_detail.PermissionSet.Name, null, disabled: true);
    }

    private void Fill(PermissionSet ps)
    {
        _name = ps.Name;
        _description = ps.Description;
        _sessionDuration = SessionDuration.Format(ps.SessionDuration);
        _relayState = ps.RelayState;
        _managed = ps.ManagedPolicyArns.ToList();
        _customer = ps.CustomerManagedPolicyReferences.ToList();
        _inline = ps.InlinePolicy;
        _boundaryKind = ps.PermissionsBoundary switch
        {
            { ManagedPolicyArn: not null } => BoundaryKind.Managed,
            { CustomerManagedPolicyReference: not null } => BoundaryKind.Customer,
            _ => BoundaryKind.None,
        };
        _boundaryManaged = ps.PermissionsBoundary?.ManagedPolicyArn;
        _boundaryName = ps.PermissionsBoundary?.CustomerManagedPolicyReference?.Name;
        _boundaryPath = ps.PermissionsBoundary?.CustomerManagedPolicyReference?.Path ?? "/";
        _tags = ps.Tags.Select(t => new TagRow { Key = t.Key, Value = t.Value }).ToList();
    }

    private void OnManagedChanged(IReadOnlyList<string> values) => _managed = values;

    private IReadOnlyList<string> BoundaryManagedList => string.IsNullOrEmpty(_boundaryManaged) ? [] : [_boundaryManaged];

    private void AddCustomerReference()
    {
        var reference = new CustomerManagedPolicyReference(_customerName?.Trim() ?? "", string.IsNullOrWhiteSpace(_customerPath) ? "/" : _customerPath.Trim());
        var errors = PermissionSetValidator.ValidateCustomerManagedPolicyReference(reference).ToList();
        if (_customer.Contains(reference))
        {
            errors.Add(new FieldError("CustomerManagedPolicyReference.Name", $"{reference} is already referenced."));
        }

        _errors = errors;
        if (errors.Count == 0)
        {
            _customer.Add(reference);
            _customerName = null;
            _customerPath = "/";
        }
    }

    private PermissionsBoundary? Boundary() => _boundaryKind switch
    {
        BoundaryKind.Managed when !string.IsNullOrEmpty(_boundaryManaged) => PermissionsBoundary.FromManagedPolicy(_boundaryManaged),
        BoundaryKind.Customer when !string.IsNullOrWhiteSpace(_boundaryName) => PermissionsBoundary.FromCustomerManagedPolicy(
            new CustomerManagedPolicyReference(_boundaryName.Trim(), string.IsNullOrWhiteSpace(_boundaryPath) ? "/" : _boundaryPath.Trim())),
        _ => null,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private List<PermissionSetTag> Tags() => _tags.Select(t => new PermissionSetTag(t.Key?.Trim() ?? "", t.Value?.Trim() ?? "")).ToList();

    /// <summary>The checks the service makes, done first so messages (quoting the limits) appear without a round trip.</summary>
    private List<FieldError> ValidateLocally()
    {
        var errors = new List<FieldError>();
        if (IsNew && PermissionSetValidator.ValidateName(_name?.Trim()) is { } name)
        {
            errors.Add(name);
        }

        if (PermissionSetValidator.ValidateDescription(Blank(_description)) is { } description)
        {
            errors.Add(description);
        }

        if (!SessionDuration.TryParseOrDefault(_sessionDuration, out _, out var durationError) && durationError is not null)
        {
            errors.Add(durationError);
        }

        if (PermissionSetValidator.ValidateRelayState(Blank(_relayState)) is { } relay)
        {
            errors.Add(relay);
        }

        if (_managed.Count + _customer.Count > PermissionSetValidator.MaxAttachedPolicies)
        {
            errors.Add(new FieldError("ManagedPolicyArns", $"At most {PermissionSetValidator.MaxAttachedPolicies} AWS managed and customer managed policies can be attached together (there are {_managed.Count + _customer.Count})."));
        }

        // Parsed here rather than trusting the editor's debounced flag: a save right after typing sees the current text.
        if (!string.IsNullOrWhiteSpace(_inline) && PolicyParser.Parse(_inline, PolicyKind.Inline).HasErrors)
        {
            errors.Add(new FieldError("InlinePolicy", "The inline policy has errors (listed under the editor with line and column). Fix them, or empty the editor to have no inline policy."));
        }
        else if (PermissionSetValidator.ValidateInlinePolicySize(Blank(_inline)) is { } size)
        {
            errors.Add(size);
        }

        if (_boundaryKind != BoundaryKind.None && Boundary() is null)
        {
            errors.Add(new FieldError("PermissionsBoundary", "Choose the boundary policy, or select \"No boundary\"."));
        }
        else if (_boundaryKind == BoundaryKind.Customer && Boundary() is { CustomerManagedPolicyReference: { } reference })
        {
            errors.AddRange(PermissionSetValidator.ValidateCustomerManagedPolicyReference(reference).Select(e => new FieldError("PermissionsBoundary", e.Message)));
        }

        errors.AddRange(PermissionSetValidator.ValidateTags(Tags()));
        return errors;
    }

    private async Task SaveAsync()
    {
        if (_busy)
        {
            return;
        }

        var local = ValidateLocally();
        _errors = local;
        if (local.Count > 0)
        {
            return;
        }

        _busy = true;
        try
        {
            var actor = await CurrentActor.GetAsync();
            if (IsNew)
            {
                var input = new PermissionSetInput(
                    _name!.Trim(),
                    Blank(_description),
                    Blank(_sessionDuration)?.ToUpperInvariant(),
                    Blank(_relayState),
                    _managed.ToList(),
                    _customer.ToList(),
                    Blank(_inline),
                    Boundary(),
                    Tags());
                var result = await PermissionSets.CreateAsync(input, actor);
                if (result.Succeeded && result.Value is not null)
                {
                    Snackbar.Add($"Permission set {result.Value.PermissionSet.Name} created.", Severity.Success);
                    Navigation.NavigateTo($"/admin/permission-sets/{Uri.EscapeDataString(result.Value.PermissionSet.Id)}");
                }
                else
                {
                    _errors = result.Errors;
                }

                return;
            }

            if (await SaveChangesAsync(actor))
            {
                Snackbar.Add("Permission set saved. Accounts where it is provisioned are out of date until re-provisioned.", Severity.Success);
                await ReloadAsync();
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

    /// <summary>Saves the whole form in one transaction: every change is saved, or (on the first refusal) none.</summary>
    private async Task<bool> SaveChangesAsync(Core.Audit.Actor actor)
    {
        var changes = new PermissionSetChanges(
            Blank(_description), Blank(_sessionDuration), Blank(_relayState), _managed.ToList(), _customer.ToList(), Blank(_inline), Boundary(), Tags());
        var result = await PermissionSets.SaveAsync(PermissionSetId, changes, actor);
        if (!result.Succeeded)
        {
            _errors = result.Errors;
            return false;
        }

        if (result.Value!.Operations.Count == 0)
        {
            Snackbar.Add("Nothing changed.", Severity.Info);
            return false;
        }

        return true;
    }

    private async Task ProvisionAsync(string? accountId)
    {
        _busy = true;
        try
        {
            var result = await PermissionSets.ProvisionAsync(PermissionSetId, accountId, await CurrentActor.GetAsync());
            if (!result.Succeeded || result.Value is null)
            {
                _errors = result.Errors;
                return;
            }

            var failed = result.Value.Outcomes.Where(o => !o.Succeeded).ToList();
            if (failed.Count == 0)
            {
                Snackbar.Add($"Provisioned into {result.Value.Outcomes.Count} account(s).", Severity.Success);
            }
            else
            {
                Snackbar.Add($"Provisioning failed in {failed.Count} of {result.Value.Outcomes.Count} account(s): {string.Join(" ", failed.Select(f => $"{f.AccountId}: {f.FailureReason}"))}", Severity.Error);
            }

            await ReloadAsync();
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

    private async Task RemoveAssignmentAsync(AssignmentInfo assignment)
    {
        if (!await Dialogs.ConfirmAsync("Remove assignment", $"Remove {_detail!.PermissionSet.Name} from {assignment.PrincipalName} in {assignment.AccountName}? Their credentials for this role stop working.", "Remove"))
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await Assignments.DeleteAsync(new AssignmentRequest(assignment.AccountId, assignment.PermissionSetId, assignment.PrincipalType, assignment.PrincipalId), await CurrentActor.GetAsync());
            if (result.Succeeded)
            {
                Snackbar.Add("Assignment removed.", Severity.Success);
                _assignments = await Assignments.ListForPermissionSetAsync(PermissionSetId);
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
        var name = _detail!.PermissionSet.Name;
        var assignments = await Assignments.ListForPermissionSetAsync(PermissionSetId);
        var removeAssignments = assignments.Count > 0;
        var question = removeAssignments
            ? $"{name} is still assigned {assignments.Count} time(s) ({string.Join(", ", assignments.Take(5).Select(a => $"{a.PrincipalName} in {a.AccountName}"))}{(assignments.Count > 5 ? ", …" : "")}). Remove these assignments and delete the permission set? Its roles are removed from every account."
            : $"Delete {name}? Its roles are removed from every account.";
        if (!await Dialogs.ConfirmAsync("Delete permission set", question, removeAssignments ? "Remove assignments and delete" : "Delete"))
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await PermissionSets.DeleteAsync(PermissionSetId, await CurrentActor.GetAsync(), removeAssignments);
            if (result.Succeeded)
            {
                Snackbar.Add($"Permission set {name} deleted.", Severity.Success);
                Navigation.NavigateTo("/admin/permission-sets");
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

    private static string StatusText(ProvisionedAccountStatus status) => status.Status switch
    {
        ProvisioningStatus.LatestProvisioned => "Provisioned",
        ProvisioningStatus.LatestNotProvisioned => "Out of date",
        _ => status.FailureReason is null ? "Not provisioned" : "Failed",
    };

    private static Color StatusColor(ProvisionedAccountStatus status) => status.Status switch
    {
        ProvisioningStatus.LatestProvisioned => Color.Success,
        ProvisioningStatus.LatestNotProvisioned => Color.Warning,
        _ => Color.Error,
    };
}
