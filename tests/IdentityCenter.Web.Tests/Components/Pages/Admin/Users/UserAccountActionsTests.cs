using Bunit;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Components.Pages.Admin.Users;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Users;

/// <summary>The sign-in state buttons of the user page on their own: confirmations, the server-side check, failures.</summary>
public sealed class UserAccountActionsTests
{
    private static readonly IReadOnlySet<string> All = SectionTestUser.Allowing(
        ConsoleActions.DisableUser, ConsoleActions.EnableUser, ConsoleActions.ResetPassword, ConsoleActions.DeleteUser);

    private static IRenderedComponent<UserAccountActions> Render(AdminTestContext admin, IReadOnlySet<string> allowed, Action? changed = null, bool locked = false) =>
        admin.Context.Render<UserAccountActions>(p => p
            .Add(x => x.User, SectionTestUser.Of(admin))
            .Add(x => x.Locked, locked)
            .Add(x => x.Allowed, allowed)
            .Add(x => x.Changed, changed ?? (() => { })));

    [Fact]
    public async Task Buttons_FollowTheAllowedActionsAndTheUsersState()
    {
        await using var admin = SectionTestUser.Context(locked: true);
        admin.RenderProviders();

        var enabled = Render(admin, SectionTestUser.Allowing(ConsoleActions.DisableUser, ConsoleActions.EnableUser), locked: true);

        Assert.Equal(["user-disable", "user-unlock"], enabled.FindAll("button").Select(b => b.ClassList.First(c => c.StartsWith("user-", StringComparison.Ordinal))));
        admin.Users.Store[0] = SectionTestUser.Of(admin) with { Enabled = false };
        var disabled = Render(admin, All);
        Assert.NotNull(disabled.Find(".user-enable"));
        Assert.Empty(disabled.FindAll(".user-disable"));
        Assert.NotNull(disabled.Find(".user-reset-password"));
        Assert.NotNull(disabled.Find(".user-delete"));
    }

    [Fact]
    public async Task Disable_Confirmed_DisablesThroughTheServiceAndTellsThePage()
    {
        await using var admin = SectionTestUser.Context();
        var dialogs = admin.RenderProviders();
        var changed = 0;
        var section = Render(admin, All, () => changed++);

        section.Find(".user-disable").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Disable frank? They cannot sign in while disabled", dialogs.Find(".confirm-dialog-message").TextContent, StringComparison.Ordinal));
        dialogs.Find(".confirm-dialog-confirm").Click();

        section.WaitForAssertion(() => Assert.Equal(1, changed));
        Assert.Contains(admin.Users.Calls, c => c.Method == "Disable" && c.UserId == SectionTestUser.Id);
        Assert.False(SectionTestUser.Of(admin).Enabled);
    }

    [Fact]
    public async Task Delete_Cancelled_NothingChanges()
    {
        await using var admin = SectionTestUser.Context();
        var dialogs = admin.RenderProviders();
        var changed = 0;
        var section = Render(admin, All, () => changed++);

        section.Find(".user-delete").Click();
        dialogs.WaitForElement(".confirm-dialog-cancel").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".confirm-dialog-cancel")));
        Assert.DoesNotContain(admin.Users.Calls, c => c.Method == "DeleteUserAsync");
        Assert.Single(admin.Users.Store);
        Assert.Equal(0, changed);
    }

    [Fact]
    public async Task Delete_Confirmed_DeletesAndReturnsToTheUsers()
    {
        await using var admin = SectionTestUser.Context();
        var dialogs = admin.RenderProviders();
        var section = Render(admin, All);

        section.Find(".user-delete").Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        section.WaitForAssertion(() => Assert.Empty(admin.Users.Store));
        Assert.EndsWith("/admin/users", admin.Context.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetPassword_PageAllowedItButTheServerRefuses_ShowsTheEvaluatorsReasonAndNoPassword()
    {
        // An auditor whose page (wrongly, or before their rights changed) offered the button: the server decides again.
        await using var admin = SectionTestUser.Context(BuiltInGroups.AuditorsId);
        var dialogs = admin.RenderProviders();
        var changed = 0;
        var section = Render(admin, All, () => changed++);

        section.Find(".user-reset-password").Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        section.WaitForAssertion(() => Assert.Contains($"is not authorized to perform: {ConsoleActions.ResetPassword}", section.Find(".user-action-error").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(admin.Users.Calls, c => c.Method == "ResetPasswordAsync");
        Assert.Empty(section.FindAll(".one-time-password-value"));
        Assert.Equal(0, changed);
    }

    [Fact]
    public async Task ResetPassword_Confirmed_ShowsTheOneTimePasswordOnce()
    {
        await using var admin = SectionTestUser.Context();
        admin.Users.NextPassword = "Reset#Pw-42";
        var dialogs = admin.RenderProviders();
        var changed = 0;
        var section = Render(admin, All, () => changed++);

        section.Find(".user-reset-password").Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        section.WaitForAssertion(() => Assert.Equal("Reset#Pw-42", section.Find(".one-time-password-value").TextContent));
        Assert.Equal(1, changed);
    }

    [Fact]
    public async Task ResetPassword_DatabaseDown_ShowsTheUnavailableFailure()
    {
        await using var admin = SectionTestUser.Context();
        var dialogs = admin.RenderProviders();
        var changed = 0;
        var section = Render(admin, All, () => changed++);
        admin.Users.StorageFailure = new TimeoutException("database timeout");

        section.Find(".user-reset-password").Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        section.WaitForAssertion(() => Assert.Equal(AdminErrors.Unavailable, section.Find(".user-action-error").TextContent.Trim()));
        Assert.Empty(section.FindAll(".one-time-password-value"));
        Assert.Equal(0, changed);
    }
}
