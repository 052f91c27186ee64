namespace IdentityCenter.Infrastructure.Data.Entities;

/// <summary>A portal sign-in session: one per successful sign-in, referenced from the auth cookie by id.</summary>
public sealed class UserSession
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N");

    public string UserId { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }

    public bool MfaUsed { get; set; }

    /// <summary>The MFA prompt was skipped because the browser carried a valid trusted-device cookie.</summary>
    public bool TrustedDevice { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Why it ended: SignOut, DeletedByAdministrator, UserDisabled, UserDeleted, PasswordReset, EndedByUser.</summary>
    public string? EndReason { get; set; }
}
