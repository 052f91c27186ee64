using Microsoft.Playwright;
using OtpNet;
using static Microsoft.Playwright.Assertions;

namespace IdentityCenter.E2E.Infrastructure;

/// <summary>The sign-in steps a person takes, driven through the real pages.</summary>
public static class AccountSteps
{
    public static async Task EnterPasswordAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/Account/Login");
        await ExpectControlsLookLikeControlsAsync(page);
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await ExpectControlsLookLikeControlsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public static async Task ChangePasswordAsync(IPage page, string currentPassword, string newPassword)
    {
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/ChangePassword"));
        await page.Locator("#current-password").FillAsync(currentPassword);
        await page.Locator("#new-password").FillAsync(newPassword);
        await page.Locator("#confirm-password").FillAsync(newPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
    }

    /// <summary>Registers an authenticator app from the key shown on the page; returns the key and the time step whose code was used.</summary>
    public static async Task<(byte[] Key, long Step)> EnrollTotpAsync(IPage page, string deviceName = "Test phone")
    {
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/EnrollMfa"));
        var base32 = await page.Locator("#totp-key").GetAttributeAsync("data-key");
        var key = Base32Encoding.ToBytes(base32!);
        var step = CurrentStep();
        await ExpectControlsLookLikeControlsAsync(page);
        await page.GetByLabel("Authenticator code").FillAsync(Code(key, step));
        await page.GetByLabel("Device name").FillAsync(deviceName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        return (key, step);
    }

    public static async Task EnterTotpAsync(IPage page, byte[] key, long step)
    {
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/LoginWithTotp"));
        await ExpectControlsLookLikeControlsAsync(page);
        await page.GetByLabel("Authenticator code").FillAsync(Code(key, step));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
    }

    public static async Task SignOutAsync(IPage page)
    {
        await page.Locator("#sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login\\?signedOut=true"));
    }

    /// <summary>
    /// Every visible text field of the account pages (not MudBlazor's, which draw their own outline) has a visible
    /// border, so a field rendered without a <c>type</c> attribute is not white on white; and every text link is
    /// underlined and coloured apart from the text around it, so it does not read as grey text.
    /// </summary>
    public static async Task ExpectControlsLookLikeControlsAsync(IPage page)
    {
        var bare = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input')]
                .filter(e => !['hidden', 'checkbox', 'radio', 'submit', 'button'].includes(e.type))
                .filter(e => e.offsetParent !== null && !e.closest('.mud-input-control'))
                .filter(e => {
                    const s = getComputedStyle(e);
                    return s.borderTopStyle === 'none' || parseFloat(s.borderTopWidth) === 0 || s.borderTopColor === s.backgroundColor;
                })
                .map(e => 'field ' + (e.id || e.name || e.outerHTML.slice(0, 80)))
                .concat([...document.querySelectorAll('.ic-account-card a:not(.ic-button):not(.ic-account-brand)')]
                    .filter(a => a.offsetParent !== null && (!getComputedStyle(a).textDecorationLine.includes('underline')
                        || getComputedStyle(a).color === getComputedStyle(a.closest('p, div, li, span:not(a *)') ?? a.parentElement).color))
                    .map(a => 'link "' + a.textContent.trim() + '"'))
            """);
        Assert.True(bare.Length == 0, $"Controls that do not look like controls on {page.Url}: {string.Join(", ", bare)}");
    }

    /// <summary>
    /// The notification on screen covers none of the page's buttons nor Sign out (they sat under it when
    /// notifications opened at the top right).
    /// </summary>
    public static async Task ExpectNotificationCoversNoActionAsync(IPage page)
    {
        await Expect(page.Locator(".mud-snackbar").First).ToBeVisibleAsync();
        var covered = await page.EvaluateAsync<string[]>("""
            () => {
                const toasts = [...document.querySelectorAll('.mud-snackbar')].map(t => t.getBoundingClientRect());
                const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
                return [...document.querySelectorAll('button, a.mud-button-root, #sign-out')]
                    .filter(e => e.offsetParent !== null && !e.closest('.mud-snackbar'))
                    .filter(e => toasts.some(t => overlaps(t, e.getBoundingClientRect())))
                    .map(e => (e.id || e.getAttribute('aria-label') || e.textContent.trim()).slice(0, 60));
            }
            """);
        Assert.True(covered.Length == 0, $"The notification on {page.Url} covers: {string.Join(", ", covered)}");
    }

    public static long CurrentStep() => DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;

    /// <summary>The code for a 30-second step. The server accepts the steps next to the current one, so tests can use a later step instead of waiting.</summary>
    public static string Code(byte[] key, long step) =>
        new Totp(key).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime);
}
