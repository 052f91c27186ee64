using Bunit;
using IdentityCenter.Web.Components.Layout;
using IdentityCenter.Web.Tests.Components.Pages.Admin;

namespace IdentityCenter.Web.Tests.Components.Layout;

public sealed class AdminNavGroupTests
{
    [Fact]
    public async Task Render_Administrator_ShowsEveryAdminLink()
    {
        await using var admin = new AdminTestContext();

        var nav = admin.Context.Render<AdminNavGroup>();

        var hrefs = nav.FindAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/admin/users", "/admin/groups", "/admin/settings/password-policy", "/admin/settings/mfa", "/admin/audit", "/admin/environment"], hrefs);
        Assert.Contains("Administration", nav.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_SignedInWithoutAdministratorPolicy_ShowsNothing()
    {
        await using var admin = new AdminTestContext(administrator: false);

        var nav = admin.Context.Render<AdminNavGroup>();

        Assert.Empty(nav.FindAll("a"));
        Assert.DoesNotContain("Administration", nav.Markup, StringComparison.Ordinal);
    }
}
