using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Security;

namespace IdentityCenter.Web.Tests.Fakes;

public sealed class FakeMfaDeviceService : IMfaDeviceService
{
    public Dictionary<string, List<MfaDeviceInfo>> Devices { get; } = [];

    public List<(string UserId, string DeviceId)> Removed { get; } = [];

    /// <summary>When set, removing a device throws it, as a storage failure would.</summary>
    public Exception? StorageFailure { get; set; }

    public Task<IReadOnlyList<MfaDeviceInfo>> ListDevicesAsync(string userId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<MfaDeviceInfo>>(Devices.TryGetValue(userId, out var list) ? list.ToList() : []);

    /// <summary>The enrolment the next <see cref="BeginTotpEnrollmentAsync"/> starts (also kept as pending).</summary>
    public TotpEnrollment? NextEnrollment { get; set; }

    /// <summary>The code <see cref="CompleteTotpEnrollmentAsync"/> accepts; any other gets the service's message on field Code.</summary>
    public string AcceptedCode { get; set; } = "123456";

    public List<(string UserId, string EnrollmentId, string Code, string FriendlyName)> Completions { get; } = [];

    public Task<OperationResult<TotpEnrollment>> BeginTotpEnrollmentAsync(string userId, Actor actor, CancellationToken cancellationToken = default)
    {
        if (NextEnrollment is null)
        {
            return Task.FromResult(OperationResult.Conflict("", "This user already has 2 authenticator apps, the most allowed.").As<TotpEnrollment>());
        }

        PendingEnrollments[NextEnrollment.EnrollmentId] = NextEnrollment;
        return Task.FromResult(OperationResult.Ok(NextEnrollment));
    }

    // Also on main's interface (pending enrolments for the sign-in page); kept here so the fake compiles before and after the merge.
    public Task<TotpEnrollment?> GetPendingTotpEnrollmentAsync(string userId, string enrollmentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(PendingEnrollments.GetValueOrDefault(enrollmentId));

    public Dictionary<string, TotpEnrollment> PendingEnrollments { get; } = [];

    public Task<OperationResult<MfaDeviceInfo>> CompleteTotpEnrollmentAsync(string userId, string enrollmentId, string code, string friendlyName, Actor actor, CancellationToken cancellationToken = default)
    {
        Completions.Add((userId, enrollmentId, code, friendlyName));
        return Task.FromResult(code == AcceptedCode && PendingEnrollments.Remove(enrollmentId)
            ? OperationResult.Ok(new MfaDeviceInfo("device-1", "TOTP", friendlyName, DateTimeOffset.UnixEpoch, null))
            : OperationResult.Invalid("Code", "That code is not right. Check that the app shows IdentityCenter, wait for a new code and try again.").As<MfaDeviceInfo>());
    }

    public Task<OperationResult> RemoveDeviceAsync(string userId, string deviceId, Actor actor, CancellationToken cancellationToken = default)
    {
        if (StorageFailure is { } storage)
        {
            return Task.FromException<OperationResult>(storage);
        }

        Removed.Add((userId, deviceId));
        Devices[userId].RemoveAll(d => d.Id == deviceId);
        return Task.FromResult(OperationResult.Success);
    }

    public Task<bool> VerifyCodeAsync(string userId, string code, CancellationToken cancellationToken = default) => Task.FromResult(false);
}
