using Bunit;
using IdentityCenter.Web.Components.Layout;
using Microsoft.AspNetCore.Components;

namespace IdentityCenter.Web.Tests.Components.Layout;

public sealed class MainLayoutTests
{
    [Fact]
    public async Task ThemeToggle_Clicked_SwitchesToDarkModeAndBack()
    {
        await using var context = BunitTestContext.Create(c => c.AddAuthorization());
        var layout = context.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

        Assert.Equal("Switch to dark mode", layout.Find("#theme-toggle").GetAttribute("aria-label"));

        layout.Find("#theme-toggle").Click();
        Assert.Equal("Switch to light mode", layout.Find("#theme-toggle").GetAttribute("aria-label"));
        Assert.Equal("true", layout.Find("#theme-toggle").GetAttribute("aria-pressed"));

        layout.Find("#theme-toggle").Click();
        Assert.Equal("Switch to dark mode", layout.Find("#theme-toggle").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Layout_Rendered_ShowsBodyNavigationAndCircuitMarker()
    {
        await using var context = BunitTestContext.Create(c => c.AddAuthorization());
        var layout = context.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page body"))));

        Assert.Contains("page body", layout.Markup, StringComparison.Ordinal);
        Assert.NotNull(layout.Find("a[href='/']"));
        Assert.NotNull(layout.Find("#circuit-ready"));
        Assert.NotNull(layout.Find("#sign-in"));
        Assert.Empty(layout.FindAll("a[href='/account']"));
    }

    [Fact]
    public async Task Layout_SignedIn_ShowsUserNameAccountLinkAndSignOut()
    {
        await using var context = BunitTestContext.Create(c => c.AddAuthorization().SetAuthorized("alice"));
        var layout = context.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page body"))));

        Assert.Equal("alice", layout.Find("#signed-in-user").TextContent.Trim());
        Assert.NotNull(layout.Find("a[href='/account']"));
        Assert.Equal("Account/Logout", layout.Find("#sign-out").Closest("form")!.GetAttribute("action"));
    }
}
