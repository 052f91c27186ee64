using IdentityCenter.Core.Security;
using Microsoft.Extensions.Caching.Memory;

namespace IdentityCenter.Infrastructure.Identity;

/// <summary>
/// Failed sign-ins for user names that do not exist, counted like real accounts' failures (same
/// threshold, same lockout time), so "account locked" never tells an attacker which names are real.
/// In memory: a restart forgets the counts, as it may. Singleton.
/// </summary>
public sealed class UnknownUserLockout(IMemoryCache cache, TimeProvider timeProvider)
{
    private sealed class Counter
    {
        public int Failures;
        public DateTimeOffset? LockedUntil;
    }

    /// <summary>Records one failure; true when the name is (now) locked out.</summary>
    public bool RecordFailure(string normalizedName, SignInSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var now = timeProvider.GetUtcNow();
        var counter = cache.GetOrCreate("unknown-user-lockout:" + normalizedName, entry =>
        {
            entry.SlidingExpiration = settings.LockoutDuration + TimeSpan.FromMinutes(15);
            entry.Size = 1;
            return new Counter();
        })!;
        lock (counter)
        {
            if (counter.LockedUntil is { } until)
            {
                if (until > now)
                {
                    return true;
                }

                counter.LockedUntil = null;
                counter.Failures = 0;
            }

            counter.Failures++;
            if (counter.Failures >= settings.LockoutThreshold)
            {
                counter.LockedUntil = now + settings.LockoutDuration;
                return true;
            }

            return false;
        }
    }
}
