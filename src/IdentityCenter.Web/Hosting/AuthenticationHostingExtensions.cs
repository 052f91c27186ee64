using System.Security.Claims;
using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Web.Hosting;

/// <summary>
/// The web host's authentication and authorization: the Identity cookies the sign-in manager writes (application,
/// two-factor and trusted-device cookies) with the default schemes, the sign-in pages' paths, the application cookie's
/// limits and its per-request session check, the application clock (<see cref="TimeProvider"/>) for cookies, the
/// policies of <see cref="IdentityCenterPolicies"/> and the per-action administration policies
/// (<see cref="AdministrativeActionPolicyProvider"/>). Identity itself (user and sign-in managers, stores, the
/// security-stamp check's interval and carried-over claims) comes from <c>AddIdentityCenterDirectory</c>.
/// </summary>
internal static class AuthenticationHostingExtensions
{
    public static IHostApplicationBuilder AddIdentityCenterAuthentication(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies(cookies =>
            {
                cookies.ApplicationCookie?.Configure(ConfigureApplicationCookie);
                cookies.TwoFactorRememberMeCookie?.Configure(o => o.ExpireTimeSpan = MfaSettings.TrustedDeviceLifetime);
            });

        // Cookies and the security-stamp check read the application clock (shifted in workshop mode), as tokens and sessions do.
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>>(sp =>
            new PostConfigureOptions<CookieAuthenticationOptions>(null, o => o.TimeProvider = sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IPostConfigureOptions<SecurityStampValidatorOptions>>(sp =>
            new PostConfigureOptions<SecurityStampValidatorOptions>(null, o => o.TimeProvider = sp.GetRequiredService<TimeProvider>()));

        services.AddAuthorizationBuilder()
            .AddPolicy(IdentityCenterPolicies.SignedIn, p => p
                .RequireAuthenticatedUser()
                .RequireAssertion(c => !HasPendingStep(c.User)))
            .AddPolicy(IdentityCenterPolicies.Administrator, p => p
                .RequireAuthenticatedUser()
                .RequireClaim(IdentityCenterClaimTypes.Administrator, IdentityCenterClaimTypes.TrueValue)
                .RequireClaim(IdentityCenterClaimTypes.MfaAuthenticated, IdentityCenterClaimTypes.TrueValue)
                .RequireAssertion(c => !HasPendingStep(c.User)));

        services.AddSingleton<IAuthorizationPolicyProvider, AdministrativeActionPolicyProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, AdministrativeActionHandler>());
        return builder;
    }

    /// <summary>A password change or an MFA enrolment is still owed: only the sign-in pages are open.</summary>
    internal static bool HasPendingStep(ClaimsPrincipal user) =>
        user.HasClaim(IdentityCenterClaimTypes.MustChangePassword, IdentityCenterClaimTypes.TrueValue)
        || user.HasClaim(IdentityCenterClaimTypes.MfaEnrollmentRequired, IdentityCenterClaimTypes.TrueValue);

    private static void ConfigureApplicationCookie(CookieAuthenticationOptions o)
    {
        o.LoginPath = "/Account/Login";
        o.LogoutPath = "/Account/Logout";
        o.AccessDeniedPath = "/Account/AccessDenied";

        // Each sign-in sets an absolute expiry from the portal session duration; the cookie never slides past it
        // (a renewal by the security-stamp check keeps the expiry it had).
        o.ExpireTimeSpan = SignInSettings.MaxSessionDuration;
        o.SlidingExpiration = false;
        o.Events.OnValidatePrincipal = ValidateSignInCookieAsync;
    }

    /// <summary>
    /// Every request: a cookie whose sign-in session has ended (signed out, ended by an administrator, expired, user
    /// disabled or deleted, password changed elsewhere) is refused and removed; then Identity's security-stamp check.
    /// </summary>
    private static async Task ValidateSignInCookieAsync(CookieValidatePrincipalContext context)
    {
        var sessionId = context.Principal?.FindFirstValue(IdentityCenterClaimTypes.SessionId);
        var sessions = context.HttpContext.RequestServices.GetRequiredService<IUserSessionService>();
        if (!await sessions.IsActiveAsync(sessionId, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
