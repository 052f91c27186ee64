using Bunit;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Components.Pages.Admin.Users;
using IdentityCenter.Web.Services;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Users;

/// <summary>The MFA devices section of the user page on its own.</summary>
public sealed class UserMfaDevicesTests
{
    private static AdminTestContext WithTwoDevices(string? administrativeGroup = null)
    {
        var admin = SectionTestUser.Context(administrativeGroup);
        admin.Mfa.Devices[SectionTestUser.Id] =
        [
            new MfaDeviceInfo("d1", "TOTP", "Phone", DateTimeOffset.UnixEpoch, null),
            new MfaDeviceInfo("d2", "TOTP", "Tablet", DateTimeOffset.UnixEpoch, null),
        ];
        return admin;
    }

    private static IRenderedComponent<UserMfaDevices> Render(AdminTestContext admin, Action? changed = null, IReadOnlySet<string>? allowed = null) =>
        admin.Context.Render<UserMfaDevices>(p => p
            .Add(x => x.User, SectionTestUser.Of(admin))
            .Add(x => x.Devices, admin.Mfa.Devices[SectionTestUser.Id].ToList())
            .Add(x => x.Allowed, allowed ?? SectionTestUser.Allowing(ConsoleActions.DeleteMfaDevice))
            .Add(x => x.Changed, changed ?? (() => { })));

    [Fact]
    public async Task Remove_Confirmed_RemovesThatDeviceAndTellsThePage()
    {
        await using var admin = WithTwoDevices();
        var dialogs = admin.RenderProviders();
        var changed = 0;
        var section = Render(admin, () => changed++);

        section.FindAll(".device-remove")[1].Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Remove the authenticator app \"Tablet\" of frank?", dialogs.Find(".confirm-dialog-message").TextContent, StringComparison.Ordinal));
        dialogs.Find(".confirm-dialog-confirm").Click();

        section.WaitForAssertion(() => Assert.Equal(1, changed));
        Assert.Equal([(SectionTestUser.Id, "d2")], admin.Mfa.Removed);
    }

    [Fact]
    public async Task Remove_Cancelled_KeepsTheDevice()
    {
        await using var admin = WithTwoDevices();
        var dialogs = admin.RenderProviders();
        var changed = 0;
        var section = Render(admin, () => changed++);

        section.FindAll(".device-remove")[0].Click();
        dialogs.WaitForElement(".confirm-dialog-cancel").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".confirm-dialog-cancel")));
        Assert.Empty(admin.Mfa.Removed);
        Assert.Equal(2, admin.Mfa.Devices[SectionTestUser.Id].Count);
        Assert.Equal(0, changed);
    }

    [Fact]
    public async Task Remove_HelpDeskOnAUserWhoBecameAnAdministrator_RefusedOnTheServerWithTheReason()
    {
        await using var admin = WithTwoDevices(BuiltInGroups.HelpDeskId);
        var dialogs = admin.RenderProviders();
        var section = Render(admin);
        admin.Authorizer.AdministrativeSubjects[SectionTestUser.Id] = BuiltInGroups.AdministratorsName;

        section.FindAll(".device-remove")[0].Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        section.WaitForAssertion(() => Assert.Contains("with an explicit deny", section.Find(".user-devices-error").TextContent, StringComparison.Ordinal));
        Assert.Contains(ConsoleActions.DeleteMfaDevice, section.Find(".user-devices-error").TextContent, StringComparison.Ordinal);
        Assert.Empty(admin.Mfa.Removed);
    }

    [Fact]
    public async Task Remove_DatabaseDown_ShowsTheUnavailableFailure()
    {
        await using var admin = WithTwoDevices();
        var dialogs = admin.RenderProviders();
        var changed = 0;
        var section = Render(admin, () => changed++);
        admin.Mfa.StorageFailure = new TimeoutException("database timeout");

        section.FindAll(".device-remove")[0].Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        section.WaitForAssertion(() => Assert.Equal(AdminErrors.Unavailable, section.Find(".user-devices-error").TextContent.Trim()));
        Assert.Equal(0, changed);
    }

    [Fact]
    public async Task NotAllowedToRemove_ListsTheDevicesWithoutButtons()
    {
        await using var admin = WithTwoDevices();
        admin.RenderProviders();

        var section = Render(admin, allowed: SectionTestUser.Allowing());

        Assert.Contains("MFA devices (2)", section.Markup, StringComparison.Ordinal);
        Assert.Equal(2, section.FindAll(".user-devices tbody tr").Count);
        Assert.Empty(section.FindAll(".device-remove"));
    }
}
