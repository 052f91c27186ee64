using IdentityCenter.Core.PermissionSets;
using Microsoft.AspNetCore.Components;

namespace IdentityCenter.Web.Components.Pages.Admin.PermissionSets;

/// <summary>The details section of the permission set form (<c>PermissionSetDetailsFields.razor</c>); edits <see cref="Form"/> in place.</summary>
public partial class PermissionSetDetailsFields
{
    /// <summary>The form edited.</summary>
    [Parameter, EditorRequired]
    public PermissionSetForm Form { get; set; } = default!;

    /// <summary>The errors of the last check or save; those of this section's fields show next to them.</summary>
    [Parameter]
    public IReadOnlyList<FieldError> Errors { get; set; } = [];

    /// <summary>True while creating: the name can be typed (it cannot change afterwards, as in AWS).</summary>
    [Parameter]
    public bool IsNew { get; set; }

    private string NameHelp => IsNew
        ? $"1-{PermissionSetValidator.NameMaxLength} characters: letters, digits and + = , . @ _ -. It becomes part of the role name and cannot change."
        : "The name cannot change after creation (as in AWS).";
}
