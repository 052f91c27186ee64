using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Infrastructure.Tests.Security;

public sealed class DirectorySettingsServiceTests
{
    public static TheoryData<string> Providers => TestDirectory.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Defaults_AfterFirstRun_ArePresetContextAwareAndFiveFailures(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var all = await t.Get<IDirectorySettingsService>().GetAllAsync();

        Assert.Equal(PasswordPolicy.IdentityCenterDirectory, all.PasswordPolicy);
        Assert.Equal(MfaSettings.Default, all.Mfa);
        Assert.Equal(5, all.SignIn.LockoutThreshold);
        Assert.Equal(TimeSpan.FromMinutes(15), all.SignIn.LockoutDuration);
        Assert.Equal(TimeSpan.FromHours(8), all.SignIn.SessionDuration);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Update_ValidValues_PersistAcrossInstancesAndAreAudited(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var settings = t.Get<IDirectorySettingsService>();
        var policy = new PasswordPolicy { MinimumPasswordLength = 12, RequireNumbers = true, MaxPasswordAge = 90, PasswordReusePrevention = 24 };
        var mfa = new MfaSettings(MfaMode.AlwaysOn, MfaNoDevicePolicy.Block, MfaDeviceManagement.AdministratorsOnly);
        var signIn = new SignInSettings { LockoutThreshold = 3, LockoutDuration = TimeSpan.FromMinutes(5), SessionDuration = TimeSpan.FromDays(90) };

        Assert.True((await settings.UpdatePasswordPolicyAsync(policy, t.Admin)).Succeeded);
        Assert.True((await settings.UpdateMfaSettingsAsync(mfa, t.Admin)).Succeeded);
        Assert.True((await settings.UpdateSignInSettingsAsync(signIn, t.Admin)).Succeeded);

        // A fresh cache reads the row back from the database.
        t.Root.GetRequiredService<DirectorySettingsCache>().Invalidate();
        var all = await settings.GetAllAsync();
        Assert.Equal(policy, all.PasswordPolicy);
        Assert.Equal(mfa, all.Mfa);
        Assert.Equal(signIn, all.SignIn);
        var audit = t.Get<IAuditLog>();
        Assert.Equal("90", Assert.Single((await audit.QueryAsync(new AuditQuery(EventName: AuditEventNames.UpdatePasswordPolicy))).Items).RequestParameters["maxPasswordAge"]);
        Assert.Single((await audit.QueryAsync(new AuditQuery(EventName: AuditEventNames.UpdateMfaSettings))).Items);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Update_OutOfRangeValues_ReturnFieldErrorsAndChangeNothing(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var settings = t.Get<IDirectorySettingsService>();

        var policy = await settings.UpdatePasswordPolicyAsync(new PasswordPolicy { MinimumPasswordLength = 5, MaxPasswordAge = 2000 }, t.Admin);
        var signIn = await settings.UpdateSignInSettingsAsync(new SignInSettings { SessionDuration = TimeSpan.FromMinutes(10), LockoutThreshold = 0 }, t.Admin);

        Assert.Equal(OperationErrorKind.Validation, policy.ErrorKind);
        Assert.Equal(["MinimumPasswordLength", "MaxPasswordAge"], policy.Errors.Select(e => e.Field));
        Assert.Equal(["LockoutThreshold", "SessionDuration"], signIn.Errors.Select(e => e.Field));
        Assert.Equal(PasswordPolicy.IdentityCenterDirectory, await settings.GetPasswordPolicyAsync());
    }
}
