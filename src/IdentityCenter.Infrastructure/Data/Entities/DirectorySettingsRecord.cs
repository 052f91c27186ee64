namespace IdentityCenter.Infrastructure.Data.Entities;

/// <summary>The single row (Id 1) of directory-wide settings: password policy, MFA, lockout, session duration.</summary>
public sealed class DirectorySettingsRecord
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public int MinimumPasswordLength { get; set; }

    public int MaximumPasswordLength { get; set; }

    public bool RequireSymbols { get; set; }

    public bool RequireNumbers { get; set; }

    public bool RequireUppercaseCharacters { get; set; }

    public bool RequireLowercaseCharacters { get; set; }

    public bool AllowUsersToChangePassword { get; set; }

    public int? MaxPasswordAge { get; set; }

    public int? PasswordReusePrevention { get; set; }

    public bool HardExpiry { get; set; }

    public int MfaMode { get; set; }

    public int MfaWithoutDevice { get; set; }

    public int MfaDeviceManagement { get; set; }

    public int LockoutThreshold { get; set; }

    public int LockoutDurationSeconds { get; set; }

    public int SessionDurationSeconds { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}
