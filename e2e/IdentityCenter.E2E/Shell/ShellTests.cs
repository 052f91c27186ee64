using IdentityCenter.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityCenter.E2E.Shell;

public sealed class ShellTests(BrowserFixture browser, AppServer server) : BrowserTest(browser, server), IClassFixture<AppServer>
{
    [Fact]
    public Task LandingPage_Opened_ShowsHeadingNavigationAndStyles() => RunInPageAsync(async page =>
    {
        var response = await page.GotoAsync("/");

        Assert.Equal(200, response!.Status);
        await Expect(page).ToHaveTitleAsync("IdentityCenter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "IdentityCenter", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Home" })).ToBeVisibleAsync();
        await Expect(page.Locator("header img[src='img/logo.svg']")).ToBeVisibleAsync();
    });

    [Fact]
    public Task ThemeToggle_ClickedOnLiveCircuit_SwitchesToDarkMode() => RunInPageAsync(async page =>
    {
        await page.GotoAsync("/");
        await WaitForCircuitAsync(page);
        var toggle = page.Locator("#theme-toggle");
        await Expect(toggle).ToHaveAttributeAsync("aria-label", "Switch to dark mode");
        var lightBackground = await BodyBackgroundAsync(page);

        await toggle.ClickAsync();

        await Expect(toggle).ToHaveAttributeAsync("aria-label", "Switch to light mode");
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.NotEqual(lightBackground, await BodyBackgroundAsync(page));
    });

    private static Task<string> BodyBackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
}
