namespace IdentityCenter.Infrastructure.Workshop;

/// <summary>
/// Workshop mode (<c>IdentityCenter:Workshop</c>): an instance run for a training room, not for real identities.
/// On with <see cref="Enabled"/> or the <c>--workshop</c> / <c>--workshop-reset</c> switches (which also seed the demo
/// organization). Only in workshop mode can an administrator shift the application clock (<see cref="TimeTravel"/>).
/// </summary>
public sealed class WorkshopOptions
{
    /// <summary>The largest single step of the clock, in hours (one year).</summary>
    public const int MaxAdvanceHours = 24 * 366;

    /// <summary>Workshop mode is on.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Whether administrators may shift the application clock. Unset: on in workshop mode. <c>true</c> outside workshop
    /// mode is refused at start-up (time travel is never available outside it); <c>false</c> turns it off in workshop mode.
    /// </summary>
    public bool? TimeTravel { get; set; }

    /// <summary>Time travel is on: workshop mode, and not turned off.</summary>
    public bool TimeTravelEnabled => Enabled && TimeTravel != false;
}
