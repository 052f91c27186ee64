using System.Security.Claims;
using IdentityCenter.Core.Administration;

namespace IdentityCenter.Infrastructure.Identity;

/// <summary>The administrator a signed-in principal is, read from the claims the sign-in put in the cookie.</summary>
public static class AdministratorClaims
{
    /// <summary>
    /// The administrator behind <paramref name="user"/>: id, name, the built-in administrative groups named by
    /// <see cref="IdentityCenterClaimTypes.AdministrativeGroup"/> (and <see cref="IdentityCenterClaimTypes.Administrator"/>
    /// for the administrators group) and whether the sign-in used MFA. Null when not signed in.
    /// </summary>
    public static AdministratorIdentity? From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { Length: > 0 } id)
        {
            return null;
        }

        var groups = new List<string>();
        if (user.HasClaim(IdentityCenterClaimTypes.Administrator, IdentityCenterClaimTypes.TrueValue))
        {
            groups.Add(BuiltInGroups.AdministratorsName);
        }

        foreach (var claim in user.FindAll(IdentityCenterClaimTypes.AdministrativeGroup))
        {
            if (BuiltInGroups.FindById(claim.Value) is { } group && !groups.Contains(group.Name))
            {
                groups.Add(group.Name);
            }
        }

        var name = user.Identity.Name ?? user.FindFirstValue(ClaimTypes.Name) ?? id;
        return new AdministratorIdentity(id, name, groups, user.HasClaim(IdentityCenterClaimTypes.MfaAuthenticated, IdentityCenterClaimTypes.TrueValue));
    }
}
