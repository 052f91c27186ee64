using System.Security.Claims;
using IdentityCenter.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Infrastructure.Identity;

/// <summary>
/// Adds the display name, <see cref="IdentityCenterClaimTypes.Administrator"/> for members of the built-in administrators group and
/// one <see cref="IdentityCenterClaimTypes.AdministrativeGroup"/> per built-in administrative group the user is in.
/// </summary>
public sealed class IdentityCenterClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager,
    IOptions<IdentityOptions> optionsAccessor,
    IDbContextFactory<IdentityCenterDbContext> contexts)
    : UserClaimsPrincipalFactory<ApplicationUser>(userManager, optionsAccessor)
{
    public const string DisplayNameClaimType = "name_display";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaimType, user.DisplayName));
        await using var db = await contexts.CreateDbContextAsync();
        var administrative = BuiltInGroups.AdministrativeIds;
        var groups = await db.GroupMemberships.Where(m => m.UserId == user.Id && administrative.Contains(m.GroupId)).Select(m => m.GroupId).ToListAsync();
        if (groups.Contains(BuiltInGroups.AdministratorsId))
        {
            identity.AddClaim(new Claim(IdentityCenterClaimTypes.Administrator, IdentityCenterClaimTypes.TrueValue));
        }

        foreach (var group in groups)
        {
            identity.AddClaim(new Claim(IdentityCenterClaimTypes.AdministrativeGroup, group));
        }

        return identity;
    }
}
