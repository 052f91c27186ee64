using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Identity;

/// <summary>Records each newly set password hash (never the password) and keeps the history no longer than the longest reuse window.</summary>
internal static class PasswordHistoryWriter
{
    public static async Task RecordAsync(IdentityCenterDbContext db, ApplicationUser user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (user.PasswordHash is null)
        {
            return;
        }

        db.PasswordHistory.Add(new PasswordHistoryEntry { UserId = user.Id, PasswordHash = user.PasswordHash, CreatedAt = now });
        var stale = await db.PasswordHistory.Where(p => p.UserId == user.Id)
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Skip(PasswordPolicy.ReusePreventionUpperBound - 1)
            .ToListAsync(cancellationToken);
        db.PasswordHistory.RemoveRange(stale);
    }
}
