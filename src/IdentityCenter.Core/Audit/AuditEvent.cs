namespace IdentityCenter.Core.Audit;

public enum AuditOutcome
{
    Success,
    Failure,
}

/// <summary>
/// CloudTrail <c>userIdentity</c>: who acted. <see cref="Type"/> is <c>IdentityCenterUser</c>, <c>Unknown</c> (sign-in) or <c>System</c>;
/// <see cref="AccessKeyId"/> is the long-term access key an administrative API call was signed with (CloudTrail's <c>accessKeyId</c>).
/// </summary>
public sealed record AuditUserIdentity(string Type, string? PrincipalId, string? UserName, string? AccessKeyId = null)
{
    public static AuditUserIdentity System { get; } = new("System", null, "IdentityCenter");
}

/// <summary>
/// One audit event, shaped like a CloudTrail record. Values in the dictionaries are strings chosen by
/// the caller; secrets, passwords, one-time passwords, TOTP keys and codes never go in. Append-only.
/// <see cref="TargetUserId"/>/<see cref="TargetUserName"/> name the user the event is about (for the
/// user filter and the user detail page) and are not part of the CloudTrail shape.
/// </summary>
public sealed record AuditEvent
{
    public Guid EventId { get; init; } = Guid.NewGuid();

    public required DateTimeOffset EventTime { get; init; }

    public string EventVersion { get; init; } = "1.08";

    public required string EventSource { get; init; }

    public required string EventName { get; init; }

    public string EventType { get; init; } = AuditEventTypes.AwsApiCall;

    public required AuditUserIdentity UserIdentity { get; init; }

    public string? SourceIpAddress { get; init; }

    public string? UserAgent { get; init; }

    public IReadOnlyDictionary<string, string?> RequestParameters { get; init; } = EmptyMap;

    public IReadOnlyDictionary<string, string?> ResponseElements { get; init; } = EmptyMap;

    public IReadOnlyDictionary<string, string?> AdditionalEventData { get; init; } = EmptyMap;

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public string? TargetUserId { get; init; }

    public string? TargetUserName { get; init; }

    public AuditOutcome Outcome => ErrorCode is null ? AuditOutcome.Success : AuditOutcome.Failure;

    private static readonly IReadOnlyDictionary<string, string?> EmptyMap = new Dictionary<string, string?>();
}
