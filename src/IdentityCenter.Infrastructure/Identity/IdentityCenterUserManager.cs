using IdentityCenter.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Infrastructure.Identity;

/// <summary>
/// Identity's user manager with lockout driven by the directory settings in the database (threshold
/// and duration), instead of the static <see cref="LockoutOptions"/>. Failed TOTP codes go through
/// <see cref="AccessFailedAsync"/> too, so they count towards the same lockout.
/// </summary>
public sealed class IdentityCenterUserManager(
    IUserStore<ApplicationUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<ApplicationUser> passwordHasher,
    IEnumerable<IUserValidator<ApplicationUser>> userValidators,
    IEnumerable<IPasswordValidator<ApplicationUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<ApplicationUser>> logger,
    IDirectorySettingsService settings,
    TimeProvider timeProvider)
    : UserManager<ApplicationUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> AccessFailedAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        ThrowIfDisposed();
        if (Store is not IUserLockoutStore<ApplicationUser> lockoutStore)
        {
            return await base.AccessFailedAsync(user);
        }

        var signIn = await settings.GetSignInSettingsAsync(CancellationToken);
        var count = await lockoutStore.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count >= signIn.LockoutThreshold)
        {
            Logger.LogInformation("User {UserId} is locked out for {Duration} after {Count} failed attempts.", user.Id, signIn.LockoutDuration, count);
            await lockoutStore.SetLockoutEndDateAsync(user, timeProvider.GetUtcNow() + signIn.LockoutDuration, CancellationToken);
            await lockoutStore.ResetAccessFailedCountAsync(user, CancellationToken);
        }

        return await UpdateUserAsync(user);
    }
}
