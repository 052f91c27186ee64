using System.Security.Claims;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Sessions;
using Microsoft.AspNetCore.Identity;

namespace IdentityCenter.Infrastructure.Tests.Identity;

/// <summary>What the sign-in puts in the cookie survives the periodic security-stamp check, and admin rights end with membership.</summary>
public sealed class SessionClaimsTests
{
    public static TheoryData<string> Providers => TestDirectory.Providers;

    private static async Task<(string Cookies, string UserId)> SignInNewUserAsync(TestDirectory t, string userName)
    {
        var created = (await t.Get<IUserDirectoryService>().CreateUserAsync(new CreateUserRequest(userName, userName), t.Admin)).Value!;
        var (scope, http, signIn) = t.NewRequest();
        await using var _ = scope;
        Assert.True((await signIn.PasswordSignInAsync(userName, created.OneTimePassword, false, true)).Succeeded);
        return (TestDirectory.CookiesFrom(http), created.User.Id);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SecurityStampCheck_AfterThirtyMinutes_KeepsSessionAndPendingSteps(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var (cookies, _) = await SignInNewUserAsync(t, "tom");
        var before = await t.AuthenticateAsync(cookies);

        t.Time.Advance(TimeSpan.FromMinutes(31));
        var after = await t.AuthenticateAsync(cookies);

        Assert.NotNull(after);
        Assert.True(after!.HasClaim(IdentityCenterClaimTypes.MustChangePassword, IdentityCenterClaimTypes.TrueValue));
        Assert.True(after.HasClaim(IdentityCenterClaimTypes.MfaEnrollmentRequired, IdentityCenterClaimTypes.TrueValue));
        Assert.Equal(before!.FindFirstValue(IdentityCenterClaimTypes.SessionId), after.FindFirstValue(IdentityCenterClaimTypes.SessionId));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RemoveFromAdministrators_SignedInAdministrator_EndsTheirSessions(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var (cookies, userId) = await SignInNewUserAsync(t, "ada");
        var groups = t.Get<IGroupDirectoryService>();
        Assert.True((await groups.AddMembersAsync(BuiltInGroups.AdministratorsId, [userId], t.Admin)).Succeeded);
        var sessionId = (await t.AuthenticateAsync(cookies))!.FindFirstValue(IdentityCenterClaimTypes.SessionId);
        Assert.True(await t.Get<IUserSessionService>().IsActiveAsync(sessionId));

        var removed = await groups.RemoveMemberAsync(BuiltInGroups.AdministratorsId, userId, t.Admin);

        Assert.True(removed.Succeeded, removed.Summary);
        Assert.False(await t.Get<IUserSessionService>().IsActiveAsync(sessionId));
        Assert.Null(await t.AuthenticateAsync(cookies));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RemoveFromOrdinaryGroup_SignedInUser_KeepsTheirSession(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var (cookies, userId) = await SignInNewUserAsync(t, "otto");
        var groups = t.Get<IGroupDirectoryService>();
        var group = (await groups.CreateGroupAsync(new GroupInput("Readers", null), t.Admin)).Value!;
        Assert.True((await groups.AddMembersAsync(group.Id, [userId], t.Admin)).Succeeded);

        Assert.True((await groups.RemoveMemberAsync(group.Id, userId, t.Admin)).Succeeded);

        Assert.NotNull(await t.AuthenticateAsync(cookies));
    }
}
