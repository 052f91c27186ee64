namespace IdentityCenter.Infrastructure.Sessions;

/// <summary>A portal sign-in session as the admin and /account pages list it.</summary>
public sealed record SessionInfo(
    string Id,
    string UserId,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt,
    string? IpAddress,
    string? UserAgent,
    bool MfaUsed,
    bool TrustedDevice,
    bool IsActive,
    DateTimeOffset? EndedAt,
    string? EndReason);

/// <summary>What the sign-in records about a new session.</summary>
public sealed record NewSession(string UserId, string? IpAddress, string? UserAgent, bool MfaUsed, bool TrustedDevice);

/// <summary>Why a session ended (stored in <c>EndReason</c>).</summary>
public static class SessionEndReasons
{
    public const string SignOut = nameof(SignOut);
    public const string EndedByUser = nameof(EndedByUser);
    public const string DeletedByAdministrator = nameof(DeletedByAdministrator);
    public const string UserDisabled = nameof(UserDisabled);
    public const string UserDeleted = nameof(UserDeleted);
    public const string PasswordReset = nameof(PasswordReset);
    public const string PasswordChanged = nameof(PasswordChanged);
    public const string KeyRingReset = nameof(KeyRingReset);
    public const string AdministratorRemoved = nameof(AdministratorRemoved);
    public const string Expired = nameof(Expired);
}
