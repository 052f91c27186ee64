using IdentityCenter.Core.Directory;
using IdentityCenter.E2E.Infrastructure;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityCenter.E2E.Accessibility;

/// <summary>
/// The layout check (<see cref="LayoutCheck"/>) on every routable page: at 1280x800 signed out, through the sign-in steps
/// and as the administrator; at 390x844 (a phone) as a person of the workshop organization in the portal. Fails on any
/// invisible, cut-off or covered control, two overlapping controls or a page that scrolls sideways, listed by page and
/// selector. A third test shows the check finds each kind of fault.
/// </summary>
public sealed class LayoutTests(BrowserFixture browser, AppServer server) : BrowserTest(browser, server), IClassFixture<AppServer>
{
    private const string AdminPassword = "Layout-Adm1n-Passw0rd!";

    /// <summary>Selectors left out of the check, each for a reason our markup cannot change. Never a whole kind of finding.</summary>
    private static readonly string[] Excluded =
    [
        // Blazor's reconnection dialog and error bar: hidden until the circuit drops or fails.
        "#components-reconnect-modal", "#blazor-error-ui",
    ];

    [Fact]
    public Task Layout_EveryPageAt1280x800SignedOutAndAsAdministrator_HasNoInvisibleCoveredOrOverlappingControl() => RunInPageAsync(async page =>
    {
        await EnsureWorkshopAsync();
        await page.SetViewportSizeAsync(1280, 800);
        var findings = new List<string>();
        async Task CheckAsync(string where) => findings.AddRange(await LayoutCheck.FindingsAsync(page, where, Excluded));

        foreach (var path in new[] { "/", "/Account/Lockout", "/Account/AccessDenied" })
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
        await Expect(page.Locator("#new-password")).ToBeVisibleAsync();
        await CheckAsync("/Account/ChangePassword");
        await AccountSteps.ChangePasswordAsync(page, AppServer.AdminBootstrapPassword, AdminPassword);
        await Expect(page.Locator("#totp-key")).ToBeAttachedAsync();
        await CheckAsync("/Account/EnrollMfa");
        var (key, step) = await AccountSteps.EnrollTotpAsync(page, "Admin phone");
        await Expect(page.Locator("#signed-in-user")).ToHaveTextAsync(AppServer.AdminUserName);

        await AccessibilityTests.OpenAsync(page, RoutablePages.Administration[0]);
        foreach (var path in RoutablePages.Administration.Concat(RoutablePages.Portal))
        {
            await AccessibilityTests.NavigateWithinTheAppAsync(page, path);
            await CheckAsync(path);
        }

        foreach (var (path, heading) in await RoutablePages.ReachedFromOthersAsync(Server.Services))
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("h1").First).ToContainTextAsync(heading);
            await AccessibilityTests.SettleAsync(page);
            await CheckAsync(path);
        }

        // A dialog over its page.
        await AccessibilityTests.OpenAsync(page, "/admin/users");
        await page.Locator(".users-create").ClickAsync();
        await Expect(page.GetByLabel("Display name")).ToBeVisibleAsync();
        await CheckAsync("/admin/users, create user dialog");
        await page.Locator(".create-user-cancel").ClickAsync();

        await AccountSteps.SignOutAsync(page);
        await CheckAsync("/Account/Login?signedOut=true");
        await AccountSteps.EnterPasswordAsync(page, AppServer.AdminUserName, AdminPassword);
        await Expect(page.GetByLabel("Authenticator code")).ToBeVisibleAsync();
        await CheckAsync("/Account/LoginWithTotp");
        await AccountSteps.EnterTotpAsync(page, key, Math.Max(step + 1, AccountSteps.CurrentStep()));
        await Expect(page.Locator("#signed-in-user")).ToHaveTextAsync(AppServer.AdminUserName);

        Assert.True(findings.Count == 0, $"The layout check found {findings.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, findings)}");
    });

    [Fact]
    public Task Layout_PortalPagesAt390x844AsAWorkshopUser_HaveNoInvisibleCoveredOrOverlappingControl() => RunInPageAsync(async page =>
    {
        await EnsureWorkshopAsync();
        await page.SetViewportSizeAsync(390, 844);
        var findings = new List<string>();
        async Task CheckAsync(string where) => findings.AddRange(await LayoutCheck.FindingsAsync(page, $"{where} (390x844)", Excluded));

        await page.GotoAsync("/Account/Login");
        await CheckAsync("/Account/Login");
        await AccountSteps.EnterPasswordAsync(page, "cara.data", AccessModelServiceCollectionExtensions.WorkshopSeederPassword);
        await Expect(page.Locator("#totp-key")).ToBeAttachedAsync();
        await CheckAsync("/Account/EnrollMfa");
        await AccountSteps.EnrollTotpAsync(page);
        await Expect(page.Locator("#signed-in-user")).ToBeAttachedAsync();

        foreach (var path in RoutablePages.Portal)
        {
            await AccessibilityTests.OpenAsync(page, path);
            await CheckAsync(path);
        }

        await AccessibilityTests.OpenAsync(page, "/start");
        var account = page.Locator(".ic-portal-account").First;
        await account.Locator(".portal-account-toggle").ClickAsync();
        await Expect(account.Locator(".portal-role").First).ToBeVisibleAsync();
        await CheckAsync("/start, an account opened");
        var console = await account.Locator(".portal-console-link").First.GetAttributeAsync("href");
        await account.Locator(".portal-access-keys").First.ClickAsync();
        await Expect(page.Locator("#akid-Posix .ic-copy-text")).ToBeVisibleAsync();
        await CheckAsync("/start, access keys dialog");
        await page.Locator("#access-keys-close").ClickAsync();

        await AccessibilityTests.OpenAsync(page, console!);
        await CheckAsync("/start/console");
        foreach (var path in new[] { "/device", "/start/authorize" })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("h1").First).ToBeVisibleAsync();
            await CheckAsync(path);
        }

        Assert.True(findings.Count == 0, $"The layout check found {findings.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, findings)}");
    });

    [Fact]
    public Task LayoutCheck_OnAPageBrokenOnPurpose_FindsEachKindOfFault() => RunInPageAsync(async page =>
    {
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync("/Account/Login");
        Assert.Empty(await LayoutCheck.FindingsAsync(page, "/Account/Login", Excluded));

        // Break the page the ways the check looks for (through the DOM: the app's CSP refuses an injected style sheet).
        await page.EvaluateAsync("""
            () => {
                const next = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Next');
                next.style.color = 'transparent';
                next.style.border = 'none';
                next.style.background = 'transparent';
                next.style.boxShadow = 'none';
                const field = document.getElementById('username') ?? document.querySelector('input:not([type=hidden])');
                const box = field.getBoundingClientRect();
                const cover = document.createElement('div');
                cover.id = 'cover-on-purpose';
                Object.assign(cover.style, { position: 'fixed', left: box.left + 'px', top: box.top + 'px', width: box.width + 'px', height: box.height + 'px', background: 'white' });
                document.body.append(cover);
                const wide = document.createElement('a');
                wide.href = '#'; wide.id = 'wide-on-purpose'; wide.textContent = 'Too wide';
                Object.assign(wide.style, { display: 'block', width: '1600px' });
                document.body.append(wide);
                const at = next.getBoundingClientRect();
                const over = document.createElement('button');
                over.id = 'overlap-on-purpose'; over.textContent = 'On top';
                Object.assign(over.style, { position: 'absolute', left: (at.left + scrollX + 10) + 'px', top: (at.top + scrollY + 5) + 'px' });
                document.body.append(over);
            }
            """);

        var findings = string.Join(Environment.NewLine, await LayoutCheck.FindingsAsync(page, "/Account/Login", Excluded));
        Assert.Contains("\"Next\": invisible", findings, StringComparison.Ordinal);
        Assert.Contains("covered by div#cover-on-purpose", findings, StringComparison.Ordinal);
        Assert.Contains("the page scrolls sideways", findings, StringComparison.Ordinal);
        Assert.Contains("a#wide-on-purpose", findings, StringComparison.Ordinal);
        Assert.Matches("button#overlap-on-purpose \"On top\".*: overlap by", findings);
    });

    /// <summary>Seeds the workshop organization once per app server (the tests of this class share one).</summary>
    private async Task EnsureWorkshopAsync()
    {
        var seeded = await Server.Services.SeedIdentityCenterWorkshopAsync(reset: false);
        Assert.True(seeded.Succeeded || seeded.ErrorKind == OperationErrorKind.Conflict, seeded.Summary);
    }
}
