using Bunit;
using IdentityCenter.Core.Security;
using IdentityCenter.Web.Components.Pages.Admin.Settings;
using MudBlazor;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Settings;

public sealed class MfaSettingsPageTests
{
    private static IRenderedComponent<MfaSettingsPage> Render(AdminTestContext admin)
    {
        admin.RenderProviders();
        var page = admin.Context.Render<MfaSettingsPage>();
        page.WaitForElement("form#mfa-form");
        return page;
    }

    [Fact]
    public async Task SaveMfa_AlwaysOnAndAdminsOnly_SavesChosenSettings()
    {
        await using var admin = new AdminTestContext();
        var page = Render(admin);

        await page.InvokeAsync(() => page.FindComponent<MudRadioGroup<MfaMode>>().Instance.ValueChanged.InvokeAsync(MfaMode.AlwaysOn));
        await page.InvokeAsync(() => page.FindComponent<MudRadioGroup<MfaNoDevicePolicy>>().Instance.ValueChanged.InvokeAsync(MfaNoDevicePolicy.Block));
        await page.InvokeAsync(() => page.FindComponent<MudRadioGroup<MfaDeviceManagement>>().Instance.ValueChanged.InvokeAsync(MfaDeviceManagement.AdministratorsOnly));
        page.Find("form#mfa-form").Submit();

        page.WaitForAssertion(() => Assert.Equal([new MfaSettings(MfaMode.AlwaysOn, MfaNoDevicePolicy.Block, MfaDeviceManagement.AdministratorsOnly)], admin.Settings.SavedMfa));
    }

    [Fact]
    public async Task Render_DefaultSignIn_ShowsEightHoursAndLockoutDefaults()
    {
        await using var admin = new AdminTestContext();

        var page = Render(admin);

        Assert.Equal("5", page.Find(".field-lockoutthreshold input").GetAttribute("value"));
        Assert.Equal("15", page.Find(".field-lockoutduration input").GetAttribute("value"));
        Assert.Equal("8", page.Find(".field-sessionduration input").GetAttribute("value"));
        Assert.Equal("Hours", page.Find(".field-sessionunit input").GetAttribute("value"));
    }

    [Fact]
    public async Task SaveSignIn_SessionTooShort_ShowsRangeMessageAndDoesNotSave()
    {
        await using var admin = new AdminTestContext();
        var page = Render(admin);

        await page.InvokeAsync(() => page.FindComponent<MudSelect<MfaSettingsPage.DurationUnit>>().Instance.ValueChanged.InvokeAsync(MfaSettingsPage.DurationUnit.Minutes));
        page.Find(".field-sessionduration input").Change("10");
        page.Find("form#signin-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("between 15 minutes and 90 days", page.Find(".field-sessionduration").TextContent, StringComparison.Ordinal));
        Assert.Empty(admin.Settings.SavedSignIn);
    }

    [Fact]
    public async Task SaveSignIn_ValidValues_SavesThresholdDurationAndSessionLength()
    {
        await using var admin = new AdminTestContext();
        var page = Render(admin);

        page.Find(".field-lockoutthreshold input").Change("3");
        page.Find(".field-lockoutduration input").Change("30");
        await page.InvokeAsync(() => page.FindComponent<MudSelect<MfaSettingsPage.DurationUnit>>().Instance.ValueChanged.InvokeAsync(MfaSettingsPage.DurationUnit.Days));
        page.Find(".field-sessionduration input").Change("90");
        page.Find("form#signin-form").Submit();

        page.WaitForAssertion(() => Assert.Single(admin.Settings.SavedSignIn));
        var saved = admin.Settings.SavedSignIn[0];
        Assert.Equal((3, TimeSpan.FromMinutes(30), TimeSpan.FromDays(90)), (saved.LockoutThreshold, saved.LockoutDuration, saved.SessionDuration));
    }

    [Fact]
    public async Task SaveSignIn_ThresholdAboveRange_ShowsRangeMessage()
    {
        await using var admin = new AdminTestContext();
        var page = Render(admin);

        page.Find(".field-lockoutthreshold input").Change("101");
        page.Find("form#signin-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("between 1 and 100", page.Find(".field-lockoutthreshold").TextContent, StringComparison.Ordinal));
        Assert.Empty(admin.Settings.SavedSignIn);
    }

    [Fact]
    public async Task Render_DatabaseDown_SaysSoInsteadOfTheForms()
    {
        await using var admin = new AdminTestContext();
        admin.Settings.ReadFailure = new TimeoutException("database timeout");
        admin.RenderProviders();

        var page = admin.Context.Render<MfaSettingsPage>();

        page.WaitForAssertion(() => Assert.Equal("The settings could not be loaded: the directory database did not answer. Reload the page in a moment.", page.Find(".settings-load-error").TextContent.Trim()));
        Assert.Empty(page.FindAll("form"));
    }
}
