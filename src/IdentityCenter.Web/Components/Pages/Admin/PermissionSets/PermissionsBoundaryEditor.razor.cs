using Microsoft.AspNetCore.Components;

namespace IdentityCenter.Web.Components.Pages.Admin.PermissionSets;

/// <summary>The permissions boundary section of the permission set form (<c>PermissionsBoundaryEditor.razor</c>); edits <see cref="Form"/> in place.</summary>
public partial class PermissionsBoundaryEditor
{
    /// <summary>The form edited.</summary>
    [Parameter, EditorRequired]
    public PermissionSetForm Form { get; set; } = default!;

    /// <summary>The errors of the last check or save; <c>PermissionsBoundary</c>'s show next to the boundary policy.</summary>
    [Parameter]
    public IReadOnlyList<FieldError> Errors { get; set; } = [];

    private IReadOnlyList<string> ManagedList => string.IsNullOrEmpty(Form.BoundaryManagedPolicyArn) ? [] : [Form.BoundaryManagedPolicyArn];

    private void OnManagedChanged(IReadOnlyList<string> values) => Form.BoundaryManagedPolicyArn = values.Count > 0 ? values[0] : null;
}
