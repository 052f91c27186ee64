using IdentityCenter.Infrastructure.Audit;
using System.Security.Claims;
using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Tests.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace IdentityCenter.Infrastructure.Tests.Identity;

public sealed class MfaEnrollmentSignInTests
{
    public static TheoryData<string> Providers => TestDirectory.Providers;

    private static async Task<(string Cookies, ClaimsPrincipal Principal)> SignInAdminAsync(TestDirectory t)
    {
        var (s1, http1, signIn) = t.NewRequest();
        await using var a = s1;
        Assert.True((await signIn.PasswordSignInAsync("admin", TestDirectory.AdminPassword, false, true)).Succeeded);
        var cookies = TestDirectory.CookiesFrom(http1);
        var (s2, http2, _) = t.NewRequest(cookies);
        await using var b = s2;
        return (cookies, (await http2.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Principal!);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RefreshAfterEnrollment_FirstSignInAdministrator_GetsMfaClaimWithoutEnrolmentClaim(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var (cookies, before) = await SignInAdminAsync(t);
        Assert.True(before.HasClaim(IdentityCenterClaimTypes.MfaEnrollmentRequired, "true"));
        Assert.True(before.HasClaim(IdentityCenterClaimTypes.MustChangePassword, "true"));

        var (s0, h0, early) = t.NewRequest(cookies);
        await using var z = s0;
        h0.User = before;
        var admin = (await t.Get<UserManager<ApplicationUser>>().FindByNameAsync("admin"))!;
        var refusedWithoutDevice = await ((IdentityCenterSignInManager)early).RefreshSignInAfterMfaEnrollmentAsync(admin);

        await MfaDeviceServiceTests.EnrolAsync(t, t.Admin.UserId!, t.Admin);
        var (s1, http1, signIn) = t.NewRequest(cookies);
        await using var a = s1;
        var refreshed = await ((IdentityCenterSignInManager)signIn).RefreshSignInAfterMfaEnrollmentAsync(admin);
        var (s2, http2, _) = t.NewRequest(TestDirectory.CookiesFrom(http1));
        await using var b = s2;
        var after = (await http2.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Principal!;

        Assert.False(refusedWithoutDevice);
        Assert.True(refreshed);
        Assert.True(after.HasClaim(IdentityCenterClaimTypes.MfaAuthenticated, "true"));
        Assert.False(after.HasClaim(c => c.Type == IdentityCenterClaimTypes.MfaEnrollmentRequired));
        Assert.Equal(before.FindFirstValue(IdentityCenterClaimTypes.SessionId), after.FindFirstValue(IdentityCenterClaimTypes.SessionId));
        Assert.Equal(1, (await t.Get<IAuditLog>().QueryAsync(new AuditQuery(EventName: AuditEventNames.UserAuthentication))).TotalCount);
    }
}
