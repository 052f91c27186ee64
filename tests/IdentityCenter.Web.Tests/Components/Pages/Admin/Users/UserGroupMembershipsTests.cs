using Bunit;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Components.Pages.Admin.Users;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Users;

/// <summary>The groups section of the user page (read only).</summary>
public sealed class UserGroupMembershipsTests
{
    [Fact]
    public async Task Groups_LinkToEachGroup_EmptySaysSo()
    {
        await using var admin = new AdminTestContext();

        var groups = admin.Context.Render<UserGroupMemberships>(p => p.Add(x => x.Groups,
            [new UserGroup("g-dev/1", "Developers", "m-1", false), new UserGroup("g-admins", "Administrators", "m-2", true)]));
        var none = admin.Context.Render<UserGroupMemberships>(p => p.Add(x => x.Groups, []));

        Assert.Contains("Groups (2)", groups.Markup, StringComparison.Ordinal);
        Assert.Equal(["/admin/groups/g-dev%2F1", "/admin/groups/g-admins"], groups.FindAll(".user-groups a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Not a member of any group.", none.Find(".user-groups-empty").TextContent);
    }
}
