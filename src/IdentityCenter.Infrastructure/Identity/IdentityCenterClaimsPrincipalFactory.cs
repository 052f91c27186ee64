using System.Security.Claims;
using IdentityCenter.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Infrastructure.Identity;

/// <summary>Adds the display name and, for members of the built-in administrators group, <see cref="IdentityCenterClaimTypes.Administrator"/>.</summary>
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
        if (await db.GroupMemberships.AnyAsync(m => m.UserId == user.Id && m.GroupId == BuiltInGroups.AdministratorsId))
        {
            identity.AddClaim(new Claim(IdentityCenterClaimTypes.Administrator, IdentityCenterClaimTypes.TrueValue));
        }

        return identity;
    }
}
