using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Data.Entities;
using IdentityCenter.Infrastructure.Data.Generations;

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
/// Process-wide cache of the settings row. Reads hit the database once; an update through
/// <see cref="DirectorySettingsService"/> on any instance bumps <see cref="ChangeConcerns.DirectorySettings"/>,
/// and this instance drops the cached value when it sees that (at once for its own updates).
/// </summary>
public sealed class DirectorySettingsCache : IChangeGenerationListener
{
    private readonly Lock gate = new();
    private DirectorySettingsSnapshot? current;
    private long version;

    public DirectorySettingsSnapshot? Current => Volatile.Read(ref current);

    /// <summary>Take before reading the row; pass to <see cref="Set"/>.</summary>
    public long Version
    {
        get
        {
            lock (gate)
            {
                return version;
            }
        }
    }

    string IChangeGenerationListener.Concern => ChangeConcerns.DirectorySettings;

    /// <summary>Keeps a snapshot read after <paramref name="readVersion"/> was taken, unless it was invalidated meanwhile (then it may be stale).</summary>
    public void Set(DirectorySettingsSnapshot snapshot, long readVersion)
    {
        lock (gate)
        {
            if (version == readVersion)
            {
                Volatile.Write(ref current, snapshot);
            }
        }
    }

    public void Invalidate()
    {
        lock (gate)
        {
            version++;
            Volatile.Write(ref current, null);
        }
    }

    Task IChangeGenerationListener.OnChangedAsync(CancellationToken cancellationToken)
    {
        Invalidate();
        return Task.CompletedTask;
    }
}
