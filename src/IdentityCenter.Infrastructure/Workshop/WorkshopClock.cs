namespace IdentityCenter.Infrastructure.Workshop;

/// <summary>
/// The application clock in workshop mode: <paramref name="inner"/>'s wall-clock time plus an offset an administrator
/// moves forward (<see cref="IWorkshopClockService"/>), so expiry of credentials, sessions and passwords can be shown
/// without waiting. Registered as the <see cref="TimeProvider"/> every service, cookie and token check uses, only in
/// workshop mode. Timestamps and timers (elapsed time) are not shifted. The offset lives in memory: a restart resets it.
/// </summary>
public sealed class WorkshopClock(TimeProvider inner) : TimeProvider
{
    private long _offsetTicks;

    private TimeProvider Inner { get; } = inner;

    /// <summary>How far the clock is ahead of real time (zero: not shifted).</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Raised after the offset changed (pages showing the banner re-render).</summary>
    public event Action? Changed;

    public override DateTimeOffset GetUtcNow() => Inner.GetUtcNow() + Offset;

    /// <summary>
    /// The real clock behind <paramref name="time"/>: for checks against the caller's own clock, which time travel does not
    /// move (a SigV4 request's signing time, an authenticator app's TOTP code). Everything that expires uses the shifted clock.
    /// </summary>
    public static TimeProvider Real(TimeProvider time) => time is WorkshopClock clock ? clock.Inner : time;

    public override TimeZoneInfo LocalTimeZone => Inner.LocalTimeZone;

    public override long TimestampFrequency => Inner.TimestampFrequency;

    public override long GetTimestamp() => Inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        Inner.CreateTimer(callback, state, dueTime, period);

    /// <summary>Moves the clock forward by <paramref name="by"/> (positive) and returns the new offset. Administrators go through <see cref="IWorkshopClockService"/>, which authorises and audits.</summary>
    public TimeSpan Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(by, TimeSpan.Zero);
        var offset = TimeSpan.FromTicks(Interlocked.Add(ref _offsetTicks, by.Ticks));
        Changed?.Invoke();
        return offset;
    }

    /// <summary>Back to real time.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _offsetTicks, 0);
        Changed?.Invoke();
    }
}
