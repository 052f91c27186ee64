using System.Text.RegularExpressions;
using IdentityCenter.Core.Audit;
using IdentityCenter.E2E.Infrastructure;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityCenter.E2E.SignIn;

public sealed class SignInTests(BrowserFixture browser, AppServer server) : BrowserTest(browser, server), IClassFixture<AppServer>
{
    private const string NewPassword = "Str0ng-and-l0ng!";

    private async Task<string> CreateUserAsync(string userName)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<IUserDirectoryService>();
        var created = await users.CreateUserAsync(new CreateUserRequest(userName, $"{userName} Example", Email: $"{userName}@example.com"), Actor.System);
        Assert.True(created.Succeeded, created.Summary);
        return created.Value!.OneTimePassword;
    }

    [Fact]
    public Task BootstrapAdmin_FirstSignIn_MustChangePasswordAndEnrolTotp() => RunInPageAsync(async page =>
    {
        await AccountSteps.EnterPasswordAsync(page, AppServer.AdminUserName, AppServer.AdminBootstrapPassword);
        await AccountSteps.ChangePasswordAsync(page, AppServer.AdminBootstrapPassword, NewPassword);
        await AccountSteps.EnrollTotpAsync(page, "Admin phone");
        await Expect(page.Locator("#signed-in-user")).ToHaveTextAsync(AppServer.AdminUserName);

        // The landing page's circuit first, so the navigation below is not overtaken by its start.
        await WaitForCircuitAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "My account" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account$"));
        await Expect(page.Locator("#account-username")).ToHaveTextAsync(AppServer.AdminUserName);
        await Expect(page.GetByText("Admin phone")).ToBeVisibleAsync();
    });

    [Fact]
    public Task NewUser_OneTimePassword_ChangesEnrolsAndSignsInAgainWithCode_ReusedCodeRefused() => RunInPageAsync(async page =>
    {
        var oneTimePassword = await CreateUserAsync("bob");

        await AccountSteps.EnterPasswordAsync(page, "bob", oneTimePassword);
        await Expect(page.GetByText("You signed in with a one-time password.")).ToBeVisibleAsync();
        await AccountSteps.ChangePasswordAsync(page, oneTimePassword, NewPassword);
        var (key, enrolStep) = await AccountSteps.EnrollTotpAsync(page);
        await Expect(page.Locator("#signed-in-user")).ToHaveTextAsync("bob");
        await WaitForCircuitAsync(page);
        await AccountSteps.SignOutAsync(page);

        await AccountSteps.EnterPasswordAsync(page, "bob", NewPassword);
        await AccountSteps.EnterTotpAsync(page, key, enrolStep + 1);
        await Expect(page.Locator("#signed-in-user")).ToHaveTextAsync("bob");
        await WaitForCircuitAsync(page);
        await AccountSteps.SignOutAsync(page);

        await AccountSteps.EnterPasswordAsync(page, "bob", NewPassword);
        await AccountSteps.EnterTotpAsync(page, key, enrolStep + 1);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not correct or was already used");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/LoginWithTotp"));
    });

    [Fact]
    public Task FiveWrongPasswords_LockTheAccount() => RunInPageAsync(async page =>
    {
        var oneTimePassword = await CreateUserAsync("carol");

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await AccountSteps.EnterPasswordAsync(page, "carol", "wrong-password-" + attempt);
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The user name or password is not correct.");
        }

        await AccountSteps.EnterPasswordAsync(page, "carol", "wrong-password-5");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Lockout"));

        // Even the right password is refused while the account is locked.
        await AccountSteps.EnterPasswordAsync(page, "carol", oneTimePassword);
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Lockout"));
    });

    [Fact]
    public Task UnknownUser_FiveAttempts_SameMessagesAndLockoutAsAKnownUser() => RunInPageAsync(async page =>
    {
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await AccountSteps.EnterPasswordAsync(page, "nobody-here", "whatever-1A!" + attempt);
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The user name or password is not correct.");
        }

        await AccountSteps.EnterPasswordAsync(page, "nobody-here", "whatever-1A!5");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Lockout"));
    });

    [Fact]
    public Task SessionEndedElsewhere_OpenPageGoesToSignInAtOnce() => RunInPageAsync(async page =>
    {
        var oneTimePassword = await CreateUserAsync("dave");
        await AccountSteps.EnterPasswordAsync(page, "dave", oneTimePassword);
        await AccountSteps.ChangePasswordAsync(page, oneTimePassword, NewPassword);
        await AccountSteps.EnrollTotpAsync(page);
        await Expect(page.Locator("#signed-in-user")).ToHaveTextAsync("dave");
        await page.GotoAsync("/account");
        await Expect(page.Locator("#account-username")).ToHaveTextAsync("dave");
        await WaitForCircuitAsync(page);

        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<IUserDirectoryService>();
            var dave = await users.FindByUserNameAsync("dave");
            var sessions = scope.ServiceProvider.GetRequiredService<IUserSessionService>();
            var ended = await sessions.EndAllSessionsAsync(dave!.Id, Actor.System);
            Assert.True(ended.Succeeded);
        }

        // The live circuit hears of the revocation and sends the browser to sign-in without waiting for a click.
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login\\?returnUrl=%2Faccount"));

        // And the old cookie no longer opens anything.
        await page.GotoAsync("/account");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
    });
}
