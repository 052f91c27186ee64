using System.Collections.Concurrent;
using IdentityCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.UserAccessKeys;

/// <summary>When, where and with which service an access key was last used.</summary>
public readonly record struct AccessKeyLastUse(DateTimeOffset At, string Service, string Region);

/// <summary>
/// Last use of access keys (IAM's LastUsedDate, ServiceName, Region). A verified request only updates an
/// in-memory entry; <see cref="FlushAsync"/> (every few seconds, from the background service, and at shutdown)
/// writes the changed keys in one unit of work, so no request writes to the database.
/// </summary>
public sealed class AccessKeyUsage(IDbContextFactory<IdentityCenterDbContext> contexts)
{
    private ConcurrentDictionary<string, AccessKeyLastUse> _pending = new(StringComparer.Ordinal);

    public void Record(string accessKeyId, string service, string region, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessKeyId);
        var use = new AccessKeyLastUse(at, service, region);
        _pending.AddOrUpdate(accessKeyId, use, (_, existing) => existing.At > at ? existing : use);
    }

    /// <summary>A use recorded but not written yet (so pages show it before the next flush).</summary>
    public AccessKeyLastUse? Pending(string accessKeyId) =>
        Volatile.Read(ref _pending).TryGetValue(accessKeyId, out var use) ? use : null;

    /// <summary>Writes the uses recorded since the last flush; returns how many keys were updated.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _pending).IsEmpty)
        {
            return 0;
        }

        var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<string, AccessKeyLastUse>(StringComparer.Ordinal));
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var ids = batch.Keys.ToList();
            var rows = await db.AccessKeys.Where(k => ids.Contains(k.Id)).ToListAsync(cancellationToken);
            var updated = 0;
            foreach (var row in rows)
            {
                var use = batch[row.Id];
                if (row.LastUsedAt is { } last && last >= use.At)
                {
                    continue;
                }

                row.LastUsedAt = use.At;
                row.LastUsedService = use.Service;
                row.LastUsedRegion = use.Region;
                updated++;
            }

            await db.SaveChangesAsync(cancellationToken);
            return updated;
        }
        catch
        {
            // Keep what could not be written for the next flush (newer uses recorded meanwhile win).
            foreach (var (id, use) in batch)
            {
                _pending.AddOrUpdate(id, use, (_, existing) => existing.At > use.At ? existing : use);
            }

            throw;
        }
    }
}
