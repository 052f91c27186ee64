using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Data.Entities;

namespace IdentityCenter.Infrastructure.Security;

/// <summary>All directory settings at one moment, as the cache holds them.</summary>
public sealed record DirectorySettingsSnapshot(PasswordPolicy PasswordPolicy, MfaSettings Mfa, SignInSettings SignIn)
{
    public static DirectorySettingsSnapshot Defaults { get; } = new(PasswordPolicy.IdentityCenterDirectory, MfaSettings.Default, SignInSettings.Default);

    internal static DirectorySettingsSnapshot From(DirectorySettingsRecord r) => new(
        new PasswordPolicy
        {
            MinimumPasswordLength = r.MinimumPasswordLength,
            MaximumPasswordLength = r.MaximumPasswordLength,
            RequireSymbols = r.RequireSymbols,
            RequireNumbers = r.RequireNumbers,
            RequireUppercaseCharacters = r.RequireUppercaseCharacters,
            RequireLowercaseCharacters = r.RequireLowercaseCharacters,
            AllowUsersToChangePassword = r.AllowUsersToChangePassword,
            MaxPasswordAge = r.MaxPasswordAge,
            PasswordReusePrevention = r.PasswordReusePrevention,
            HardExpiry = r.HardExpiry,
        },
        new MfaSettings((MfaMode)r.MfaMode, (MfaNoDevicePolicy)r.MfaWithoutDevice, (MfaDeviceManagement)r.MfaDeviceManagement),
        new SignInSettings
        {
            LockoutThreshold = r.LockoutThreshold,
            LockoutDuration = TimeSpan.FromSeconds(r.LockoutDurationSeconds),
            SessionDuration = TimeSpan.FromSeconds(r.SessionDurationSeconds),
        });

    internal void CopyTo(DirectorySettingsRecord r)
    {
        r.MinimumPasswordLength = PasswordPolicy.MinimumPasswordLength;
        r.MaximumPasswordLength = PasswordPolicy.MaximumPasswordLength;
        r.RequireSymbols = PasswordPolicy.RequireSymbols;
        r.RequireNumbers = PasswordPolicy.RequireNumbers;
        r.RequireUppercaseCharacters = PasswordPolicy.RequireUppercaseCharacters;
        r.RequireLowercaseCharacters = PasswordPolicy.RequireLowercaseCharacters;
        r.AllowUsersToChangePassword = PasswordPolicy.AllowUsersToChangePassword;
        r.MaxPasswordAge = PasswordPolicy.MaxPasswordAge;
        r.PasswordReusePrevention = PasswordPolicy.PasswordReusePrevention;
        r.HardExpiry = PasswordPolicy.HardExpiry;
        r.MfaMode = (int)Mfa.Mode;
        r.MfaWithoutDevice = (int)Mfa.WithoutDevice;
        r.MfaDeviceManagement = (int)Mfa.DeviceManagement;
        r.LockoutThreshold = SignIn.LockoutThreshold;
        r.LockoutDurationSeconds = (int)SignIn.LockoutDuration.TotalSeconds;
        r.SessionDurationSeconds = (int)SignIn.SessionDuration.TotalSeconds;
    }
}

/// <summary>
/// Process-wide cache of the settings row. Reads hit the database once; every update through
/// <see cref="DirectorySettingsService"/> replaces the cached value before returning.
/// </summary>
public sealed class DirectorySettingsCache
{
    private DirectorySettingsSnapshot? current;

    public DirectorySettingsSnapshot? Current => Volatile.Read(ref current);

    public void Set(DirectorySettingsSnapshot snapshot) => Volatile.Write(ref current, snapshot);

    public void Invalidate() => Volatile.Write(ref current, null);
}
