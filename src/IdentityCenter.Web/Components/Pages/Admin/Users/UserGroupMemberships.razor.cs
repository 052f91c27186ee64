using IdentityCenter.Infrastructure.Directory;
using Microsoft.AspNetCore.Components;

namespace IdentityCenter.Web.Components.Pages.Admin.Users;

/// <summary>The groups section of a user's page (<c>UserGroupMemberships.razor</c>): read only, built-in groups highlighted.</summary>
public partial class UserGroupMemberships
{
    /// <summary>The user's groups (<see cref="IGroupDirectoryService.GetGroupsForUserAsync"/>).</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<UserGroup> Groups { get; set; } = [];

    private static string GroupLink(UserGroup group) => $"/admin/groups/{Uri.EscapeDataString(group.GroupId)}";
}
