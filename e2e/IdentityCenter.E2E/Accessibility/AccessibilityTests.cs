using IdentityCenter.Core.Directory;
using IdentityCenter.E2E.Infrastructure;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityCenter.E2E.Accessibility;

/// <summary>
/// axe-core on every routable page (WCAG 2.0/2.1 A and AA): signed out, through the sign-in steps, as the
/// administrator, and as a person of the workshop organization in the portal; the test fails on any serious or
/// critical violation and lists each with its rule, element and what to fix. One test per role, one sign-in each.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture browser, AppServer server) : BrowserTest(browser, server), IClassFixture<AppServer>
{
    private const string AdminPassword = "A11y-Adm1n-Passw0rd!";

    /// <summary>
    /// Selectors axe leaves out, each because the violation lies inside a third-party component our markup cannot
    /// change. Never a whole rule.
    /// </summary>
    private static readonly string[] Excluded =
    [
        // MudChip with a close button renders the chip itself focusable with the close button (tabindex -1) inside it
        // (nested-interactive); MudBlazor offers no parameter to change that. Our closable chips carry this class.
        ".ic-closable-chip",
    ];

    /// <summary>
    /// After the first page of a signed-in person, the app bar and navigation drawer (the same layout on every page, its
    /// current-page link styled by one class) are left out, which keeps the checks quick; the first page checks them.
    /// </summary>
    private static readonly string[] ExcludedAfterTheLayoutIsChecked = [.. Excluded, ".mud-appbar", ".mud-drawer"];

    [Fact]
    public Task Accessibility_SignedOutSignInAndEveryAdministrationPage_HaveNoSeriousViolations() => RunInPageBypassingCspAsync(async page =>
    {
        await EnsureWorkshopAsync();
        var problems = new List<string>();
        var excluded = Excluded;
        async Task CheckAsync(string where) => problems.AddRange(await AxeCheck.SeriousViolationsAsync(page, where, excluded));

        // Signed out: the landing page, the lockout notice, both steps of the sign-in form.
        foreach (var path in new[] { "/", "/Account/Lockout" })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("h1").First).ToBeVisibleAsync();
            await CheckAsync(path + " (signed out)");
        }

        await page.GotoAsync("/Account/Login");
        await CheckAsync("/Account/Login (user name)");
        await page.GetByLabel("User name").FillAsync(AppServer.AdminUserName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToBeVisibleAsync();
        await CheckAsync("/Account/Login (password)");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(AppServer.AdminBootstrapPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // The first sign-in's steps: a new password, then an authenticator.
        await Expect(page.Locator("#new-password")).ToBeVisibleAsync();
        await CheckAsync("/Account/ChangePassword");
        await AccountSteps.ChangePasswordAsync(page, AppServer.AdminBootstrapPassword, AdminPassword);
        await Expect(page.Locator("#totp-key")).ToBeAttachedAsync();
        await CheckAsync("/Account/EnrollMfa");
        var (key, step) = await AccountSteps.EnrollTotpAsync(page, "Admin phone");
        await Expect(page.Locator("#signed-in-user")).ToHaveTextAsync(AppServer.AdminUserName);

        await OpenAsync(page, RoutablePages.Administration[0]);
        foreach (var path in RoutablePages.Administration.Concat(RoutablePages.Portal))
        {
            await NavigateWithinTheAppAsync(page, path);
            await CheckAsync(path);
            excluded = ExcludedAfterTheLayoutIsChecked;
        }

        foreach (var (path, heading) in await RoutablePages.ReachedFromOthersAsync(Server.Services))
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("h1").First).ToContainTextAsync(heading);
            await SettleAsync(page);
            await CheckAsync(path);
        }

        // A dialog, over the page it opens from.
        await OpenAsync(page, "/admin/users");
        await page.Locator(".users-create").ClickAsync();
        await Expect(page.GetByLabel("Display name")).ToBeVisibleAsync();
        await CheckAsync("/admin/users, create user dialog");
        await page.Locator(".create-user-cancel").ClickAsync();
        await Expect(page.GetByLabel("Display name")).ToBeHiddenAsync();

        // Signed out again, and the second sign-in's authenticator step.
        await AccountSteps.SignOutAsync(page);
        await CheckAsync("/Account/Login?signedOut=true");
        await AccountSteps.EnterPasswordAsync(page, AppServer.AdminUserName, AdminPassword);
        await Expect(page.GetByLabel("Authenticator code")).ToBeVisibleAsync();
        await CheckAsync("/Account/LoginWithTotp");
        await AccountSteps.EnterTotpAsync(page, key, Math.Max(step + 1, AccountSteps.CurrentStep()));
        await Expect(page.Locator("#signed-in-user")).ToHaveTextAsync(AppServer.AdminUserName);

        Assert.True(problems.Count == 0, $"axe found {problems.Count} serious or critical violations:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    });

    [Fact]
    public Task Accessibility_PortalPagesOfAWorkshopUser_HaveNoSeriousViolations() => RunInPageBypassingCspAsync(async page =>
    {
        await EnsureWorkshopAsync();
        var problems = new List<string>();
        var excluded = Excluded;
        async Task CheckAsync(string where) => problems.AddRange(await AxeCheck.SeriousViolationsAsync(page, where, excluded));

        await AccountSteps.EnterPasswordAsync(page, "ben.dev", AccessModelServiceCollectionExtensions.WorkshopSeederPassword);
        await AccountSteps.EnrollTotpAsync(page);
        await Expect(page.Locator("#signed-in-user")).ToHaveTextAsync("ben.dev");

        // The portal: the accounts, one opened on its roles, and the access keys dialog.
        await OpenAsync(page, "/start");
        await CheckAsync("/start");
        excluded = ExcludedAfterTheLayoutIsChecked;
        var account = page.Locator(".ic-portal-account").First;
        await account.Locator(".portal-account-toggle").ClickAsync();
        await Expect(account.Locator(".portal-role").First).ToBeVisibleAsync();
        await CheckAsync("/start, an account opened");
        var console = await account.Locator(".portal-console-link").First.GetAttributeAsync("href");
        await account.Locator(".portal-access-keys").First.ClickAsync();
        await Expect(page.Locator("#akid-Posix .ic-copy-text")).ToBeVisibleAsync();
        await CheckAsync("/start, access keys dialog");
        await page.Locator("#access-keys-close").ClickAsync();

        foreach (var path in RoutablePages.Portal.Where(p => p != "/start"))
        {
            await OpenAsync(page, path);
            await CheckAsync(path);
        }

        // The playground's role list open, the built-in console, the device and sign-in request pages.
        await OpenAsync(page, "/start/playground");
        await page.Locator("#playground-role").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Option).First).ToBeVisibleAsync();
        await CheckAsync("/start/playground, role list open");

        await OpenAsync(page, console!);
        await CheckAsync("/start/console");
        foreach (var path in new[] { "/device", "/start/authorize" })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("h1").First).ToBeVisibleAsync();
            await CheckAsync(path);
        }

        Assert.True(problems.Count == 0, $"axe found {problems.Count} serious or critical violations:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    });

    [Fact]
    public Task Phone_PortalHomeCredentialsDialogAndCliSetup_FitTheScreenAndKeepTheirActionsUsable() => RunInPageAsync(async page =>
    {
        await EnsureWorkshopAsync();
        await page.SetViewportSizeAsync(390, 844);
        await AccountSteps.EnterPasswordAsync(page, "dan.ops", AccessModelServiceCollectionExtensions.WorkshopSeederPassword);
        await AccountSteps.EnrollTotpAsync(page);
        await Expect(page.Locator("#signed-in-user")).ToBeAttachedAsync();

        // Home: the accounts, one opened on its roles.
        await OpenAsync(page, "/start");
        var account = page.Locator(".ic-portal-account").First;
        await ExpectUsableAsync(page, "#portal-playground-link", "#portal-cli-link", "#portal-refresh", ".portal-search input");
        await ExpectUsableAsync(account.Locator(".portal-account-toggle"));
        await account.Locator(".portal-account-toggle").ClickAsync();
        var role = account.Locator(".portal-role").First;
        await ExpectUsableAsync(role.Locator(".portal-console-link"));
        await ExpectUsableAsync(role.Locator(".portal-console-button"));
        await ExpectUsableAsync(role.Locator(".portal-access-keys"));
        await ExpectNoSidewaysScrollingAsync(page, "/start with an account opened");

        // The credentials dialog: inside the screen, its tabs, copy buttons and Close reachable.
        await role.Locator(".portal-access-keys").ClickAsync();
        await Expect(page.Locator("#akid-Posix .ic-copy-text")).ToBeVisibleAsync();
        await ExpectNoSidewaysScrollingAsync(page, "the access keys dialog");
        var dialog = page.Locator(".mud-dialog").First;
        var box = (await dialog.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"The access keys dialog spans {box.X}..{box.X + box.Width} px on a 390 px screen.");
        await ExpectUsableAsync(dialog.GetByRole(AriaRole.Tab).First);
        await ExpectUsableAsync(dialog.Locator("#akid-Posix button").First);
        await ExpectUsableAsync(page.Locator("#access-keys-close"));
        await page.Locator("#access-keys-close").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        // Configure my CLI: the steps and their copy buttons.
        await OpenAsync(page, "/start/cli");
        await ExpectNoSidewaysScrollingAsync(page, "/start/cli");
        await ExpectUsableAsync(page.GetByRole(AriaRole.Tab).First);
        await ExpectUsableAsync(page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Copy") }).First);
    });

    /// <summary>The page is no wider than the screen: nothing to scroll sideways to.</summary>
    private static async Task ExpectNoSidewaysScrollingAsync(IPage page, string where)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, innerWidth]");
        var (scrollWidth, innerWidth) = (widths[0], widths[1]);
        if (scrollWidth > innerWidth)
        {
            var wide = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > innerWidth + 1 && e.offsetParent !== null)
                    .slice(0, 8)
                    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + e.className.trim().split(/\s+/).join('.') : '') + ' right=' + Math.round(e.getBoundingClientRect().right))
                """);
            Assert.Fail($"{where} scrolls sideways on a 390 px screen ({scrollWidth} > {innerWidth}); too wide: {string.Join(", ", wide)}");
        }
    }

    private static async Task ExpectUsableAsync(IPage page, params string[] selectors)
    {
        foreach (var selector in selectors)
        {
            await ExpectUsableAsync(page.Locator(selector).First);
        }
    }

    /// <summary>The control is visible, lies within the screen's width, and a click would reach it (nothing covers it).</summary>
    private static async Task ExpectUsableAsync(ILocator control)
    {
        await Expect(control).ToBeVisibleAsync();
        var box = (await control.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= 390 + 0.5, $"{control} spans {box.X}..{box.X + box.Width} px on a 390 px screen.");
        await control.ClickAsync(new LocatorClickOptions { Trial = true, Timeout = 5_000 });
    }

    /// <summary>Seeds the workshop organization once per app server (the tests of this class share one).</summary>
    private async Task EnsureWorkshopAsync()
    {
        var seeded = await Server.Services.SeedIdentityCenterWorkshopAsync(reset: false);
        Assert.True(seeded.Succeeded || seeded.ErrorKind == OperationErrorKind.Conflict, seeded.Summary);
    }

    /// <summary>Opens a page of the interactive app and waits until it has connected and loaded its data.</summary>
    internal static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitForCircuitAsync(page);
        await Expect(page.Locator("h1").First).ToBeVisibleAsync();
        await SettleAsync(page);
    }

    /// <summary>
    /// Moves to another page the way the app's own links do (interactive routing on the open circuit): the document and
    /// the injected checker stay, which keeps a run over every page quick. Waits for the new page's heading and data.
    /// </summary>
    internal static async Task NavigateWithinTheAppAsync(IPage page, string path)
    {
        if (new Uri(page.Url).AbsolutePath == path)
        {
            return;
        }

        await page.EvaluateAsync("() => document.querySelectorAll('h1').forEach(h => h.dataset.previousPage = 'true')");
        await page.EvaluateAsync("path => Blazor.navigateTo(path)", path);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
        await Expect(page.Locator("h1:not([data-previous-page])").First).ToBeVisibleAsync();
        await SettleAsync(page);
    }

    /// <summary>Waits until no page-loading bar is left (the pages show one while they read their data).</summary>
    internal static Task SettleAsync(IPage page) =>
        Expect(page.Locator(".mud-progress-linear .mud-progress-indeterminate, .mud-progress-linear.mud-progress-indeterminate")).ToHaveCountAsync(0);
}
