namespace IdentityCenter.Core.Security;

/// <summary>When users are asked for their second factor ("Prompt users for MFA").</summary>
public enum MfaMode
{
    /// <summary>Only when the sign-in context changes: a device marked "This is a trusted device" skips the prompt for 30 days. The default.</summary>
    ContextAware,
    /// <summary>At every sign-in.</summary>
    AlwaysOn,
    /// <summary>Never.</summary>
    Disabled,
}

/// <summary>What happens at sign-in when a user has no MFA device yet.</summary>
public enum MfaNoDevicePolicy
{
    /// <summary>The user must register an authenticator app right after the password step.</summary>
    RequireRegistration,
    /// <summary>The sign-in is refused.</summary>
    Block,
    /// <summary>The user signs in with the password alone.</summary>
    Allow,
}

/// <summary>Who may add and remove MFA devices.</summary>
public enum MfaDeviceManagement
{
    /// <summary>Users manage their own devices on /account (administrators can always remove devices).</summary>
    Users,
    /// <summary>Only administrators; users may still register at sign-in when that is required.</summary>
    AdministratorsOnly,
}

/// <summary>The directory's MFA settings. Administrators always need MFA to reach /admin, whatever these say.</summary>
public sealed record MfaSettings(
    MfaMode Mode = MfaMode.ContextAware,
    MfaNoDevicePolicy WithoutDevice = MfaNoDevicePolicy.RequireRegistration,
    MfaDeviceManagement DeviceManagement = MfaDeviceManagement.Users)
{
    /// <summary>At most this many authenticator apps per user (AWS: 2 virtual authenticator apps).</summary>
    public const int MaxAuthenticatorApps = 2;

    /// <summary>How long "This is a trusted device" lasts.</summary>
    public static TimeSpan TrustedDeviceLifetime { get; } = TimeSpan.FromDays(30);

    public static MfaSettings Default { get; } = new();
}
