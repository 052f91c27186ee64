using Bunit;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Components.Pages.Admin.Users;
using IdentityCenter.Web.Services;
using IdentityCenter.Web.Tests.Fakes;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Users;

/// <summary>The active sessions section of the user page on its own.</summary>
public sealed class UserSessionsTests
{
    private static AdminTestContext WithTwoSessions(string? administrativeGroup = null)
    {
        var admin = SectionTestUser.Context(administrativeGroup);
        admin.Sessions.Sessions.Add(FakeUserSessionService.NewSession("s1", SectionTestUser.Id));
        admin.Sessions.Sessions.Add(FakeUserSessionService.NewSession("s2", SectionTestUser.Id));
        return admin;
    }

    private static IRenderedComponent<UserSessions> Render(AdminTestContext admin, Action? changed = null, IReadOnlySet<string>? allowed = null) =>
        admin.Context.Render<UserSessions>(p => p
            .Add(x => x.User, SectionTestUser.Of(admin))
            .Add(x => x.Sessions, admin.Sessions.Sessions.Where(s => s.IsActive).ToList())
            .Add(x => x.Allowed, allowed ?? SectionTestUser.Allowing(ConsoleActions.DeleteSessions))
            .Add(x => x.Changed, changed ?? (() => { })));

    [Fact]
    public async Task DeleteAll_Confirmed_EndsEverySessionAndTellsThePage()
    {
        await using var admin = WithTwoSessions();
        var dialogs = admin.RenderProviders();
        var changed = 0;
        var section = Render(admin, () => changed++);

        section.Find(".sessions-delete-all").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("End every session of frank?", dialogs.Find(".confirm-dialog-message").TextContent, StringComparison.Ordinal));
        dialogs.Find(".confirm-dialog-confirm").Click();

        section.WaitForAssertion(() => Assert.Equal(1, changed));
        Assert.Equal([SectionTestUser.Id], admin.Sessions.EndedAll);
        Assert.DoesNotContain(admin.Sessions.Sessions, s => s.IsActive);
    }

    [Fact]
    public async Task Delete_Cancelled_KeepsTheSession()
    {
        await using var admin = WithTwoSessions();
        var dialogs = admin.RenderProviders();
        var changed = 0;
        var section = Render(admin, () => changed++);

        section.FindAll(".session-delete")[0].Click();
        dialogs.WaitForElement(".confirm-dialog-cancel").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".confirm-dialog-cancel")));
        Assert.Empty(admin.Sessions.Ended);
        Assert.Equal(0, changed);
    }

    [Fact]
    public async Task Delete_HelpDeskOnAUserWhoBecameAnAdministrator_RefusedOnTheServerWithTheReason()
    {
        await using var admin = WithTwoSessions(BuiltInGroups.HelpDeskId);
        var dialogs = admin.RenderProviders();
        var section = Render(admin);
        admin.Authorizer.AdministrativeSubjects[SectionTestUser.Id] = BuiltInGroups.AdministratorsName;

        section.FindAll(".session-delete")[1].Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        section.WaitForAssertion(() => Assert.Contains("with an explicit deny", section.Find(".user-sessions-error").TextContent, StringComparison.Ordinal));
        Assert.Empty(admin.Sessions.Ended);
        Assert.All(admin.Sessions.Sessions, s => Assert.True(s.IsActive));
    }

    [Fact]
    public async Task DeleteAll_DatabaseDown_ShowsTheUnavailableFailure()
    {
        await using var admin = WithTwoSessions();
        var dialogs = admin.RenderProviders();
        var changed = 0;
        var section = Render(admin, () => changed++);
        admin.Sessions.StorageFailure = new TimeoutException("database timeout");

        section.Find(".sessions-delete-all").Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        section.WaitForAssertion(() => Assert.Equal(AdminErrors.Unavailable, section.Find(".user-sessions-error").TextContent.Trim()));
        Assert.Equal(0, changed);
        Assert.False(section.Find(".sessions-delete-all").HasAttribute("disabled"));
    }

    [Fact]
    public async Task NoSessions_SaysSo_DeleteAllDisabled_NoButtonsWithoutPermission()
    {
        await using var admin = SectionTestUser.Context();
        admin.RenderProviders();

        var empty = Render(admin);
        Assert.Equal("No active sessions.", empty.Find(".user-sessions-empty").TextContent);
        Assert.True(empty.Find(".sessions-delete-all").HasAttribute("disabled"));

        admin.Sessions.Sessions.Add(FakeUserSessionService.NewSession("s1", SectionTestUser.Id));
        var readOnly = Render(admin, allowed: SectionTestUser.Allowing());
        Assert.Single(readOnly.FindAll(".user-sessions tbody tr"));
        Assert.Empty(readOnly.FindAll(".session-delete"));
        Assert.Empty(readOnly.FindAll(".sessions-delete-all"));
    }
}
