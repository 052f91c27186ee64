using Microsoft.Extensions.Hosting;
using System.Security.Claims;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Infrastructure.Sessions;
using IdentityCenter.Infrastructure.Tests.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Tests.Identity;

public sealed class SignInTests
{
    public static TheoryData<string> Providers => TestDirectory.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PasswordSignIn_NewUserWithoutDevice_SucceedsWithPendingStepsAndSession(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var created = (await t.Get<IUserDirectoryService>().CreateUserAsync(new CreateUserRequest("paul", "Paul"), t.Admin)).Value!;
        var (scope, http, signIn) = t.NewRequest();
        await using var _ = scope;

        var result = await signIn.PasswordSignInAsync("PAUL", created.OneTimePassword, false, true);

        Assert.True(result.Succeeded);
        var principal = (await http.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Principal;
        Assert.Null(principal); // the cookie is only in the response; read the claims from a follow-up request instead
        var (scope2, http2, _) = t.NewRequest(TestDirectory.CookiesFrom(http));
        await using var __ = scope2;
        var auth = await http2.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        Assert.True(auth.Succeeded);
        var claims = auth.Principal!;
        Assert.True(claims.HasClaim(IdentityCenterClaimTypes.MustChangePassword, "true"));
        Assert.True(claims.HasClaim(IdentityCenterClaimTypes.MfaEnrollmentRequired, "true"));
        Assert.False(claims.HasClaim(c => c.Type == IdentityCenterClaimTypes.MfaAuthenticated));
        var sessionId = claims.FindFirstValue(IdentityCenterClaimTypes.SessionId);
        var session = await t.Get<IUserSessionService>().GetAsync(sessionId!);
        Assert.Equal("127.0.0.1", session!.IpAddress);
        Assert.Equal("tests/1.0", session.UserAgent);
        Assert.False(session.MfaUsed);
        var names = (await t.Get<IAuditLog>().QueryAsync(new AuditQuery(User: "paul", PageSize: 100))).Items.Select(e => e.EventName).ToList();
        Assert.Contains(AuditEventNames.CredentialChallenge, names);
        Assert.Contains(AuditEventNames.CredentialVerification, names);
        Assert.Contains(AuditEventNames.UserAuthentication, names);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PasswordSignIn_FiveWrongPasswords_LocksTheAccount(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var created = (await t.Get<IUserDirectoryService>().CreateUserAsync(new CreateUserRequest("quinn", "Quinn"), t.Admin)).Value!;
        var results = new List<SignInResult>();
        for (var i = 0; i < 5; i++)
        {
            var (scope, _, signIn) = t.NewRequest();
            await using var __ = scope;
            results.Add(await signIn.PasswordSignInAsync("quinn", "Wrong-Passw0rd" + i, false, true));
        }

        var (scope2, _, signIn2) = t.NewRequest();
        await using var ___ = scope2;
        var correct = await signIn2.PasswordSignInAsync("quinn", created.OneTimePassword, false, true);

        Assert.All(results.Take(4), r => Assert.False(r.Succeeded || r.IsLockedOut));
        Assert.True(results[4].IsLockedOut);
        Assert.True(correct.IsLockedOut);
        Assert.NotNull((await t.Get<IUserDirectoryService>().GetUserAsync(created.User.Id))!.LockedOutUntil);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PasswordSignIn_UnknownAndRealNameAcrossTwoInstances_LockAtTheSameAttempt(string provider)
    {
        // Two instances on one database, requests alternating between them as a load balancer sends them.
        await using var a = await TestDirectory.CreateAsync(provider);
        await using var b = await TestDirectory.CreateInstanceOfAsync(a);
        var created = (await a.Get<IUserDirectoryService>().CreateUserAsync(new CreateUserRequest("vera", "Vera"), a.Admin)).Value!;

        async Task<List<SignInResult>> TryAsync(string userName)
        {
            var results = new List<SignInResult>();
            for (var i = 0; i < 6; i++)
            {
                var (scope, _, signIn) = (i % 2 == 0 ? a : b).NewRequest();
                await using var __ = scope;
                results.Add(await signIn.PasswordSignInAsync(userName, "Wrong-Passw0rd" + i, false, true));
            }

            return results;
        }

        var real = await TryAsync("vera");
        var invented = await TryAsync("nobody-vera");

        Assert.Equal(real.Select(r => r.IsLockedOut), invented.Select(r => r.IsLockedOut));
        Assert.Equal([false, false, false, false, true, true], invented.Select(r => r.IsLockedOut));
        Assert.NotNull(created);

        // The lock ends after the lockout time, for the invented name as for a real one.
        a.Time.Advance(TimeSpan.FromMinutes(16));
        var (s, _, again) = b.NewRequest();
        await using var ___ = s;
        Assert.False((await again.PasswordSignInAsync("nobody-vera", "Wrong-Passw0rd", false, true)).IsLockedOut);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PasswordSignIn_DisabledUser_WrongPasswordFailsAndRightPasswordIsNotAllowed(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var users = t.Get<IUserDirectoryService>();
        var created = (await users.CreateUserAsync(new CreateUserRequest("rita", "Rita"), t.Admin)).Value!;
        await users.SetEnabledAsync(created.User.Id, false, t.Admin);

        var (s1, _, signIn1) = t.NewRequest();
        await using var a = s1;
        var wrong = await signIn1.PasswordSignInAsync("rita", "Not-Her-Passw0rd", false, true);
        var (s2, _, signIn2) = t.NewRequest();
        await using var b = s2;
        var right = await signIn2.PasswordSignInAsync("rita", created.OneTimePassword, false, true);
        var (s3, _, signIn3) = t.NewRequest();
        await using var c = s3;
        var unknown = await signIn3.PasswordSignInAsync("nobody-here", "Whatever-1!", false, true);

        Assert.Equal(SignInResult.Failed.ToString(), wrong.ToString());
        Assert.True(right.IsNotAllowed);
        Assert.Equal(SignInResult.Failed.ToString(), unknown.ToString());
        var failures = await t.Get<IAuditLog>().QueryAsync(new AuditQuery(EventName: AuditEventNames.CredentialVerification, Outcome: Core.Audit.AuditOutcome.Failure));
        Assert.Contains(failures.Items, e => e.UserIdentity.UserName == IdentityCenterSignInManager.HiddenUserName && e.ErrorCode == "InvalidCredentials");
        await using var db = await t.NewDbAsync();
        Assert.Empty(await db.AuditEvents.Where(a => a.UserName == "nobody-here" || a.TargetUserName == "nobody-here").ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TotpSignIn_UserWithDevice_RequiresCodeRefusesReplayAndMarksMfa(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var (_, key) = await MfaDeviceServiceTests.EnrolAsync(t, t.Admin.UserId!, t.Admin);
        t.Time.Advance(TimeSpan.FromSeconds(30));

        var (s1, http1, signIn1) = t.NewRequest();
        await using var a = s1;
        var password = await signIn1.PasswordSignInAsync("admin", TestDirectory.AdminPassword, false, true);
        var twoFactorCookies = TestDirectory.CookiesFrom(http1);
        var code = TotpVerifier.ComputeCode(key, t.Time.GetUtcNow());

        var (s2, http2, signIn2) = t.NewRequest(twoFactorCookies);
        await using var b = s2;
        var totp = await signIn2.TwoFactorAuthenticatorSignInAsync(code, false, false);
        var (s3, _, signIn3) = t.NewRequest(twoFactorCookies);
        await using var c = s3;
        var replay = await signIn3.TwoFactorAuthenticatorSignInAsync(code, false, false);

        Assert.True(password.RequiresTwoFactor);
        Assert.True(totp.Succeeded);
        Assert.False(replay.Succeeded);
        var (s4, http4, _) = t.NewRequest(TestDirectory.CookiesFrom(http2));
        await using var d = s4;
        var principal = (await http4.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Principal!;
        Assert.True(principal.HasClaim(IdentityCenterClaimTypes.MfaAuthenticated, "true"));
        Assert.True(principal.HasClaim(IdentityCenterClaimTypes.Administrator, "true"));
        Assert.False(principal.HasClaim(c => c.Type == IdentityCenterClaimTypes.MfaEnrollmentRequired));
        var session = await t.Get<IUserSessionService>().GetAsync(principal.FindFirstValue(IdentityCenterClaimTypes.SessionId)!);
        Assert.True(session!.MfaUsed);
        var userAuth = (await t.Get<IAuditLog>().QueryAsync(new AuditQuery(EventName: AuditEventNames.UserAuthentication))).Items;
        Assert.Equal("PASSWORD,TOTP", Assert.Single(userAuth).AdditionalEventData[AdditionalEventDataKeys.CredentialType]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TotpSignIn_WrongCodesCountTowardsLockout(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        await t.Get<IDirectorySettingsService>().UpdateSignInSettingsAsync(new SignInSettings { LockoutThreshold = 3 }, t.Admin);
        await MfaDeviceServiceTests.EnrolAsync(t, t.Admin.UserId!, t.Admin);
        var (s1, http1, signIn1) = t.NewRequest();
        await using var a = s1;
        Assert.True((await signIn1.PasswordSignInAsync("admin", TestDirectory.AdminPassword, false, true)).RequiresTwoFactor);
        var cookies = TestDirectory.CookiesFrom(http1);

        var results = new List<SignInResult>();
        for (var i = 0; i < 3; i++)
        {
            var (s, _, signIn) = t.NewRequest(cookies);
            await using var __ = s;
            results.Add(await signIn.TwoFactorAuthenticatorSignInAsync("000000", false, false));
        }

        Assert.True(results[2].IsLockedOut);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SignOut_EndsTheSessionAndCookieValidationRejectsIt(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var created = (await t.Get<IUserDirectoryService>().CreateUserAsync(new CreateUserRequest("sara", "Sara"), t.Admin)).Value!;
        var (s1, http1, signIn1) = t.NewRequest();
        await using var a = s1;
        await signIn1.PasswordSignInAsync("sara", created.OneTimePassword, false, true);
        var cookies = TestDirectory.CookiesFrom(http1);
        var (s2, http2, signIn2) = t.NewRequest(cookies);
        await using var b = s2;
        var auth = await http2.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        http2.User = auth.Principal!;
        var sessionId = auth.Principal!.FindFirstValue(IdentityCenterClaimTypes.SessionId)!;

        await signIn2.SignOutAsync();

        var (s3, http3, _) = t.NewRequest(cookies);
        await using var c = s3;
        Assert.False((await http3.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Succeeded);
        Assert.False(await t.Get<IUserSessionService>().IsActiveAsync(sessionId));
        Assert.Equal(1, (await t.Get<IAuditLog>().QueryAsync(new AuditQuery(EventName: AuditEventNames.SignOut))).TotalCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CookieValidation_AdminDeletesSession_NextRequestIsAnonymous(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var created = (await t.Get<IUserDirectoryService>().CreateUserAsync(new CreateUserRequest("tom", "Tom"), t.Admin)).Value!;
        var (s1, http1, signIn1) = t.NewRequest();
        await using var a = s1;
        await signIn1.PasswordSignInAsync("tom", created.OneTimePassword, false, true);
        var cookies = TestDirectory.CookiesFrom(http1);
        var (s2, http2, _) = t.NewRequest(cookies);
        await using var b = s2;
        var before = await http2.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var sessionId = before.Principal!.FindFirstValue(IdentityCenterClaimTypes.SessionId)!;

        await t.Get<IUserSessionService>().EndSessionAsync(created.User.Id, sessionId, t.Admin);

        var (s3, http3, _) = t.NewRequest(cookies);
        await using var c = s3;
        Assert.True(before.Succeeded);
        Assert.False((await http3.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Succeeded);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PasswordSignIn_HardExpiredPassword_IsNotAllowed(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var created = (await t.Get<IUserDirectoryService>().CreateUserAsync(new CreateUserRequest("uma", "Uma"), t.Admin)).Value!;
        await t.Get<IDirectorySettingsService>().UpdatePasswordPolicyAsync(PasswordPolicy.IdentityCenterDirectory with { MaxPasswordAge = 1, HardExpiry = true }, t.Admin);
        t.Time.Advance(TimeSpan.FromDays(2));
        var (s, _, signIn) = t.NewRequest();
        await using var a = s;

        var result = await signIn.PasswordSignInAsync("uma", created.OneTimePassword, false, true);

        Assert.True(result.IsNotAllowed);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Bootstrap_SecondRun_DoesNothingAndAdminIsInBuiltInGroup(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);

        var again = await t.Root.InitializeIdentityCenterDirectoryAsync(TextWriter.Null);

        Assert.False(again.AdministratorCreated);
        var admin = await t.Get<IUserDirectoryService>().FindByUserNameAsync("admin");
        Assert.True(admin!.IsAdministrator);
        Assert.True(admin.MustChangePassword);
        Assert.Equal("", t.BootstrapOutput);
        await using var db = await t.NewDbAsync();
        Assert.Equal(1, await db.Users.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Bootstrap_WithoutConfiguredPassword_PrintsAWorkingOneTimePassword(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider, new Dictionary<string, string?> { ["IdentityCenter:Bootstrap:AdminPassword"] = "", ["IdentityCenter:Bootstrap:AdminUserName"] = "root" });

        var line = t.BootstrapOutput.Split('\n').Select(l => l.Trim()).First(l => l.Length >= 16 && !l.Contains(' ', StringComparison.Ordinal) && !l.StartsWith('='));
        var manager = t.Get<UserManager<ApplicationUser>>();
        var root = await manager.FindByNameAsync("root");

        Assert.True(await manager.CheckPasswordAsync(root!, line));
        Assert.True(root!.MustChangePassword);
    }
}
