using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Infrastructure.Security;

public sealed class PasswordService(
    IServiceScopeFactory scopes,
    IDbContextFactory<IdentityCenterDbContext> contexts,
    IDirectorySettingsService settings,
    SessionStateCache sessionCache,
    TimeProvider timeProvider) : IPasswordService
{
    public async Task<PasswordStatus?> GetStatusAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var policy = await settings.GetPasswordPolicyAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var expired = policy.IsExpired(user.PasswordChangedAt, now);
        var expiresAt = policy.MaxPasswordAge is { } days && user.PasswordChangedAt is { } changed ? changed.AddDays(days) : (DateTimeOffset?)null;
        return new PasswordStatus(user.PasswordChangedAt, expiresAt, user.MustChangePassword, expired, expired && policy.HardExpiry, policy.AllowUsersToChangePassword);
    }

    public async Task<OperationResult> ChangePasswordAsync(string userId, string currentPassword, string newPassword, Actor actor, string? keepSessionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new List<FieldError>();
        if (string.IsNullOrEmpty(currentPassword))
        {
            errors.Add(new("CurrentPassword", "Enter your current password."));
        }

        if (string.IsNullOrEmpty(newPassword))
        {
            errors.Add(new("NewPassword", "Enter a new password."));
        }

        if (errors.Count > 0)
        {
            return OperationResult.Invalid(errors);
        }

        var status = await GetStatusAsync(userId, cancellationToken);
        if (status is null)
        {
            return OperationResult.NotFound("That user does not exist.");
        }

        if (status.Blocked)
        {
            return OperationResult.Forbidden("Your password has expired and can only be reset by an administrator.");
        }

        if (!status.UserMayChange && !status.MustChange)
        {
            return OperationResult.Forbidden("The password policy does not let users change their own password. Ask an administrator to reset it.");
        }

        var now = timeProvider.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<IdentityCenterDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return OperationResult.NotFound("That user does not exist.");
        }

        if (await users.IsLockedOutAsync(user))
        {
            return OperationResult.Forbidden("Too many wrong passwords: the account is locked for a while. Try again later or ask an administrator to unlock it.");
        }

        if (!await users.CheckPasswordAsync(user, currentPassword))
        {
            // A stolen session must not be a free password oracle: wrong guesses count towards lockout and are audited.
            await users.AccessFailedAsync(user);
            db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
                now, actor, AuditEventNames.UpdatePassword, user.Id, user.UserName,
                request: new Dictionary<string, string?> { ["userId"] = user.Id, ["passwordMode"] = "CHANGE" },
                errorCode: "InvalidCurrentPassword", errorMessage: "The current password was not correct.")));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return OperationResult.Invalid("CurrentPassword", "The current password is not correct.");
        }

        if (user.PasswordHash is not null && users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash, newPassword) != PasswordVerificationResult.Failed)
        {
            return OperationResult.Invalid("NewPassword", "The new password must differ from the current one.");
        }

        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!result.Succeeded)
        {
            return UserDirectoryService.ToFailure(result, "NewPassword");
        }

        user.MustChangePassword = false;
        user.PasswordChangedAt = now;
        user.UpdatedAt = now;
        user.UpdatedBy = actor.UserName;
        await users.UpdateAsync(user);
        await PasswordHistoryWriter.RecordAsync(db, user, now, cancellationToken);

        // Whoever else holds a session of this user (a stolen cookie, a forgotten browser) is signed out now.
        var ended = await UserSessionService.EndAllAsync(db, user.Id, SessionEndReasons.PasswordChanged, now, keepSessionId, cancellationToken);
        db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
            now, actor, AuditEventNames.UpdatePassword, user.Id, user.UserName,
            request: new Dictionary<string, string?> { ["userId"] = user.Id, ["passwordMode"] = "CHANGE" },
            response: new Dictionary<string, string?> { ["endedSessions"] = ended.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        sessionCache.Revoke(ended, now);
        return OperationResult.Success;
    }
}
