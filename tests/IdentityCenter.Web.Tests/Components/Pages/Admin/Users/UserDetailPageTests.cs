using Bunit;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Web.Components.Pages.Admin.Users;
using IdentityCenter.Web.Tests.Fakes;
using MudBlazor;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Users;

public sealed class UserDetailPageTests
{
    private static AdminTestContext WithFrank()
    {
        var admin = new AdminTestContext();
        admin.Users.Store.Add(FakeUserDirectoryService.NewUser("id-frank", "frank", "Frank Ocean", "frank@example.com", lockedOutUntil: admin.Clock.Now.AddMinutes(10)));
        admin.Groups.AddGroup("g-dev", "Developers");
        admin.Groups.AddMember("g-dev", "id-frank", "frank");
        admin.Mfa.Devices["id-frank"] = [new MfaDeviceInfo("d1", "TOTP", "Phone", DateTimeOffset.UnixEpoch, null)];
        admin.Sessions.Sessions.Add(FakeUserSessionService.NewSession("s1", "id-frank"));
        admin.Sessions.Sessions.Add(FakeUserSessionService.NewSession("s2", "id-frank"));
        admin.Audit.Events.Add(FakeAuditLog.NewEvent("CreateUser", DateTimeOffset.UnixEpoch, target: "id-frank"));
        return admin;
    }

    private static IRenderedComponent<UserDetailPage> Render(AdminTestContext admin) =>
        admin.Context.Render<UserDetailPage>(p => p.Add(x => x.UserId, "id-frank"));

    [Fact]
    public async Task Render_UserWithAssignments_ShowsAwsAccountAccessMarkedDirectOrViaGroup()
    {
        await using var admin = WithFrank();
        admin.Assignments.Effective.Add(new UserAssignmentInfo("111122223333", "Prod Web", "ps-1", "ReadOnly", IsDirect: false, [new GroupRef("g-dev", "Developers")]));
        admin.Assignments.Effective.Add(new UserAssignmentInfo("444455556666", "Sandbox", "ps-2", "PowerUser", IsDirect: true, []));
        admin.RenderProviders();

        var page = Render(admin);

        page.WaitForAssertion(() => Assert.Contains("AWS account access (2)", page.Find(".user-effective-access").TextContent, StringComparison.Ordinal));
        var access = page.Find(".user-effective-access").TextContent;
        Assert.Contains("Prod Web", access, StringComparison.Ordinal);
        Assert.Contains("Developers", access, StringComparison.Ordinal);
        Assert.Contains("PowerUser", access, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_ExistingUser_ShowsProfileGroupsDevicesSessionsAndEvents()
    {
        await using var admin = WithFrank();
        admin.RenderProviders();

        var page = Render(admin);

        page.WaitForElement(".user-title");
        Assert.Equal("frank", page.Find("h1.user-title").TextContent);
        Assert.Equal("Frank Ocean", page.Find(".field-displayname input").GetAttribute("value"));
        Assert.Contains("Developers", page.Find(".user-groups").TextContent, StringComparison.Ordinal);
        Assert.Contains("Phone", page.Find(".user-devices").TextContent, StringComparison.Ordinal);
        Assert.Equal(2, page.FindAll(".user-sessions tbody tr").Count);
        Assert.Contains("CreateUser", page.Find(".user-events").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find(".user-unlock"));
        Assert.Equal("id-frank", admin.Audit.Queries[^1].User);
    }

    [Fact]
    public async Task Render_UserWithAccessKeys_ShowsThemWithStatusAndLastUse()
    {
        await using var admin = WithFrank();
        admin.AccessKeys.Keys["id-frank"] =
        [
            new("AKIAIOSFODNN7EXAMPLE", "id-frank", IdentityCenter.Infrastructure.UserAccessKeys.AccessKeyStatus.Active, DateTimeOffset.UnixEpoch, admin.Clock.Now, "identitystore", "eu-west-1"),
            new("AKIAI44QH8DHBEXAMPLE", "id-frank", IdentityCenter.Infrastructure.UserAccessKeys.AccessKeyStatus.Inactive, DateTimeOffset.UnixEpoch, null, null, null),
        ];
        admin.RenderProviders();

        var page = Render(admin);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".access-key-row").Count));
        Assert.Contains("Access keys (2)", page.Find(".user-access-keys").TextContent, StringComparison.Ordinal);
        Assert.Contains("identitystore in eu-west-1", page.Find(".access-key-row[data-key='AKIAIOSFODNN7EXAMPLE']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Inactive", page.Find(".access-key-row[data-key='AKIAI44QH8DHBEXAMPLE']").TextContent, StringComparison.Ordinal);
        Assert.True(page.Find("button.access-key-create").HasAttribute("disabled"));
    }

    [Fact]
    public async Task ResetPassword_Confirmed_ShowsOneTimePassword()
    {
        await using var admin = WithFrank();
        admin.Users.NextPassword = "Reset#Pw-42";
        var dialogs = admin.RenderProviders();
        var page = Render(admin);
        page.WaitForElement(".user-reset-password");

        page.Find(".user-reset-password").Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal("Reset#Pw-42", page.Find(".one-time-password-value").TextContent));
        Assert.Contains(admin.Users.Calls, c => c.Method == "ResetPasswordAsync" && c.UserId == "id-frank");
    }

    [Fact]
    public async Task Disable_Cancelled_DoesNotCallService()
    {
        await using var admin = WithFrank();
        var dialogs = admin.RenderProviders();
        var page = Render(admin);
        page.WaitForElement(".user-disable");

        page.Find(".user-disable").Click();
        dialogs.WaitForElement(".confirm-dialog-cancel").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".confirm-dialog-cancel")));
        Assert.DoesNotContain(admin.Users.Calls, c => c.Method == "Disable");
        Assert.NotNull(page.Find(".user-disable"));
    }

    [Fact]
    public async Task DeleteSession_Confirmed_EndsThatSessionOnly()
    {
        await using var admin = WithFrank();
        var dialogs = admin.RenderProviders();
        var page = Render(admin);
        page.WaitForElement(".session-delete");

        page.FindAll(".session-delete")[1].Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal([("id-frank", "s2")], admin.Sessions.Ended));
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".user-sessions tbody tr")));
    }

    [Fact]
    public async Task DeleteAllSessions_Confirmed_EndsEverySession()
    {
        await using var admin = WithFrank();
        var dialogs = admin.RenderProviders();
        var page = Render(admin);
        page.WaitForElement(".sessions-delete-all");

        page.Find(".sessions-delete-all").Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        page.WaitForElement(".user-sessions-empty");
        Assert.Equal(["id-frank"], admin.Sessions.EndedAll);
    }

    [Fact]
    public async Task Delete_Refused_ShowsMessageAndStays()
    {
        await using var admin = WithFrank();
        admin.Users.NextFailure = IdentityCenter.Core.Directory.OperationResult.Conflict("", "This is the last enabled administrator. Add another administrator first.");
        var dialogs = admin.RenderProviders();
        var page = Render(admin);
        page.WaitForElement(".user-delete");

        page.Find(".user-delete").Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        page.WaitForAssertion(() => Assert.Contains("last enabled administrator", page.Find(".user-action-error").TextContent, StringComparison.Ordinal));
        Assert.Single(admin.Users.Store);
    }

    [Fact]
    public async Task Render_UnknownUser_ShowsNotFound()
    {
        await using var admin = new AdminTestContext();
        admin.RenderProviders();

        var page = admin.Context.Render<UserDetailPage>(p => p.Add(x => x.UserId, "missing"));

        page.WaitForAssertion(() => Assert.Contains("User not found", page.Find("h1").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResetPassword_DatabaseDown_ShowsMessageInsteadOfFailing()
    {
        await using var admin = WithFrank();
        var dialogs = admin.RenderProviders();
        var page = Render(admin);
        page.WaitForElement(".user-reset-password");
        admin.Users.StorageFailure = new TimeoutException("database timeout");

        page.Find(".user-reset-password").Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        page.WaitForAssertion(() => Assert.Contains("did not answer, so nothing was changed", page.Find(".user-action-error").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll(".one-time-password"));
    }

    [Fact]
    public async Task Render_DatabaseDown_ShowsLoadMessage()
    {
        await using var admin = WithFrank();
        admin.Users.StorageFailure = new TimeoutException("database timeout");
        admin.RenderProviders();

        var page = Render(admin);

        page.WaitForAssertion(() => Assert.Contains("could not be loaded", page.Find(".user-load-error").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SectionChange_ReloadFails_SaysTheChangeWasMadeButIsNotShown()
    {
        await using var admin = WithFrank();
        var dialogs = admin.RenderProviders();
        var page = Render(admin);
        page.WaitForElement(".session-delete");
        admin.Users.StorageFailure = new TimeoutException("database timeout");

        page.FindAll(".session-delete")[0].Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal(IdentityCenter.Web.Components.Admin.OperationState.NotReloaded, page.Find(".user-action-error").TextContent.Trim()));
        Assert.Equal([("id-frank", "s1")], admin.Sessions.Ended);
        Assert.Equal("frank", page.Find("h1.user-title").TextContent);
        Assert.Empty(page.FindAll(".user-load-error"));
    }

    [Fact]
    public async Task Disable_Confirmed_HeaderAndSessionsShowTheNewState()
    {
        await using var admin = WithFrank();
        var dialogs = admin.RenderProviders();
        var page = Render(admin);
        page.WaitForElement(".user-disable");
        // The real service ends the sessions of a disabled user; the fake only disables.
        admin.Sessions.Sessions.Clear();

        page.Find(".user-disable").Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal("Disabled", page.Find(".user-status").TextContent.Trim()));
        Assert.NotNull(page.Find(".user-enable"));
        Assert.NotNull(page.Find(".user-sessions-empty"));
    }
}
