using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Identity;

/// <summary>
/// Checks every password set, change and reset against the policy stored in the database (length,
/// character classes) and against the user's last N password hashes (PasswordReusePrevention).
/// Error codes are the <see cref="PasswordRule"/> names plus <c>PasswordReused</c>.
/// </summary>
public sealed class PolicyPasswordValidator(IDirectorySettingsService settings, IdentityCenterDbContext db) : IPasswordValidator<ApplicationUser>
{
    public const string ReusedCode = "PasswordReused";

    public async Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        var policy = await settings.GetPasswordPolicyAsync();
        var errors = PasswordPolicyChecker.Check(policy, password).Violations
            .Select(v => new IdentityError { Code = v.Rule.ToString(), Description = v.Description + "." })
            .ToList();

        if (errors.Count == 0 && policy.PasswordReusePrevention is { } remembered && !string.IsNullOrEmpty(user.Id) && password is not null)
        {
            var hashes = await db.PasswordHistory.AsNoTracking()
                .Where(p => p.UserId == user.Id)
                .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
                .Take(remembered)
                .Select(p => p.PasswordHash)
                .ToListAsync();
            if (hashes.Any(h => manager.PasswordHasher.VerifyHashedPassword(user, h, password) != PasswordVerificationResult.Failed))
            {
                errors.Add(new IdentityError
                {
                    Code = ReusedCode,
                    Description = remembered == 1
                        ? "The new password must differ from the current one."
                        : $"The new password must differ from your last {remembered} passwords.",
                });
            }
        }

        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }
}
