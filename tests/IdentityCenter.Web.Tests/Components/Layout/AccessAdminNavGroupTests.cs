using Bunit;
using IdentityCenter.Web.Components.Layout;
using IdentityCenter.Web.Tests.Components.Pages.Admin;

namespace IdentityCenter.Web.Tests.Components.Layout;

public sealed class AccessAdminNavGroupTests
{
    [Fact]
    public async Task Render_Administrator_ShowsEveryAccessLink()
    {
        await using var access = new AccessTestContext();

        var nav = access.Context.Render<AccessAdminNavGroup>();

        var hrefs = nav.FindAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(
            ["/admin", "/admin/organization", "/admin/policies", "/admin/permission-sets", "/admin/assignments/new", "/admin/access/matrix", "/admin/simulator", "/admin/settings/abac", "/admin/events", "/admin/reports/credentials"],
            hrefs);
    }

    [Fact]
    public async Task Render_NotAdministrator_ShowsNothing()
    {
        await using var admin = new AdminTestContext(administrator: false);

        var nav = admin.Context.Render<AccessAdminNavGroup>();

        Assert.Empty(nav.FindAll("a"));
    }
}
