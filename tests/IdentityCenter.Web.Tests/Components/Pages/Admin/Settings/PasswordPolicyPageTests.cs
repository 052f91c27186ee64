using Bunit;
using IdentityCenter.Core.Security;
using IdentityCenter.Web.Components.Pages.Admin.Settings;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Settings;

public sealed class PasswordPolicyPageTests
{
    private static IRenderedComponent<PasswordPolicyPage> Render(AdminTestContext admin)
    {
        admin.RenderProviders();
        var page = admin.Context.Render<PasswordPolicyPage>();
        page.WaitForElement("form#password-policy-form");
        return page;
    }

    [Fact]
    public async Task Render_StoredPolicy_FillsEveryField()
    {
        await using var admin = new AdminTestContext();
        admin.Settings.PasswordPolicy = new PasswordPolicy { MinimumPasswordLength = 12, MaximumPasswordLength = 100, RequireNumbers = true, MaxPasswordAge = 30, PasswordReusePrevention = null };

        var page = Render(admin);

        Assert.Equal("12", page.Find(".field-minlength input").GetAttribute("value"));
        Assert.Equal("100", page.Find(".field-maxlength input").GetAttribute("value"));
        Assert.Equal("30", page.Find(".field-maxage input").GetAttribute("value"));
        Assert.NotNull(page.Find(".policy-reuse-off"));
        Assert.True(page.Find(".field-numbers input").HasAttribute("checked") || page.Find(".field-numbers input").GetAttribute("aria-checked") == "true");
    }

    [Fact]
    public async Task Save_MinimumLengthBelowRange_ShowsRangeMessageAndDoesNotSave()
    {
        await using var admin = new AdminTestContext();
        var page = Render(admin);

        page.Find(".field-minlength input").Change("5");
        page.Find("form#password-policy-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("must be between 6 and 128", page.Find(".field-minlength").TextContent, StringComparison.Ordinal));
        Assert.Empty(admin.Settings.SavedPolicies);
    }

    [Fact]
    public async Task Save_ExpirationAboveRange_ShowsRangeMessageAndDoesNotSave()
    {
        await using var admin = new AdminTestContext();
        admin.Settings.PasswordPolicy = new PasswordPolicy { MaxPasswordAge = 90 };
        var page = Render(admin);

        page.Find(".field-maxage input").Change("1096");
        page.Find("form#password-policy-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("between 1 and 1095 days", page.Find(".field-maxage").TextContent, StringComparison.Ordinal));
        Assert.Empty(admin.Settings.SavedPolicies);
    }

    [Fact]
    public async Task Save_ReusePreventionAboveRange_ShowsRangeMessage()
    {
        await using var admin = new AdminTestContext();
        admin.Settings.PasswordPolicy = new PasswordPolicy { PasswordReusePrevention = 5 };
        var page = Render(admin);

        page.Find(".field-reuse input").Change("25");
        page.Find("form#password-policy-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("between 1 and 24 passwords", page.Find(".field-reuse").TextContent, StringComparison.Ordinal));
        Assert.Empty(admin.Settings.SavedPolicies);
    }

    [Fact]
    public async Task ApplyPresetThenSave_SavesIdentityCenterDirectoryPolicy()
    {
        await using var admin = new AdminTestContext();
        admin.Settings.PasswordPolicy = new PasswordPolicy { MinimumPasswordLength = 20, MaxPasswordAge = 10 };
        var page = Render(admin);

        page.Find(".policy-preset").Click();
        page.WaitForAssertion(() => Assert.Equal("8", page.Find(".field-minlength input").GetAttribute("value")));
        Assert.Equal("64", page.Find(".field-maxlength input").GetAttribute("value"));
        Assert.Equal("3", page.Find(".field-reuse input").GetAttribute("value"));
        Assert.NotNull(page.Find(".policy-never-expires"));
        Assert.Empty(admin.Settings.SavedPolicies);

        page.Find("form#password-policy-form").Submit();

        page.WaitForAssertion(() => Assert.Equal([PasswordPolicy.IdentityCenterDirectory], admin.Settings.SavedPolicies));
    }

    [Fact]
    public async Task Save_TurnOffExpirationAndChangeLength_SavesNeverExpiringPolicy()
    {
        await using var admin = new AdminTestContext();
        admin.Settings.PasswordPolicy = new PasswordPolicy { MaxPasswordAge = 60, HardExpiry = true };
        var page = Render(admin);

        page.Find(".field-expire input").Change(false);
        page.Find(".field-minlength input").Change("14");
        page.Find("form#password-policy-form").Submit();

        page.WaitForAssertion(() => Assert.Single(admin.Settings.SavedPolicies));
        var saved = admin.Settings.SavedPolicies[0];
        Assert.Null(saved.MaxPasswordAge);
        Assert.False(saved.HardExpiry);
        Assert.Equal(14, saved.MinimumPasswordLength);
    }

    [Fact]
    public async Task DiscardChanges_DatabaseDown_SaysSoInsteadOfTheForm()
    {
        await using var admin = new AdminTestContext();
        var page = Render(admin);
        admin.Settings.ReadFailure = new TimeoutException("database timeout");

        page.Find(".policy-discard").Click();

        page.WaitForAssertion(() => Assert.Equal("The password policy could not be loaded: the directory database did not answer. Reload the page in a moment.", page.Find(".settings-load-error").TextContent.Trim()));
        Assert.Empty(page.FindAll("form#password-policy-form"));
    }
}
