using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Identity;

/// <summary>
/// The authenticator-app token provider for Identity's two-factor sign-in: codes are checked against
/// the user's registered devices with the replay guard of <see cref="IMfaDeviceService"/>.
/// Registered under <see cref="TokenOptions.DefaultAuthenticatorProvider"/>.
/// </summary>
public sealed class TotpTokenProvider(IMfaDeviceService devices, IDbContextFactory<IdentityCenterDbContext> contexts) : IUserTwoFactorTokenProvider<ApplicationUser>
{
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync();
        return await db.MfaDevices.AnyAsync(d => d.UserId == user.Id && d.ConfirmedAt != null);
    }

    /// <summary>Codes come from the user's app; the server never generates one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user) => Task.FromResult(string.Empty);

    public Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return devices.VerifyCodeAsync(user.Id, token);
    }
}
