using System.Security.Claims;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Identity;

namespace IdentityCenter.Web.Components.Pages.Portal;

/// <summary>The signed-in portal user as the credential service needs them (the MFA flag comes from the sign-in).</summary>
internal static class PortalCaller
{
    public static CredentialCaller From(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
        user.Identity?.Name ?? "",
        user.HasClaim(IdentityCenterClaimTypes.MfaAuthenticated, IdentityCenterClaimTypes.TrueValue));
}
