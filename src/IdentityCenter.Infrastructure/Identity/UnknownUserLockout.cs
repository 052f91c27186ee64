using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Identity;

/// <summary>
/// Failed sign-ins for user names that do not exist, counted like real accounts' failures (same
/// threshold, same lockout time), so "account locked" never tells an attacker which names are real.
/// Counted in the database, as a real account's failures are on its user row: several instances behind
/// a load balancer (and a restart) count one name's failures together, so the number of tries before
/// "locked" is the same for a real and an invented name. Singleton.
/// </summary>
public sealed class UnknownUserLockout(IDbContextFactory<IdentityCenterDbContext> contexts, TimeProvider timeProvider)
{
    // A name's count starts again when it has not failed for this long after the lockout time (as before: sliding).
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(15);

    /// <summary>Records one failure; true when the name is (now) locked out.</summary>
    public async Task<bool> RecordFailureAsync(string normalizedName, SignInSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(normalizedName);
        ArgumentNullException.ThrowIfNull(settings);
        var now = timeProvider.GetUtcNow();
        var forgetBefore = now - settings.LockoutDuration - Grace;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var failures = db.Set<UnknownSignInFailureRecord>();

        // Compare-and-swap on the row as read: an instance that raced another reads again, so no failure is lost.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var row = await failures.AsNoTracking().FirstOrDefaultAsync(f => f.NormalizedName == normalizedName, cancellationToken);
            if (row is null)
            {
                var first = new UnknownSignInFailureRecord { NormalizedName = normalizedName, Failures = 1, LastFailureAt = now, LockedUntil = LockIfAtThreshold(1) };
                failures.Add(first);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Another instance inserted the name first: count on its row.
                    db.ChangeTracker.Clear();
                    continue;
                }

                // New names are when the table grows: forget names nobody has tried for a while.
                await failures.Where(f => f.LastFailureAt < forgetBefore && (f.LockedUntil == null || f.LockedUntil < now)).ExecuteDeleteAsync(cancellationToken);
                return first.LockedUntil is not null;
            }

            if (row.LockedUntil is { } until && until > now)
            {
                return true;
            }

            var count = row.LockedUntil is not null || row.LastFailureAt < forgetBefore ? 1 : row.Failures + 1;
            var lockedUntil = LockIfAtThreshold(count);
            var updated = await failures
                .Where(f => f.NormalizedName == normalizedName && f.Failures == row.Failures && f.LastFailureAt == row.LastFailureAt)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(f => f.Failures, count).SetProperty(f => f.LockedUntil, lockedUntil).SetProperty(f => f.LastFailureAt, now),
                    cancellationToken);
            if (updated == 1)
            {
                return lockedUntil is not null;
            }
        }

        // Five instances changed the same name at once: it is under attack; answer as locked.
        return true;

        DateTimeOffset? LockIfAtThreshold(int count) => count >= settings.LockoutThreshold ? now + settings.LockoutDuration : null;
    }
}
