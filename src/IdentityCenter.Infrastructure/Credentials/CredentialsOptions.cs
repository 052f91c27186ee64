namespace IdentityCenter.Infrastructure.Credentials;

/// <summary>Settings of the credentials feature, section <c>IdentityCenter:Credentials</c>.</summary>
public sealed class CredentialsOptions
{
    public const string SectionName = "IdentityCenter:Credentials";

    /// <summary>How long one token key seals new tokens before a fresh key takes over (default one day).</summary>
    public TimeSpan KeyRotationInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often background work runs: revocations from other instances, audit and Access Advisor flushes, key rotation checks.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Allowed decisions are aggregated per (user, role, action, resource) and written once per this window.</summary>
    public TimeSpan AllowedDecisionAuditWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Access Advisor rows are written from memory at most this often.</summary>
    public TimeSpan AccessAdvisorFlushInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest a token lives (the longest permission set session): retired keys and old revocations are kept this long.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromHours(12);
}
