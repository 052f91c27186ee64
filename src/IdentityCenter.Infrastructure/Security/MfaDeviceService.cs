using System.Security.Cryptography;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Configuration;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities;
using IdentityCenter.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Infrastructure.Security;

public sealed class MfaDeviceService(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    IDataProtectionProvider dataProtection,
    IDirectorySettingsService settings,
    IOptions<IdentityCenterOptions> options,
    TimeProvider timeProvider) : IMfaDeviceService
{
    /// <summary>The Data Protection purpose of the stored TOTP keys (the workshop events pre-enrol authenticators with it).</summary>
    internal const string ProtectorPurpose = "IdentityCenter.MfaDevice.Secret.v1";
    private static readonly TimeSpan PendingLifetime = TimeSpan.FromHours(1);

    private readonly IDataProtector protector = dataProtection.CreateProtector(ProtectorPurpose);
    private readonly TotpVerifier verifier = new(Workshop.WorkshopClock.Real(timeProvider));

    public async Task<IReadOnlyList<MfaDeviceInfo>> ListDevicesAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.MfaDevices.AsNoTracking()
            .Where(d => d.UserId == userId && d.ConfirmedAt != null)
            .OrderBy(d => d.CreatedAt)
            .Select(d => new MfaDeviceInfo(d.Id, d.Kind, d.FriendlyName, d.CreatedAt, d.LastUsedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<OperationResult<TotpEnrollment>> BeginTotpEnrollmentAsync(string userId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = timeProvider.GetUtcNow();

        // Encrypt before the transaction: the first Protect may create and store a Data Protection key
        // through another connection, which must not wait on this transaction's write lock.
        var key = TotpVerifier.GenerateKey();
        var base32 = TotpVerifier.ToBase32(key);
        var protectedSecret = protector.Protect(base32);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return OperationResult.NotFound("That user does not exist.").As<TotpEnrollment>();
        }

        var confirmed = await db.MfaDevices.CountAsync(d => d.UserId == userId && d.ConfirmedAt != null, cancellationToken);
        var denied = await CheckManagementAllowedAsync(db, userId, actor, enrolFirstDevice: confirmed == 0, cancellationToken);
        if (denied is not null)
        {
            return denied.As<TotpEnrollment>();
        }

        if (confirmed >= MfaSettings.MaxAuthenticatorApps)
        {
            return OperationResult.Conflict("", $"This user already has {MfaSettings.MaxAuthenticatorApps} authenticator apps, the most allowed. Remove one before adding another.").As<TotpEnrollment>();
        }

        // Only one enrolment at a time per user: a new start replaces an unfinished one.
        await db.MfaDevices.Where(d => d.UserId == userId && d.ConfirmedAt == null).ExecuteDeleteAsync(cancellationToken);

        var device = new MfaDevice
        {
            UserId = userId,
            FriendlyName = "",
            ProtectedSecret = protectedSecret,
            CreatedAt = now,
        };
        db.MfaDevices.Add(device);
        db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
            now, actor, AuditEventNames.StartVirtualMfaDeviceRegistration, userId, user.UserName,
            response: new Dictionary<string, string?> { ["deviceId"] = device.Id },
            eventSource: AuditEventSources.SsoDirectory)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var uri = TotpVerifier.BuildOtpauthUri(options.Value.TotpIssuer, user.UserName ?? userId, base32);
        return OperationResult.Ok(new TotpEnrollment(device.Id, base32, TotpVerifier.FormatKeyForDisplay(base32), uri, QrCodes.Png(uri), QrCodes.Svg(uri)));
    }

    public async Task<TotpEnrollment?> GetPendingTotpEnrollmentAsync(string userId, string enrollmentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = await (
                from d in db.MfaDevices
                join u in db.Users on d.UserId equals u.Id
                where d.Id == enrollmentId && d.UserId == userId && d.ConfirmedAt == null
                select new { d.ProtectedSecret, d.CreatedAt, u.UserName })
            .FirstOrDefaultAsync(cancellationToken);
        if (pending is null || timeProvider.GetUtcNow() - pending.CreatedAt > PendingLifetime)
        {
            return null;
        }

        var base32 = protector.Unprotect(pending.ProtectedSecret);
        var uri = TotpVerifier.BuildOtpauthUri(options.Value.TotpIssuer, pending.UserName ?? userId, base32);
        return new TotpEnrollment(enrollmentId, base32, TotpVerifier.FormatKeyForDisplay(base32), uri, QrCodes.Png(uri), QrCodes.Svg(uri));
    }

    public async Task<OperationResult<MfaDeviceInfo>> CompleteTotpEnrollmentAsync(string userId, string enrollmentId, string code, string friendlyName, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var name = (friendlyName ?? "").Trim();
        var errors = new List<FieldError>();
        if (name.Length == 0)
        {
            errors.Add(new("FriendlyName", "Enter a name for this authenticator app, for example \"Phone\"."));
        }
        else if (name.Length > 128 || name.Any(char.IsControl))
        {
            errors.Add(new("FriendlyName", "Use at most 128 characters, without line breaks or tabs."));
        }

        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var device = await db.MfaDevices.FirstOrDefaultAsync(d => d.Id == enrollmentId && d.UserId == userId && d.ConfirmedAt == null, cancellationToken);
        if (device is null || now - device.CreatedAt > PendingLifetime)
        {
            return OperationResult.NotFound("This enrolment has expired or was replaced. Start again to get a new QR code.").As<MfaDeviceInfo>();
        }

        if (name.Length > 0 && await db.MfaDevices.AnyAsync(d => d.UserId == userId && d.ConfirmedAt != null && d.FriendlyName == name, cancellationToken))
        {
            errors.Add(new("FriendlyName", $"You already have an authenticator app named \"{name}\". Choose another name."));
        }

        var key = TotpVerifier.FromBase32(protector.Unprotect(device.ProtectedSecret))!;
        var verification = verifier.Verify(key, code, lastAcceptedStep: null);
        if (!verification.Succeeded)
        {
            errors.Add(new("Code", verification.Failure == TotpFailure.Malformed
                ? "Enter the 6-digit code your authenticator app shows."
                : "That code is not right. Check that the app shows IdentityCenter, wait for a new code and try again."));
        }

        if (errors.Count > 0)
        {
            return OperationResult.Invalid(errors).As<MfaDeviceInfo>();
        }

        if (await db.MfaDevices.CountAsync(d => d.UserId == userId && d.ConfirmedAt != null, cancellationToken) >= MfaSettings.MaxAuthenticatorApps)
        {
            return OperationResult.Conflict("", $"This user already has {MfaSettings.MaxAuthenticatorApps} authenticator apps, the most allowed.").As<MfaDeviceInfo>();
        }

        var userName = await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).FirstAsync(cancellationToken);
        device.FriendlyName = name;
        device.ConfirmedAt = now;
        device.LastAcceptedTimeStep = verification.MatchedStep;
        device.ConcurrencyStamp = Guid.NewGuid();
        db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
            now, actor, AuditEventNames.CompleteVirtualMfaDeviceRegistration, userId, userName,
            request: new Dictionary<string, string?> { ["deviceId"] = device.Id, ["friendlyName"] = name },
            eventSource: AuditEventSources.SsoDirectory)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return OperationResult.Ok(new MfaDeviceInfo(device.Id, device.Kind, device.FriendlyName, device.CreatedAt, device.LastUsedAt));
    }

    public async Task<OperationResult> RemoveDeviceAsync(string userId, string deviceId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var device = await db.MfaDevices.FirstOrDefaultAsync(d => d.Id == deviceId && d.UserId == userId && d.ConfirmedAt != null, cancellationToken);
        if (device is null)
        {
            return OperationResult.NotFound("That authenticator app is not registered (it may have been removed already).");
        }

        var denied = await CheckManagementAllowedAsync(db, userId, actor, enrolFirstDevice: false, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var userName = await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).FirstAsync(cancellationToken);
        db.MfaDevices.Remove(device);
        db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
            now, actor, AuditEventNames.DeleteMfaDeviceForUser, userId, userName,
            request: new Dictionary<string, string?> { ["deviceId"] = device.Id, ["friendlyName"] = device.FriendlyName },
            eventSource: AuditEventSources.SsoDirectory)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return OperationResult.Success;
    }

    public async Task<bool> VerifyCodeAsync(string userId, string code, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var devices = await db.MfaDevices.Where(d => d.UserId == userId && d.ConfirmedAt != null).ToListAsync(cancellationToken);
        foreach (var device in devices)
        {
            byte[]? key;
            try
            {
                key = TotpVerifier.FromBase32(protector.Unprotect(device.ProtectedSecret));
            }
            catch (CryptographicException)
            {
                // A key ring that lost this key cannot verify the device; the user needs an administrator to remove it.
                continue;
            }

            if (key is null)
            {
                continue;
            }

            var result = verifier.Verify(key, code, device.LastAcceptedTimeStep);
            if (!result.Succeeded)
            {
                continue;
            }

            device.LastAcceptedTimeStep = result.MatchedStep;
            device.LastUsedAt = now;
            device.ConcurrencyStamp = Guid.NewGuid();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another request accepted a code for this device at the same moment: treat this one as a replay.
                return false;
            }
        }

        return false;
    }

    /// <summary>Null when the actor may manage this user's devices; otherwise the Forbidden result.</summary>
    private async Task<OperationResult?> CheckManagementAllowedAsync(IdentityCenterDbContext db, string userId, Actor actor, bool enrolFirstDevice, CancellationToken cancellationToken)
    {
        var mfa = await settings.GetMfaSettingsAsync(cancellationToken);
        if (actor.UserId != userId || mfa.DeviceManagement == MfaDeviceManagement.Users || enrolFirstDevice)
        {
            return null;
        }

        var isAdmin = await db.GroupMemberships.AnyAsync(m => m.UserId == userId && m.GroupId == BuiltInGroups.AdministratorsId, cancellationToken);
        return isAdmin ? null : OperationResult.Forbidden("Only administrators can manage MFA devices. Ask an administrator for help.");
    }
}
