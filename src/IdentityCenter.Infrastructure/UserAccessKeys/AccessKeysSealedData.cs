using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Security.KeyRing;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.UserAccessKeys;

/// <summary>Access key secrets (<c>AccessKeyRecord.ProtectedSecret</c>): a key whose secret can no longer be opened cannot be verified, so it is deleted.</summary>
internal sealed class AccessKeysSealedData : IKeyRingSealedData
{
    public string Description => "users' access keys (their holders create new ones)";

    public async Task<int> DiscardAsync(IdentityCenterDbContext db, IReadOnlySet<Guid> discardedKeyIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var keys = await db.AccessKeys.ToListAsync(cancellationToken);
        var lost = keys.Where(k => DataProtectionPayload.SealedWithAny(k.ProtectedSecret, discardedKeyIds)).ToList();
        var userIds = lost.Select(k => k.UserId).Distinct().ToList();
        var userNames = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName, cancellationToken);
        foreach (var key in lost)
        {
            db.AccessKeys.Remove(key);
            var userName = userNames.GetValueOrDefault(key.UserId);
            db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
                now, Actor.System, AccessKeyAuditNames.DeleteAccessKey, key.UserId, userName,
                request: new Dictionary<string, string?> { ["accessKeyId"] = key.Id, ["userName"] = userName },
                eventSource: AccessKeyAuditNames.Source)));
        }

        return lost.Count;
    }
}
