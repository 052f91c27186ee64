using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Tests.Security;

public sealed class MfaDeviceServiceTests
{
    public static TheoryData<string> Providers => TestDirectory.Providers;

    internal static async Task<(string DeviceId, byte[] Key)> EnrolAsync(TestDirectory t, string userId, Actor actor, string name = "Phone")
    {
        var devices = t.Get<IMfaDeviceService>();
        var enrollment = (await devices.BeginTotpEnrollmentAsync(userId, actor)).Value!;
        var key = TotpVerifier.FromBase32(enrollment.SecretKey)!;
        var code = TotpVerifier.ComputeCode(key, t.Time.GetUtcNow());
        var done = await devices.CompleteTotpEnrollmentAsync(userId, enrollment.EnrollmentId, code, name, actor);
        Assert.True(done.Succeeded, done.Summary);
        return (done.Value!.Id, key);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Enrolment_WithCorrectCode_RegistersDeviceWithEncryptedKey(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var devices = t.Get<IMfaDeviceService>();

        var enrollment = (await devices.BeginTotpEnrollmentAsync(t.Admin.UserId!, t.Admin)).Value!;
        var key = TotpVerifier.FromBase32(enrollment.SecretKey)!;
        var wrong = await devices.CompleteTotpEnrollmentAsync(t.Admin.UserId!, enrollment.EnrollmentId, "000000", "", t.Admin);
        var right = await devices.CompleteTotpEnrollmentAsync(t.Admin.UserId!, enrollment.EnrollmentId, TotpVerifier.ComputeCode(key, t.Time.GetUtcNow()), "Phone", t.Admin);

        Assert.StartsWith("otpauth://totp/IdentityCenter:admin?secret=" + enrollment.SecretKey, enrollment.OtpauthUri, StringComparison.Ordinal);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], enrollment.QrCodePng.Take(4).Select(b => (int)b));
        Assert.Contains("<svg", enrollment.QrCodeSvg, StringComparison.Ordinal);
        Assert.Single(wrong.ErrorsFor("Code"));
        Assert.Single(wrong.ErrorsFor("FriendlyName"));
        Assert.True(right.Succeeded, right.Summary);
        Assert.Equal("Phone", Assert.Single(await devices.ListDevicesAsync(t.Admin.UserId!)).FriendlyName);
        await using var db = await t.NewDbAsync();
        var stored = await db.MfaDevices.SingleAsync();
        Assert.DoesNotContain(enrollment.SecretKey, stored.ProtectedSecret, StringComparison.Ordinal);
        var events = await db.AuditEvents.Where(a => a.EventName.Contains("VirtualMfaDeviceRegistration")).Select(a => a.EventName + a.RequestParameters + a.ResponseElements).ToListAsync();
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.DoesNotContain(enrollment.SecretKey, e, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Enrolment_ThirdAuthenticator_IsRefused(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        await EnrolAsync(t, t.Admin.UserId!, t.Admin, "Phone");
        t.Time.Advance(TimeSpan.FromSeconds(30));
        await EnrolAsync(t, t.Admin.UserId!, t.Admin, "Tablet");

        var third = await t.Get<IMfaDeviceService>().BeginTotpEnrollmentAsync(t.Admin.UserId!, t.Admin);

        Assert.Equal(OperationErrorKind.Conflict, third.ErrorKind);
        Assert.Equal(2, (await t.Get<IMfaDeviceService>().ListDevicesAsync(t.Admin.UserId!)).Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VerifyCode_SameCodeTwice_SecondIsRefusedAndNextStepAccepted(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var (_, key) = await EnrolAsync(t, t.Admin.UserId!, t.Admin);
        var devices = t.Get<IMfaDeviceService>();
        t.Time.Advance(TimeSpan.FromSeconds(30));
        var code = TotpVerifier.ComputeCode(key, t.Time.GetUtcNow());

        var first = await devices.VerifyCodeAsync(t.Admin.UserId!, code);
        var replay = await devices.VerifyCodeAsync(t.Admin.UserId!, code);
        t.Time.Advance(TimeSpan.FromSeconds(30));
        var next = await devices.VerifyCodeAsync(t.Admin.UserId!, TotpVerifier.ComputeCode(key, t.Time.GetUtcNow()));

        Assert.True(first);
        Assert.False(replay);
        Assert.True(next);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VerifyCode_EnrolmentCodeCannotBeReusedToSignIn(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var (_, key) = await EnrolAsync(t, t.Admin.UserId!, t.Admin);

        Assert.False(await t.Get<IMfaDeviceService>().VerifyCodeAsync(t.Admin.UserId!, TotpVerifier.ComputeCode(key, t.Time.GetUtcNow())));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RemoveDevice_AdministratorsOnlyMode_UserIsForbiddenAdminMayRemove(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var created = (await t.Get<IUserDirectoryService>().CreateUserAsync(new CreateUserRequest("nina", "Nina"), t.Admin)).Value!;
        var self = new Actor(created.User.Id, "nina");
        var (deviceId, _) = await EnrolAsync(t, created.User.Id, self);
        await t.Get<IDirectorySettingsService>().UpdateMfaSettingsAsync(MfaSettings.Default with { DeviceManagement = MfaDeviceManagement.AdministratorsOnly }, t.Admin);
        var devices = t.Get<IMfaDeviceService>();

        var bySelf = await devices.RemoveDeviceAsync(created.User.Id, deviceId, self);
        var secondBySelf = await devices.BeginTotpEnrollmentAsync(created.User.Id, self);
        var byAdmin = await devices.RemoveDeviceAsync(created.User.Id, deviceId, t.Admin);

        Assert.Equal(OperationErrorKind.Forbidden, bySelf.ErrorKind);
        Assert.Equal(OperationErrorKind.Forbidden, secondBySelf.ErrorKind);
        Assert.True(byAdmin.Succeeded);
        Assert.Empty(await devices.ListDevicesAsync(created.User.Id));
        Assert.Equal(1, (await t.Get<IAuditLog>().QueryAsync(new AuditQuery(EventName: AuditEventNames.DeleteMfaDeviceForUser))).TotalCount);
    }
}
