using IdentityCenter.Core.PermissionSets;
using Microsoft.AspNetCore.Components;

namespace IdentityCenter.Web.Components.Pages.Admin.PermissionSets;

/// <summary>
/// The attached policies section of the permission set form (<c>PermissionSetPolicyAttachments.razor</c>): AWS managed
/// policies and customer managed policy references, edited in <see cref="Form"/>. A reference is checked when it is added
/// (<see cref="PermissionSetForm.AddCustomerReference"/>), its errors shown next to its fields.
/// </summary>
public partial class PermissionSetPolicyAttachments
{
    private string? _customerName;
    private string? _customerPath = "/";
    private IReadOnlyList<FieldError> _referenceErrors = [];
    private IReadOnlyList<FieldError>? _shownErrors;

    /// <summary>The form edited.</summary>
    [Parameter, EditorRequired]
    public PermissionSetForm Form { get; set; } = default!;

    /// <summary>The errors of the last check or save; those of this section's fields show next to them.</summary>
    [Parameter]
    public IReadOnlyList<FieldError> Errors { get; set; } = [];

    private string PolicyCountText =>
        $"{Form.AttachedPolicyCount} of {PermissionSetValidator.MaxAttachedPolicies} managed and customer managed policies attached (AWS allows {PermissionSetValidator.MaxAttachedPolicies} together).";

    /// <summary>The errors of the reference being added, else those of the last save.</summary>
    private IReadOnlyList<FieldError> ReferenceErrors => _referenceErrors.Count > 0 ? _referenceErrors : Errors;

    /// <summary>The save's errors about the whole list of references (e.g. one that does not exist).</summary>
    private IEnumerable<string> ListErrors => Errors
        .Where(e => e.Field.StartsWith("CustomerManagedPolicyReferences", StringComparison.Ordinal))
        .Select(e => e.Message);

    /// <summary>A new check or save replaces the errors of the reference last added.</summary>
    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(_shownErrors, Errors))
        {
            _shownErrors = Errors;
            _referenceErrors = [];
        }
    }

    private void OnManagedChanged(IReadOnlyList<string> values) => Form.ManagedPolicyArns = values;

    private void AddCustomerReference()
    {
        _referenceErrors = Form.AddCustomerReference(_customerName, _customerPath);
        if (_referenceErrors.Count == 0)
        {
            _customerName = null;
            _customerPath = "/";
        }
    }

    private void RemoveCustomerReference(CustomerManagedPolicyReference reference) => Form.CustomerManagedPolicyReferences.Remove(reference);
}
