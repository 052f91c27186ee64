namespace IdentityCenter.Infrastructure.Security;

/// <summary>
/// A user's password state. <see cref="MustChange"/>: a one-time password or an expired password
/// (MaxPasswordAge) must be replaced before anything else. <see cref="Blocked"/>: expired under
/// HardExpiry; only an administrator reset helps.
/// </summary>
public sealed record PasswordStatus(
    DateTimeOffset? ChangedAt,
    DateTimeOffset? ExpiresAt,
    bool IsOneTimePassword,
    bool Expired,
    bool Blocked,
    bool UserMayChange)
{
    public bool MustChange => IsOneTimePassword || Expired;
}
