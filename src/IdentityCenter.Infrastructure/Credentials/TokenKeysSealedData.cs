using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities.Credentials;
using IdentityCenter.Infrastructure.Security.KeyRing;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Credentials;

/// <summary>
/// Session-token keys (<see cref="TokenKeyRecord.ProtectedMaterial"/>): a key whose material can no longer
/// be opened is removed, so the credentials it sealed are refused; the next start creates a new key.
/// </summary>
internal sealed class TokenKeysSealedData : IKeyRingSealedData
{
    public string Description => "session-token keys (the role credentials they sealed stop working)";

    public async Task<int> DiscardAsync(IdentityCenterDbContext db, IReadOnlySet<Guid> discardedKeyIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var keys = await db.Set<TokenKeyRecord>().ToListAsync(cancellationToken);
        var lost = keys.Where(k => DataProtectionPayload.SealedWithAny(k.ProtectedMaterial, discardedKeyIds)).ToList();
        db.Set<TokenKeyRecord>().RemoveRange(lost);
        return lost.Count;
    }
}
