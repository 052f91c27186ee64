using System.Security.Claims;
using IdentityCenter.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Web.Hosting;

/// <summary>
/// The web host's authentication and authorization: the default schemes (the Identity application cookie), the
/// sign-in pages' paths, the application clock (<see cref="TimeProvider"/>) for cookies, the policies of
/// <see cref="IdentityCenterPolicies"/> and the per-action administration policies (<see cref="AdministrativeActionPolicyProvider"/>).
/// The cookies themselves and their session checks come with Identity in <c>AddIdentityCenterDirectory</c>, which must be called first.
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
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
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
}
