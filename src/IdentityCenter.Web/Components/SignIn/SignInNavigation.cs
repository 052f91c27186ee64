using IdentityCenter.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace IdentityCenter.Web.Components.SignIn;

/// <summary>Where a user goes once a sign-in step succeeds: the next required step, else where they were going.</summary>
internal static class SignInNavigation
{
    public const string ChangePasswordPath = "/Account/ChangePassword";
    public const string EnrollMfaPath = "/Account/EnrollMfa";

    /// <summary>Where signing out lands: the sign-in page saying "You are signed out".</summary>
    public const string SignedOutPath = "/Account/Login?signedOut=true";

    public static async Task<string> NextStepAsync(SignInManager<ApplicationUser> signInManager, ApplicationUser user, string? returnUrl)
    {
        var requirements = await ((IdentityCenterSignInManager)signInManager).GetRequirementsAsync(user);
        var target = IdentityRedirectManager.LocalOrHome(returnUrl);
        var query = "?returnUrl=" + Uri.EscapeDataString(target);
        if (requirements.MustChangePassword)
        {
            return ChangePasswordPath + query;
        }

        return requirements.MfaEnrollmentRequired ? EnrollMfaPath + query : target;
    }
}
