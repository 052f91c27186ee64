namespace IdentityCenter.Web.Tests.Fakes;

/// <summary>A clock that stays where the test puts it.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
