using Microsoft.AspNetCore.Components;

namespace IdentityCenter.Web.Components.Pages.Admin.PermissionSets;

/// <summary>The tags section of the permission set form (<c>PermissionSetTagsEditor.razor</c>); edits <see cref="Form"/>'s rows in place.</summary>
public partial class PermissionSetTagsEditor
{
    /// <summary>The form edited.</summary>
    [Parameter, EditorRequired]
    public PermissionSetForm Form { get; set; } = default!;

    /// <summary>The errors of the last check or save: a row's show next to its key or value, those about all tags below them.</summary>
    [Parameter]
    public IReadOnlyList<FieldError> Errors { get; set; } = [];

    private IEnumerable<string> ListErrors => Errors.Where(e => e.Field == "Tags").Select(e => e.Message);
}
