namespace IdentityCenter.Infrastructure.Data.Entities.Credentials;

/// <summary>Access Advisor: when a user last used an action through a permission set in an account.</summary>
public sealed class AccessAdvisorRecord
{
    public string UserId { get; set; } = "";

    public string AccountId { get; set; } = "";

    public string PermissionSetId { get; set; } = "";

    /// <summary>The full action, e.g. <c>s3:GetObject</c>.</summary>
    public string Action { get; set; } = "";

    /// <summary>The service prefix of <see cref="Action"/> (e.g. <c>s3</c>).</summary>
    public string ServiceNamespace { get; set; } = "";

    public string UserName { get; set; } = "";

    public DateTimeOffset LastUsedAt { get; set; }

    public string LastDecision { get; set; } = "";

    public long AllowedCount { get; set; }

    public long DeniedCount { get; set; }
}
