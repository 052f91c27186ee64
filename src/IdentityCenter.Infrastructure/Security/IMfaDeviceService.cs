using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;

namespace IdentityCenter.Infrastructure.Security;

/// <summary>
/// Authenticator apps (TOTP) of a user: at most 2 each, keys encrypted with Data Protection.
/// When MFA device management is "administrators only", a non-administrator actor may only enrol
/// a first device (registration required at sign-in) and may not remove devices (Forbidden).
/// Field names in errors: Code, FriendlyName.
/// </summary>
public interface IMfaDeviceService
{
    Task<IReadOnlyList<MfaDeviceInfo>> ListDevicesAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Starts an enrolment: a new key, otpauth URI and QR code. Audited as StartVirtualMfaDeviceRegistration.</summary>
    Task<OperationResult<TotpEnrollment>> BeginTotpEnrollmentAsync(string userId, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>The enrolment started by <see cref="BeginTotpEnrollmentAsync"/> while still pending, to show its QR code again after a wrong code; null when expired or replaced.</summary>
    Task<TotpEnrollment?> GetPendingTotpEnrollmentAsync(string userId, string enrollmentId, CancellationToken cancellationToken = default);

    /// <summary>Confirms with a current code and a friendly name (1-128 characters, unique per user). Audited as CompleteVirtualMfaDeviceRegistration.</summary>
    Task<OperationResult<MfaDeviceInfo>> CompleteTotpEnrollmentAsync(string userId, string enrollmentId, string code, string friendlyName, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Removes a device. Audited as DeleteMfaDeviceForUser.</summary>
    Task<OperationResult> RemoveDeviceAsync(string userId, string deviceId, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks a code against the user's confirmed devices with the replay guard (a code is accepted
    /// at most once). Used by the sign-in TOTP provider; pages normally go through SignInManager.
    /// </summary>
    Task<bool> VerifyCodeAsync(string userId, string code, CancellationToken cancellationToken = default);
}
