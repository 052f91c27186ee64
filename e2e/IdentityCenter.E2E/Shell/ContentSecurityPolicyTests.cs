using IdentityCenter.E2E.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Access;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityCenter.E2E.Shell;

/// <summary>
/// Blazor Server and MudBlazor under the app's Content-Security-Policy (script-src 'self', no inline script): the
/// main admin and portal pages load, connect their circuit and open MudBlazor dialogs and menus with no violation
/// reported (the base class fails any test whose browser reports one), and the policy is really enforced.
/// </summary>
public sealed class ContentSecurityPolicyTests(BrowserFixture browser, AppServer server) : BrowserTest(browser, server), IClassFixture<AppServer>
{
    private const string AdminPassword = "Csp-Adm1n-Passw0rd!";

    [Fact]
    public Task MainPages_UnderTheContentSecurityPolicy_WorkWithoutViolations() => RunInPagesAsync(2, async pages =>
    {
        var (admin, user) = (pages[0], pages[1]);
        var seeded = await Server.Services.SeedIdentityCenterWorkshopAsync(reset: false);
        Assert.True(seeded.Succeeded, seeded.Summary);

        // The account pages (static forms) and the first sign-in of the administrator.
        var login = await admin.GotoAsync("/Account/Login");
        Assert.Contains("script-src 'self';", login!.Headers["content-security-policy"], StringComparison.Ordinal);
        await AccountSteps.EnterPasswordAsync(admin, AppServer.AdminUserName, AppServer.AdminBootstrapPassword);
        await AccountSteps.ChangePasswordAsync(admin, AppServer.AdminBootstrapPassword, AdminPassword);
        await AccountSteps.EnrollTotpAsync(admin, "Admin phone");
        await Expect(admin.Locator("#signed-in-user")).ToHaveTextAsync(AppServer.AdminUserName);

        foreach (var path in RoutablePages.Administration.Concat(RoutablePages.Portal))
        {
            await admin.GotoAsync(path);
            await WaitForCircuitAsync(admin);
            await Expect(admin.Locator("h1").First).ToBeVisibleAsync();

            // The page moves focus to its heading after navigation (FocusOnNavigate); the heading shows no focus box.
            var outline = await admin.Locator("h1").First.EvaluateAsync<string>("""
                h => {
                    if (!h.hasAttribute('tabindex')) h.setAttribute('tabindex', '-1');
                    h.focus();
                    const s = getComputedStyle(h);
                    return s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0 ? '' : s.outlineStyle + ' ' + s.outlineWidth;
                }
                """);
            Assert.True(outline.Length == 0, $"The heading of {path} shows a focus box ({outline}) when the page focuses it.");
        }

        // The audit log fits 1280 px: no sideways scrolling, and a timestamp stays on one line.
        await admin.SetViewportSizeAsync(1280, 800);
        await admin.GotoAsync("/admin/audit");
        await WaitForCircuitAsync(admin);
        await Expect(admin.Locator(".audit-grid .audit-time").First).ToBeVisibleAsync();
        var fit = await admin.EvaluateAsync<string>("""
            () => {
                const problems = [];
                for (const box of document.querySelectorAll('.audit-grid .mud-table-container, html'))
                    if (box.scrollWidth > box.clientWidth + 1) problems.push(`${box.className || box.tagName} scrolls sideways (${box.scrollWidth} > ${box.clientWidth})`);
                const time = document.querySelector('.audit-grid .audit-time');
                const line = parseFloat(getComputedStyle(time).lineHeight) || 20;
                if (time.getBoundingClientRect().height > 2 * line + 16) problems.push(`a timestamp wraps (${time.getBoundingClientRect().height}px)`);
                return problems.join('; ');
            }
            """);
        Assert.True(fit.Length == 0, $"The audit log does not fit 1280 px: {fit}");

        // The pages reached only from others: one user, one account's assignments, not found, access denied, errors.
        var reachedFromOthers = await RoutablePages.ReachedFromOthersAsync(Server.Services);
        foreach (var (path, heading) in reachedFromOthers)
        {
            await admin.GotoAsync(path);
            await Expect(admin.Locator("h1").First).ToContainTextAsync(heading);
        }

        // Every navigation group starts open: the credentials entries are visible without a click.
        await admin.GotoAsync("/admin");
        await WaitForCircuitAsync(admin);
        await Expect(admin.GetByRole(AriaRole.Link, new() { Name = "Resource services" })).ToBeVisibleAsync();

        // MudBlazor's JavaScript at work: the theme switch, then a dialog.
        await admin.GotoAsync("/admin/users");
        await WaitForCircuitAsync(admin);
        await admin.Locator("#theme-toggle").ClickAsync();
        await Expect(admin.Locator("#theme-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await admin.Locator(".users-create").ClickAsync();
        await Expect(admin.GetByLabel("Display name")).ToBeVisibleAsync();

        // A person of the workshop organization uses the portal: the access keys dialog and the playground.
        await AccountSteps.EnterPasswordAsync(user, "ana.admin", AccessModelServiceCollectionExtensions.WorkshopSeederPassword);
        await AccountSteps.EnrollTotpAsync(user);
        await user.GotoAsync("/start");
        await WaitForCircuitAsync(user);
        var account = user.Locator(".ic-portal-account").First;
        await account.Locator(".portal-account-toggle").ClickAsync();
        await account.Locator(".portal-role .portal-access-keys").First.ClickAsync();
        await Expect(user.Locator("#akid-Posix .ic-copy-text")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^ASIA"));
        await user.Locator("#access-keys-close").ClickAsync();

        // A shortcut link keeps its target in the fragment, which the portal reads without script evaluation.
        await user.GotoAsync("/start/#/console?account_id=111122223333&role_name=Shortcut");
        await Expect(user).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/start/console\\?account_id=111122223333&role_name=Shortcut$"));

        await user.GotoAsync("/start/playground");
        await WaitForCircuitAsync(user);
        await user.Locator("#playground-role").ClickAsync();
        await Expect(user.GetByRole(AriaRole.Option).First).ToBeVisibleAsync();

        // The CLI set-up page, and the sign-in consent page opened without a request (it says what is missing).
        await user.GotoAsync("/start/cli");
        await WaitForCircuitAsync(user);
        await Expect(user.Locator("h1").First).ToHaveTextAsync("Configure my CLI");
        await user.GotoAsync("/start/authorize");
        await Expect(user.Locator("h1").First).ToHaveTextAsync("Sign-in request not valid");
    });

    [Fact]
    public async Task InjectedInlineScript_IsBlockedByTheBrowser()
    {
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Server.BaseUrl.ToString() });
        var page = await context.NewPageAsync();
        var reported = new List<string>();
        page.Console += (_, message) => reported.Add(message.Text);

        await page.GotoAsync("/Account/Login");
        var ran = await page.EvaluateAsync<bool>("""
            () => {
                const script = document.createElement('script');
                script.textContent = 'window.injectedScriptRan = true';
                document.head.appendChild(script);
                return window.injectedScriptRan === true;
            }
            """);

        Assert.False(ran);
        await Expect(page.Locator("#username")).ToBeVisibleAsync();
        Assert.Contains(reported, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}
