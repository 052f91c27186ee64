namespace IdentityCenter.Infrastructure.Data.Entities;

/// <summary>A previous password of a user, as its Identity hash only, for PasswordReusePrevention.</summary>
public sealed class PasswordHistoryEntry
{
    public long Id { get; set; }

    public string UserId { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
