using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Security;

namespace IdentityCenter.Infrastructure.Tests.Security;

public sealed class PasswordServiceTests
{
    public static TheoryData<string> Providers => TestDirectory.Providers;

    private static async Task<(string UserId, string Password, Actor Self)> NewUserAsync(TestDirectory t, string name = "alice")
    {
        var created = (await t.Get<IUserDirectoryService>().CreateUserAsync(new CreateUserRequest(name, name), t.Admin)).Value!;
        return (created.User.Id, created.OneTimePassword, new Actor(created.User.Id, name));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ChangePassword_FromOneTimePassword_ClearsMustChangeAndAudits(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var (id, otp, self) = await NewUserAsync(t);
        var passwords = t.Get<IPasswordService>();

        var result = await passwords.ChangePasswordAsync(id, otp, "Brand-New-Pass1", self);

        Assert.True(result.Succeeded, result.Summary);
        var status = await passwords.GetStatusAsync(id);
        Assert.False(status!.MustChange);
        var audit = await t.Get<IAuditLog>().QueryAsync(new AuditQuery(EventName: AuditEventNames.UpdatePassword));
        Assert.Equal("CHANGE", Assert.Single(audit.Items).RequestParameters["passwordMode"]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ChangePassword_PolicyViolations_ReportedOnNewPasswordPerRule(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var (id, otp, self) = await NewUserAsync(t);

        var result = await t.Get<IPasswordService>().ChangePasswordAsync(id, otp, "short", self);

        Assert.Equal(OperationErrorKind.Validation, result.ErrorKind);
        Assert.Equal(4, result.ErrorsFor("NewPassword").Count());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ChangePassword_WrongCurrentPassword_ReportedOnCurrentPassword(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var (id, _, self) = await NewUserAsync(t);

        var result = await t.Get<IPasswordService>().ChangePasswordAsync(id, "Wrong-Passw0rd", "Brand-New-Pass1", self);

        Assert.Single(result.ErrorsFor("CurrentPassword"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ChangePassword_FiveWrongCurrentPasswords_LocksAndAuditsEachFailure(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var (id, otp, self) = await NewUserAsync(t, "guesser");
        var passwords = t.Get<IPasswordService>();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(["The current password is not correct."], (await passwords.ChangePasswordAsync(id, $"Wrong-Passw0rd{i}", "Brand-New-Pass1", self)).ErrorsFor("CurrentPassword"));
        }

        var locked = await passwords.ChangePasswordAsync(id, otp, "Brand-New-Pass1", self);

        Assert.Equal(OperationErrorKind.Forbidden, locked.ErrorKind);
        var failures = await t.Get<IAuditLog>().QueryAsync(new AuditQuery(EventName: AuditEventNames.UpdatePassword, PageSize: 50));
        Assert.Equal(5, failures.Items.Count(e => e.ErrorCode == "InvalidCurrentPassword"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ChangePassword_ReusePrevention_RefusesLastThreeAllowsFourthBack(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var (id, otp, self) = await NewUserAsync(t);
        var passwords = t.Get<IPasswordService>();
        string[] sequence = ["First-Passw0rd", "Second-Passw0rd", "Third-Passw0rd"];
        var current = otp;
        foreach (var next in sequence)
        {
            Assert.True((await passwords.ChangePasswordAsync(id, current, next, self)).Succeeded);
            current = next;
        }

        // History now: otp, First, Second, Third (current). The preset remembers 3: Second, Third and First are refused.
        var reuseFirst = await passwords.ChangePasswordAsync(id, current, "First-Passw0rd", self);
        var reuseSecond = await passwords.ChangePasswordAsync(id, current, "Second-Passw0rd", self);
        var reuseOtp = await passwords.ChangePasswordAsync(id, current, otp, self);

        Assert.Contains("last 3", Assert.Single(reuseFirst.ErrorsFor("NewPassword")), StringComparison.Ordinal);
        Assert.False(reuseSecond.Succeeded);
        Assert.True(reuseOtp.Succeeded, reuseOtp.Summary);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ChangePassword_PolicyForbidsUserChanges_IsForbiddenUnlessRequired(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var settings = t.Get<IDirectorySettingsService>();
        await settings.UpdatePasswordPolicyAsync(PasswordPolicy.IdentityCenterDirectory with { AllowUsersToChangePassword = false }, t.Admin);
        var (id, otp, self) = await NewUserAsync(t);
        var passwords = t.Get<IPasswordService>();

        var forced = await passwords.ChangePasswordAsync(id, otp, "Forced-Change1", self);
        var voluntary = await passwords.ChangePasswordAsync(id, "Forced-Change1", "Voluntary-Chg2", self);

        Assert.True(forced.Succeeded, forced.Summary);
        Assert.Equal(OperationErrorKind.Forbidden, voluntary.ErrorKind);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetStatus_MaxPasswordAgeAppliesAtOnce(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var (id, otp, self) = await NewUserAsync(t);
        var passwords = t.Get<IPasswordService>();
        await passwords.ChangePasswordAsync(id, otp, "Fresh-Passw0rd", self);
        t.Time.Advance(TimeSpan.FromDays(40));

        var before = await passwords.GetStatusAsync(id);
        await t.Get<IDirectorySettingsService>().UpdatePasswordPolicyAsync(PasswordPolicy.IdentityCenterDirectory with { MaxPasswordAge = 30, HardExpiry = true }, t.Admin);
        var after = await passwords.GetStatusAsync(id);

        Assert.False(before!.Expired);
        Assert.True(after!.Expired);
        Assert.True(after.Blocked);
        Assert.True(after.MustChange);
    }
}
