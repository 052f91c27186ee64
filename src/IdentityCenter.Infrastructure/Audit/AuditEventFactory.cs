using IdentityCenter.Core.Audit;

namespace IdentityCenter.Infrastructure.Audit;

/// <summary>Builds the audit events of admin and self-service operations in one place, so every service records the same shape.</summary>
internal static class AuditEventFactory
{
    public static AuditEvent Api(
        DateTimeOffset now,
        Actor actor,
        string eventName,
        string? targetUserId = null,
        string? targetUserName = null,
        IReadOnlyDictionary<string, string?>? request = null,
        IReadOnlyDictionary<string, string?>? response = null,
        string? errorCode = null,
        string? errorMessage = null,
        string eventSource = AuditEventSources.IdentityStore) => new()
        {
            EventTime = now,
            EventSource = eventSource,
            EventName = eventName,
            EventType = AuditEventTypes.AwsApiCall,
            UserIdentity = actor.ToUserIdentity(),
            SourceIpAddress = actor.SourceIpAddress,
            UserAgent = actor.UserAgent,
            RequestParameters = request ?? new Dictionary<string, string?>(),
            ResponseElements = response ?? new Dictionary<string, string?>(),
            TargetUserId = targetUserId,
            TargetUserName = targetUserName,
            ErrorCode = errorCode,
            ErrorMessage = errorMessage,
        };
}
