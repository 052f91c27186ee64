using IdentityCenter.Core.Directory;

namespace IdentityCenter.Core.Security;

/// <summary>
/// The directory's password policy, shaped like IAM's account password policy
/// (<c>UpdateAccountPasswordPolicy</c>) with the same ranges, plus a maximum length.
/// Length and character-class rules apply at a user's next password change; <see cref="MaxPasswordAge"/>
/// applies at once (checked at every sign-in).
/// </summary>
public sealed record PasswordPolicy
{
    public const int MinimumLengthLowerBound = 6;
    public const int MaximumLengthUpperBound = 128;
    public const int MaxPasswordAgeUpperBound = 1095;
    public const int ReusePreventionUpperBound = 24;

    /// <summary>The symbols IAM names for <see cref="RequireSymbols"/>; any other punctuation or symbol character counts too.</summary>
    public const string IamSymbols = "!@#$%^&*()_+-=[]{}|'";

    /// <summary>6-128.</summary>
    public int MinimumPasswordLength { get; init; } = 8;

    /// <summary>MinimumPasswordLength-128. Not part of IAM's policy; the Identity Center directory caps passwords at 64.</summary>
    public int MaximumPasswordLength { get; init; } = MaximumLengthUpperBound;

    public bool RequireSymbols { get; init; }

    public bool RequireNumbers { get; init; }

    public bool RequireUppercaseCharacters { get; init; }

    public bool RequireLowercaseCharacters { get; init; }

    /// <summary>Users may change their own password on <c>/account</c>.</summary>
    public bool AllowUsersToChangePassword { get; init; } = true;

    /// <summary>Days a password stays valid, 1-1095; null = passwords never expire.</summary>
    public int? MaxPasswordAge { get; init; }

    /// <summary>How many previous passwords cannot be reused, 1-24; null = no history check.</summary>
    public int? PasswordReusePrevention { get; init; }

    /// <summary>After expiry the user cannot set a new password; an administrator must reset it.</summary>
    public bool HardExpiry { get; init; }

    /// <summary>Read-only, as in <c>GetAccountPasswordPolicy</c>: true when passwords expire.</summary>
    public bool ExpirePasswords => MaxPasswordAge is not null;

    /// <summary>
    /// The fixed rules of the Identity Center directory: 8-64 characters, all four character classes,
    /// the last 3 passwords not reusable. The default policy of a new installation.
    /// </summary>
    public static PasswordPolicy IdentityCenterDirectory { get; } = new()
    {
        MinimumPasswordLength = 8,
        MaximumPasswordLength = 64,
        RequireSymbols = true,
        RequireNumbers = true,
        RequireUppercaseCharacters = true,
        RequireLowercaseCharacters = true,
        AllowUsersToChangePassword = true,
        MaxPasswordAge = null,
        PasswordReusePrevention = 3,
        HardExpiry = false,
    };

    /// <summary>Every out-of-range field, by property name; empty when the policy can be saved.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (MinimumPasswordLength is < MinimumLengthLowerBound or > MaximumLengthUpperBound)
        {
            errors.Add(new(nameof(MinimumPasswordLength), $"Minimum password length must be between {MinimumLengthLowerBound} and {MaximumLengthUpperBound}."));
        }

        if (MaximumPasswordLength > MaximumLengthUpperBound || MaximumPasswordLength < Math.Max(MinimumLengthLowerBound, MinimumPasswordLength))
        {
            errors.Add(new(nameof(MaximumPasswordLength), $"Maximum password length must be between the minimum length ({MinimumPasswordLength}) and {MaximumLengthUpperBound}."));
        }

        if (MaxPasswordAge is { } age && (age < 1 || age > MaxPasswordAgeUpperBound))
        {
            errors.Add(new(nameof(MaxPasswordAge), $"Password expiration must be between 1 and {MaxPasswordAgeUpperBound} days, or turned off."));
        }

        if (PasswordReusePrevention is { } reuse && (reuse < 1 || reuse > ReusePreventionUpperBound))
        {
            errors.Add(new(nameof(PasswordReusePrevention), $"Password reuse prevention must remember between 1 and {ReusePreventionUpperBound} passwords, or be turned off."));
        }

        if (HardExpiry && MaxPasswordAge is null)
        {
            errors.Add(new(nameof(HardExpiry), "Hard expiry needs password expiration: set a maximum password age, or turn hard expiry off."));
        }

        return errors;
    }

    /// <summary>Whether a password last set at <paramref name="changedAt"/> has expired at <paramref name="now"/>.</summary>
    public bool IsExpired(DateTimeOffset? changedAt, DateTimeOffset now) =>
        MaxPasswordAge is { } days && changedAt is { } at && now >= at.AddDays(days);
}
