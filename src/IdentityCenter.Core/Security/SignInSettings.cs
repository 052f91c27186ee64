using IdentityCenter.Core.Directory;

namespace IdentityCenter.Core.Security;

/// <summary>Lockout and portal-session settings of the directory.</summary>
public sealed record SignInSettings
{
    public const int MaxLockoutThreshold = 100;

    public static TimeSpan MinSessionDuration { get; } = TimeSpan.FromMinutes(15);

    public static TimeSpan MaxSessionDuration { get; } = TimeSpan.FromDays(90);

    public static TimeSpan MaxLockoutDuration { get; } = TimeSpan.FromDays(1);

    /// <summary>Failed password or TOTP attempts in a row before the account locks (1-100). Default 5.</summary>
    public int LockoutThreshold { get; init; } = 5;

    /// <summary>How long a lock lasts (1 minute to 1 day). Default 15 minutes.</summary>
    public TimeSpan LockoutDuration { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a portal sign-in lasts (15 minutes to 90 days). Default 8 hours.</summary>
    public TimeSpan SessionDuration { get; init; } = TimeSpan.FromHours(8);

    public static SignInSettings Default { get; } = new();

    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (LockoutThreshold is < 1 or > MaxLockoutThreshold)
        {
            errors.Add(new(nameof(LockoutThreshold), $"The number of failed attempts before lockout must be between 1 and {MaxLockoutThreshold}."));
        }

        if (LockoutDuration < TimeSpan.FromMinutes(1) || LockoutDuration > MaxLockoutDuration)
        {
            errors.Add(new(nameof(LockoutDuration), "The lockout duration must be between 1 minute and 1 day."));
        }

        if (SessionDuration < MinSessionDuration || SessionDuration > MaxSessionDuration)
        {
            errors.Add(new(nameof(SessionDuration), "The portal session duration must be between 15 minutes and 90 days."));
        }

        return errors;
    }
}
