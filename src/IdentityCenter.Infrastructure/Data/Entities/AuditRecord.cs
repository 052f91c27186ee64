namespace IdentityCenter.Infrastructure.Data.Entities;

/// <summary>The stored form of an audit event (append-only). Dictionaries are JSON text.</summary>
public sealed class AuditRecord
{
    public long Id { get; set; }

    public Guid EventId { get; set; }

    public DateTimeOffset EventTime { get; set; }

    public string EventVersion { get; set; } = "";

    public string EventSource { get; set; } = "";

    public string EventName { get; set; } = "";

    public string EventType { get; set; } = "";

    public string UserIdentityType { get; set; } = "";

    public string? PrincipalId { get; set; }

    public string? UserName { get; set; }

    /// <summary>The access key an administrative API call was signed with (CloudTrail's <c>userIdentity.accessKeyId</c>).</summary>
    public string? AccessKeyId { get; set; }

    public string? TargetUserId { get; set; }

    public string? TargetUserName { get; set; }

    public string? SourceIpAddress { get; set; }

    public string? UserAgent { get; set; }

    public string RequestParameters { get; set; } = "{}";

    public string ResponseElements { get; set; } = "{}";

    public string AdditionalEventData { get; set; } = "{}";

    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    /// <summary>0 = success, 1 = failure (mirrors <c>AuditOutcome</c>), stored for the outcome filter.</summary>
    public int Outcome { get; set; }
}
