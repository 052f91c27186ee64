using System.Security.Claims;
using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Infrastructure.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace IdentityCenter.Infrastructure.Tests.Identity;

/// <summary>A new password ends the sessions a thief may hold; a changed security stamp ends a cookie within a minute.</summary>
public sealed class PasswordChangeSessionTests
{
    public static TheoryData<string> Providers => TestDirectory.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ChangePassword_OtherSessionEndsAndTheChangingSessionStays(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var created = (await t.Get<IUserDirectoryService>().CreateUserAsync(new CreateUserRequest("petra", "Petra"), t.Admin)).Value!;
        var mine = await t.SignInAsync("petra", created.OneTimePassword);
        var stolen = await t.SignInAsync("petra", created.OneTimePassword);
        Assert.NotNull(await t.AuthenticateAsync(stolen));
        t.Time.Advance(TimeSpan.FromMinutes(2));

        // One request of the changing session, as the change-password page runs it.
        var (scope, http, signIn) = t.NewRequest(mine);
        string renewed;
        string mySession;
        await using (scope)
        {
            var principal = (await http.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Principal!;
            mySession = principal.FindFirstValue(IdentityCenterClaimTypes.SessionId)!;
            var changed = await t.Get<IPasswordService>().ChangePasswordAsync(
                created.User.Id, created.OneTimePassword, "Petra-New-Passw0rd", new Actor(created.User.Id, "petra"), mySession);
            Assert.True(changed.Succeeded, changed.Summary);
            await signIn.RefreshSignInAsync((await signIn.UserManager.FindByIdAsync(created.User.Id))!);
            renewed = TestDirectory.CookiesFrom(http);
        }

        Assert.Null(await t.AuthenticateAsync(stolen));
        t.Time.Advance(TimeSpan.FromMinutes(2));
        var after = await t.AuthenticateAsync(renewed);
        Assert.NotNull(after);
        Assert.Equal(mySession, after!.FindFirstValue(IdentityCenterClaimTypes.SessionId));
        Assert.False(after.HasClaim(IdentityCenterClaimTypes.MustChangePassword, IdentityCenterClaimTypes.TrueValue));
        var sessions = await t.Get<IUserSessionService>().ListForUserAsync(created.User.Id, includeEnded: true);
        Assert.Equal(SessionEndReasons.PasswordChanged, Assert.Single(sessions, s => !s.IsActive).EndReason);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ResetPassword_ByAdministrator_EndsEverySessionOfTheUser(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var users = t.Get<IUserDirectoryService>();
        var created = (await users.CreateUserAsync(new CreateUserRequest("rosa", "Rosa"), t.Admin)).Value!;
        var first = await t.SignInAsync("rosa", created.OneTimePassword);
        var second = await t.SignInAsync("rosa", created.OneTimePassword);

        Assert.True((await users.ResetPasswordAsync(created.User.Id, t.Admin)).Succeeded);

        Assert.Null(await t.AuthenticateAsync(first));
        Assert.Null(await t.AuthenticateAsync(second));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SecurityStamp_ReplacedElsewhere_CookieRefusedWithinAMinute(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var created = (await t.Get<IUserDirectoryService>().CreateUserAsync(new CreateUserRequest("stan", "Stan"), t.Admin)).Value!;
        var cookies = await t.SignInAsync("stan", created.OneTimePassword);
        var manager = t.Get<UserManager<ApplicationUser>>();

        // Another instance (or a direct change) replaces the stamp without ending the session here.
        await manager.UpdateSecurityStampAsync((await manager.FindByIdAsync(created.User.Id))!);
        t.Time.Advance(TimeSpan.FromSeconds(61));

        Assert.Null(await t.AuthenticateAsync(cookies));
    }
}
