using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Security;

namespace IdentityCenter.Web.Tests.Fakes;

public sealed class FakeMfaDeviceService : IMfaDeviceService
{
    public Dictionary<string, List<MfaDeviceInfo>> Devices { get; } = [];

    public List<(string UserId, string DeviceId)> Removed { get; } = [];

    public Task<IReadOnlyList<MfaDeviceInfo>> ListDevicesAsync(string userId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<MfaDeviceInfo>>(Devices.TryGetValue(userId, out var list) ? list.ToList() : []);

    public Task<OperationResult<TotpEnrollment>> BeginTotpEnrollmentAsync(string userId, Actor actor, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Admin pages do not enrol devices.");

    // Also on main's interface (pending enrolments for the sign-in page); kept here so the fake compiles before and after the merge.
    public Task<TotpEnrollment?> GetPendingTotpEnrollmentAsync(string userId, string enrollmentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(PendingEnrollments.GetValueOrDefault(enrollmentId));

    public Dictionary<string, TotpEnrollment> PendingEnrollments { get; } = [];

    public Task<OperationResult<MfaDeviceInfo>> CompleteTotpEnrollmentAsync(string userId, string enrollmentId, string code, string friendlyName, Actor actor, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Admin pages do not enrol devices.");

    public Task<OperationResult> RemoveDeviceAsync(string userId, string deviceId, Actor actor, CancellationToken cancellationToken = default)
    {
        Removed.Add((userId, deviceId));
        Devices[userId].RemoveAll(d => d.Id == deviceId);
        return Task.FromResult(OperationResult.Success);
    }

    public Task<bool> VerifyCodeAsync(string userId, string code, CancellationToken cancellationToken = default) => Task.FromResult(false);
}
