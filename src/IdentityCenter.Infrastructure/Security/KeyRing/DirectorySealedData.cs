using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Sessions;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Security.KeyRing;

/// <summary>Authenticator app secrets (<c>MfaDevice.ProtectedSecret</c>): a device whose secret can no longer be opened is removed, and its user enrols again.</summary>
internal sealed class MfaSecretsSealedData : IKeyRingSealedData
{
    public string Description => "authenticator app enrolments (those users enrol an app again at their next sign-in)";

    public async Task<int> DiscardAsync(IdentityCenterDbContext db, IReadOnlySet<Guid> discardedKeyIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var devices = await db.MfaDevices.ToListAsync(cancellationToken);
        var lost = devices.Where(d => DataProtectionPayload.SealedWithAny(d.ProtectedSecret, discardedKeyIds)).ToList();
        var userIds = lost.Select(d => d.UserId).Distinct().ToList();
        var userNames = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName, cancellationToken);
        foreach (var device in lost)
        {
            db.MfaDevices.Remove(device);
            db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
                now, Actor.System, AuditEventNames.DeleteMfaDeviceForUser, device.UserId, userNames.GetValueOrDefault(device.UserId),
                request: new Dictionary<string, string?> { ["deviceId"] = device.Id, ["friendlyName"] = device.FriendlyName },
                eventSource: AuditEventSources.SsoDirectory)));
        }

        return lost.Count;
    }
}

/// <summary>Sign-in sessions: their cookies were sealed with the key ring, so every active session ends.</summary>
internal sealed class SignInSessionsSealedData : IKeyRingSealedData
{
    public string Description => "sign-in sessions (everyone signs in again)";

    public async Task<int> DiscardAsync(IdentityCenterDbContext db, IReadOnlySet<Guid> discardedKeyIds, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.UserSessions.Where(s => s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, SessionEndReasons.KeyRingReset), cancellationToken);
}
