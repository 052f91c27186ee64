using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;

namespace IdentityCenter.Infrastructure.Workshop;

/// <summary>
/// Time travel in workshop mode: advance the application clock by whole hours, or set it back to real time. Only
/// members of the built-in administrators group may; every change is audited. Outside workshop mode every call is
/// refused and <see cref="IsAvailable"/> is false.
/// </summary>
public interface IWorkshopClockService
{
    /// <summary>Workshop mode is on and time travel is not turned off (<see cref="WorkshopOptions.TimeTravelEnabled"/>).</summary>
    bool IsAvailable { get; }

    /// <summary>How far the application clock is ahead of real time (zero when not shifted or not available).</summary>
    TimeSpan Offset { get; }

    /// <summary>The application clock's time.</summary>
    DateTimeOffset Now { get; }

    /// <summary>Moves the clock forward by <paramref name="hours"/> (1 to <see cref="WorkshopOptions.MaxAdvanceHours"/>).</summary>
    Task<OperationResult> AdvanceAsync(int hours, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Sets the clock back to real time.</summary>
    Task<OperationResult> ResetAsync(Actor actor, CancellationToken cancellationToken = default);
}
