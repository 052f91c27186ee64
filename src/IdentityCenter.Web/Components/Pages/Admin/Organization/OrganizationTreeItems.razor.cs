using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Access;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Organization;

/// <summary>The logic of <c>OrganizationTreeItems.razor</c>: what each node of the organization tree shows.</summary>
public partial class OrganizationTreeItems
{
    /// <summary>The whole organization.</summary>
    [Parameter, EditorRequired]
    public OrganizationView View { get; set; } = default!;

    /// <summary>The node whose children are shown; null for the top (the root).</summary>
    [Parameter]
    public string? ParentId { get; set; }

    private bool IsManagement(OrganizationTreeNode node) =>
        node.Type == OrganizationTargetType.Account && node.Id == View.Organization.ManagementAccountId;

    /// <summary>Accounts show their id next to their name: two accounts may share a name.</summary>
    internal static string ItemText(OrganizationTreeNode node) =>
        node.Type == OrganizationTargetType.Account ? $"{node.Name} ({node.Id})" : node.Name;

    internal static string ItemIcon(OrganizationTreeNode node) => node.Type switch
    {
        OrganizationTargetType.Root => Icons.Material.Filled.AccountTree,
        OrganizationTargetType.OrganizationalUnit => Icons.Material.Filled.Folder,
        _ => Icons.Material.Filled.Cloud,
    };
}
