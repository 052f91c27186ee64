using System.Text.RegularExpressions;
using IdentityCenter.Core.Directory;
using IdentityCenter.E2E.Infrastructure;
using IdentityCenter.Infrastructure.Access;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using OtpNet;
using static Microsoft.Playwright.Assertions;
using static IdentityCenter.E2E.Infrastructure.KeyboardSteps;

namespace IdentityCenter.E2E.Keyboard;

/// <summary>
/// The flows the other browser tests drive with the mouse, done by keyboard alone: after each navigation only Tab,
/// Shift+Tab, Enter, Space, arrows, Escape and typing. Sign-in with a password and an authenticator code (first sign-in
/// with a new password and enrolment, then again with a code), the skip link, creating a user and a group, adding a
/// member, the assignment wizard, editing a permission set, the portal's credentials dialog, and signing out.
/// </summary>
public sealed class KeyboardTests(BrowserFixture browser, AppServer server) : BrowserTest(browser, server), IClassFixture<AppServer>
{
    private const string AdminPassword = "Keyb0ard-Adm1n-Pass!";

    [Fact]
    public Task Keyboard_AdminSignsInCreatesUserAndGroupAssignsEditsPermissionSetAndSignsOut_WithoutMouse() => RunInPageAsync(async page =>
    {
        await EnsureWorkshopAsync();

        // First sign-in: user name, password, a new password, an authenticator app.
        await page.GotoAsync("/Account/Login");
        await TypeIntoAsync(page, page.GetByLabel("User name"), AppServer.AdminUserName);
        await page.Keyboard.PressAsync("Enter");
        await TypeIntoAsync(page, page.GetByLabel("Password", new() { Exact = true }), AppServer.AdminBootstrapPassword);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/ChangePassword"));
        await TypeIntoAsync(page, page.Locator("#current-password"), AppServer.AdminBootstrapPassword);
        await TypeIntoAsync(page, page.Locator("#new-password"), AdminPassword);
        await TypeIntoAsync(page, page.Locator("#confirm-password"), AdminPassword);
        await ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Change password" }));
        await Expect(page).ToHaveURLAsync(new Regex("/Account/EnrollMfa"));
        var key = Base32Encoding.ToBytes((await page.Locator("#totp-key").GetAttributeAsync("data-key"))!);
        var step = AccountSteps.CurrentStep();
        await TypeIntoAsync(page, page.GetByLabel("Authenticator code"), AccountSteps.Code(key, step));
        await TypeIntoAsync(page, page.GetByLabel("Device name"), "Keyboard phone");
        await ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Register" }));
        await Expect(page.Locator("#signed-in-user")).ToHaveTextAsync(AppServer.AdminUserName);

        // The skip link: the first control of the page (Shift+Tab from the heading the page opens on reaches it through the
        // app bar), shown while focused, and moves the focus to the page's content.
        await page.GotoAsync("/admin/users");
        await WaitForCircuitAsync(page);
        var skip = page.Locator("a.ic-skip-link");
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex=\"-1\"])') === document.querySelector('a.ic-skip-link')"),
            "The skip link is not the first focusable element of the page.");
        await TabToAsync(page, skip, backwards: true);
        await Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#main-content")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('main-content').contains(document.activeElement)"),
            $"After the skip link, Tab reaches {await FocusedAsync(page)}, outside the main content.");

        // Create a user in the dialog: the focus starts in it and stays in it.
        await ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Create user" }));
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByLabel("User name")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("kim", new() { Delay = 10 });
        await TypeIntoAsync(page, dialog.GetByLabel("Display name"), "Kim Keyboard");
        await ActivateAsync(page, dialog.Locator(".create-user-submit"));
        await Expect(dialog.Locator(".one-time-password-value")).ToBeVisibleAsync();
        await Expect(dialog.Locator(".create-user-done")).ToBeFocusedAsync();
        for (var i = 0; i < 30; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            Assert.True(await dialog.EvaluateAsync<bool>("d => d.contains(document.activeElement)"), $"Tab left the open dialog for {await FocusedAsync(page)}.");
        }

        await ActivateAsync(page, dialog.Locator(".create-user-done"));
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "kim" })).ToBeVisibleAsync();

        // Create a group and add the user with the member search (arrow keys, Enter).
        await page.GotoAsync("/admin/groups");
        await WaitForCircuitAsync(page);
        await ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Create group" }));
        await Expect(page.GetByRole(AriaRole.Dialog).GetByLabel("Group name")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Keyboarders", new() { Delay = 10 });
        await ActivateAsync(page, page.Locator(".create-group-submit"));
        await Expect(page).ToHaveURLAsync(new Regex("/admin/groups/"));
        await WaitForCircuitAsync(page);
        await TypeIntoAsync(page, page.GetByLabel("Find users to add"), "kim");
        await Expect(page.GetByRole(AriaRole.Option).Filter(new() { HasText = "Kim Keyboard" })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await ActivateAsync(page, page.Locator(".members-add"));
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "kim", Exact = true })).ToBeVisibleAsync();

        // The assignment wizard: an account (Space ticks it), the group, a permission set, create.
        await page.GotoAsync("/admin/assignments/new");
        await WaitForCircuitAsync(page);
        await TypeIntoAsync(page, page.Locator("#wizard-account-filter"), "Sandbox");
        await ActivateAsync(page, page.Locator(".wizard-account input").First, "Space");
        await Expect(page.Locator(".wizard-selected-count")).ToHaveTextAsync("1 account(s) selected");
        await ActivateAsync(page, page.Locator("#wizard-next"));
        await TypeIntoAsync(page, page.Locator("#wizard-group-search"), "Keyboard");
        await ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Add group Keyboarders" }));
        await Expect(page.Locator(".wizard-selected-principal")).ToContainTextAsync("Keyboarders");
        await ActivateAsync(page, page.Locator("#wizard-next"));
        await ActivateAsync(page, page.Locator(".wizard-permission-set").Filter(new() { HasText = "ReadOnly" }).Locator("input"), "Space");
        await ActivateAsync(page, page.Locator("#wizard-next"));
        await ActivateAsync(page, page.Locator("#wizard-create"));
        await Expect(page.Locator(".wizard-done")).ToContainTextAsync("Created 1 assignment(s)");

        // Edit a permission set: its session duration, saved with Enter on Save.
        var setId = await PermissionSetIdAsync("ReadOnly");
        await page.GotoAsync($"/admin/permission-sets/{setId}");
        await WaitForCircuitAsync(page);
        await TypeIntoAsync(page, page.Locator("#ps-session-duration"), "PT2H");
        await ActivateAsync(page, page.Locator("#ps-save"));
        await Expect(page.Locator(".mud-snackbar").First).ToBeVisibleAsync();
        await page.GotoAsync($"/admin/permission-sets/{setId}");
        await WaitForCircuitAsync(page);
        await Expect(page.Locator("#ps-session-duration")).ToHaveValueAsync("PT2H");

        // Sign out, and back in with a code.
        await ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }));
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login\\?signedOut=true"));
        await TypeIntoAsync(page, page.GetByLabel("User name"), AppServer.AdminUserName);
        await page.Keyboard.PressAsync("Enter");
        await TypeIntoAsync(page, page.GetByLabel("Password", new() { Exact = true }), AdminPassword);
        await page.Keyboard.PressAsync("Enter");
        await TypeIntoAsync(page, page.GetByLabel("Authenticator code"), AccountSteps.Code(key, Math.Max(step + 1, AccountSteps.CurrentStep())));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#signed-in-user")).ToHaveTextAsync(AppServer.AdminUserName);
    });

    [Fact]
    public Task Keyboard_PortalUserOpensAnAccountReadsCredentialsClosesTheDialogAndSignsOut_WithoutMouse() => RunInPageAsync(async page =>
    {
        await EnsureWorkshopAsync();
        await page.GotoAsync("/Account/Login");
        await TypeIntoAsync(page, page.GetByLabel("User name"), "eve.audit");
        await page.Keyboard.PressAsync("Enter");
        await TypeIntoAsync(page, page.GetByLabel("Password", new() { Exact = true }), AccessModelServiceCollectionExtensions.WorkshopSeederPassword);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/EnrollMfa"));
        var key = Base32Encoding.ToBytes((await page.Locator("#totp-key").GetAttributeAsync("data-key"))!);
        await TypeIntoAsync(page, page.GetByLabel("Authenticator code"), AccountSteps.Code(key, AccountSteps.CurrentStep()));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#signed-in-user")).ToHaveTextAsync("eve.audit");

        await page.GotoAsync("/start");
        await WaitForCircuitAsync(page);
        var account = page.Locator(".ic-portal-account").First;
        await ActivateAsync(page, account.Locator(".portal-account-toggle"));
        await Expect(account.Locator(".portal-role").First).ToBeVisibleAsync();
        var accessKeys = account.Locator(".portal-access-keys").First;
        await ActivateAsync(page, accessKeys);
        await Expect(page.Locator("#akid-Posix .ic-copy-text")).ToBeVisibleAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await ExpectFocusWithinAsync(page, dialog);

        // Tabs with the arrow keys, then Escape closes the dialog and the focus returns to the button that opened it.
        await TabToAsync(page, dialog.GetByRole(AriaRole.Tab, new() { Name = "macOS and Linux" }));
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(dialog.GetByRole(AriaRole.Tab, new() { Name = "Windows" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog.GetByRole(AriaRole.Tab, new() { Name = "Windows" })).ToHaveAttributeAsync("aria-selected", "true");
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(accessKeys).ToBeFocusedAsync();

        await ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }));
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login\\?signedOut=true"));
    });

    /// <summary>The focus moves into <paramref name="container"/> (a dialog takes it once it has rendered).</summary>
    private static async Task ExpectFocusWithinAsync(IPage page, ILocator container)
    {
        for (var attempt = 0; attempt < 50 && !await container.EvaluateAsync<bool>("d => d.contains(document.activeElement)"); attempt++)
        {
            await Task.Delay(100);
        }

        Assert.True(await container.EvaluateAsync<bool>("d => d.contains(document.activeElement)"), $"{container} does not hold the focus: {await FocusedAsync(page)}.");
    }

    private async Task<string> PermissionSetIdAsync(string name)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IPermissionSetService>().ListAsync()).Single(s => s.Name == name).Id;
    }

    private async Task EnsureWorkshopAsync()
    {
        var seeded = await Server.Services.SeedIdentityCenterWorkshopAsync(reset: false);
        Assert.True(seeded.Succeeded || seeded.ErrorKind == OperationErrorKind.Conflict, seeded.Summary);
    }
}
