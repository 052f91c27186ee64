using System.Text.RegularExpressions;
using IdentityCenter.Core.Audit;
using IdentityCenter.E2E.Infrastructure;
using IdentityCenter.Infrastructure.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityCenter.E2E.Admin;

/// <summary>The administrator manages people in the browser while the people use the app in theirs.</summary>
public sealed class DirectoryAdminTests(BrowserFixture browser, AppServer server) : BrowserTest(browser, server), IClassFixture<AppServer>
{
    private const string AdminPassword = "Adm1n-new-Passw0rd!";
    private const string UserPassword = "Erin-Str0ng-Passw0rd!";

    [Fact]
    public Task Admin_CreatesUserAndGroup_UserSignsIn_AdminDeletesSession_UserIsSignedOut() => RunInPagesAsync(2, async pages =>
    {
        var (admin, erin) = (pages[0], pages[1]);

        // The bootstrap administrator signs in for the first time.
        await AccountSteps.EnterPasswordAsync(admin, AppServer.AdminUserName, AppServer.AdminBootstrapPassword);
        await AccountSteps.ChangePasswordAsync(admin, AppServer.AdminBootstrapPassword, AdminPassword);
        await AccountSteps.EnrollTotpAsync(admin, "Admin phone");
        await Expect(admin.Locator("#signed-in-user")).ToHaveTextAsync(AppServer.AdminUserName);

        // Creates a user and reads the one-time password shown once.
        await admin.GotoAsync("/admin/users");
        await WaitForCircuitAsync(admin);
        await admin.Locator(".users-create").ClickAsync();
        await admin.GetByLabel("User name").FillAsync("erin");
        await admin.GetByLabel("Display name").FillAsync("Erin Example");
        await admin.Locator(".create-user-submit").ClickAsync();
        var oneTimePassword = (await admin.Locator(".one-time-password-value").TextContentAsync())!.Trim();
        Assert.False(string.IsNullOrEmpty(oneTimePassword));
        await admin.Locator(".create-user-done").ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Link, new() { Name = "erin" })).ToBeVisibleAsync();

        // Done over the interactive circuit, the change is audited with the administrator's address and browser.
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var created = Assert.Single((await scope.ServiceProvider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(EventName: AuditEventNames.CreateUser, User: "erin"))).Items);
            Assert.Equal((AppServer.AdminUserName, "127.0.0.1", await admin.EvaluateAsync<string>("navigator.userAgent")), (created.UserIdentity.UserName, created.SourceIpAddress, created.UserAgent));
        }

        // Creates a group and adds the user.
        await admin.GotoAsync("/admin/groups");
        await WaitForCircuitAsync(admin);
        await admin.Locator(".groups-create").ClickAsync();
        await admin.GetByLabel("Group name").FillAsync("Analysts");
        await admin.Locator(".create-group-submit").ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex("/admin/groups/"));
        var search = admin.GetByLabel("Find users to add");
        await search.ClickAsync();
        await search.PressSequentiallyAsync("erin", new() { Delay = 50 });
        await admin.GetByRole(AriaRole.Option).Filter(new() { HasText = "Erin Example" }).First.ClickAsync();
        await admin.Locator(".members-add").ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Cell, new() { Name = "erin", Exact = true })).ToBeVisibleAsync();

        // The user signs in with the one-time password, must replace it and register an authenticator.
        await AccountSteps.EnterPasswordAsync(erin, "erin", oneTimePassword);
        await AccountSteps.ChangePasswordAsync(erin, oneTimePassword, UserPassword);
        await AccountSteps.EnrollTotpAsync(erin);
        await Expect(erin.Locator("#signed-in-user")).ToHaveTextAsync("erin");
        await erin.GotoAsync("/account");
        await WaitForCircuitAsync(erin);
        await Expect(erin.Locator("#account-username")).ToHaveTextAsync("erin");

        // The administrator sees the user's session and deletes it.
        await admin.GotoAsync("/admin/users");
        await WaitForCircuitAsync(admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "erin" }).ClickAsync();
        await Expect(admin.Locator(".session-delete").First).ToBeVisibleAsync();
        await admin.Locator(".sessions-delete-all").ClickAsync();
        await admin.Locator(".confirm-dialog-confirm").ClickAsync();

        // The user's open page goes to sign-in at once.
        await Expect(erin).ToHaveURLAsync(new Regex("/Account/Login"));
    });

    [Fact]
    public Task NonAdministrator_OpensAdminPage_IsRefused() => RunInPageAsync(async page =>
    {
        await page.GotoAsync("/admin/users");

        // Anonymous: sent to sign in, with the page to come back to.
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login\\?returnUrl=%2Fadmin%2Fusers", RegexOptions.IgnoreCase));
    });
}
