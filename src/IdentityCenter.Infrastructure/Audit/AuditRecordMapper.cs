using System.Text.Json;
using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Data.Entities;

namespace IdentityCenter.Infrastructure.Audit;

/// <summary>Converts between the CloudTrail-shaped <see cref="AuditEvent"/> and its stored row.</summary>
internal static class AuditRecordMapper
{
    private const int MaxTextLength = 1024;

    /// <summary>The row to store for <paramref name="e"/>; counts it for the administrative API call in progress (<see cref="ApiCallAudit"/>).</summary>
    public static AuditRecord ToRecord(AuditEvent e)
    {
        ApiCallAudit.Current?.Count();
        return Map(e);
    }

    private static AuditRecord Map(AuditEvent e) => new()
    {
        EventId = e.EventId,
        EventTime = e.EventTime.ToUniversalTime(),
        EventVersion = e.EventVersion,
        EventSource = e.EventSource,
        EventName = e.EventName,
        EventType = e.EventType,
        UserIdentityType = e.UserIdentity.Type,
        PrincipalId = e.UserIdentity.PrincipalId,
        UserName = Truncate(e.UserIdentity.UserName, 256),
        AccessKeyId = Truncate(e.UserIdentity.AccessKeyId, 128),
        TargetUserId = e.TargetUserId,
        TargetUserName = Truncate(e.TargetUserName, 256),
        SourceIpAddress = Truncate(e.SourceIpAddress, 64),
        UserAgent = Truncate(e.UserAgent, 512),
        RequestParameters = JsonSerializer.Serialize(e.RequestParameters),
        ResponseElements = JsonSerializer.Serialize(e.ResponseElements),
        AdditionalEventData = JsonSerializer.Serialize(e.AdditionalEventData),
        ErrorCode = Truncate(e.ErrorCode, 128),
        ErrorMessage = Truncate(e.ErrorMessage, MaxTextLength),
        Outcome = (int)e.Outcome,
    };

    public static AuditEvent ToEvent(AuditRecord r) => new()
    {
        EventId = r.EventId,
        EventTime = r.EventTime,
        EventVersion = r.EventVersion,
        EventSource = r.EventSource,
        EventName = r.EventName,
        EventType = r.EventType,
        UserIdentity = new AuditUserIdentity(r.UserIdentityType, r.PrincipalId, r.UserName, r.AccessKeyId),
        SourceIpAddress = r.SourceIpAddress,
        UserAgent = r.UserAgent,
        RequestParameters = ReadMap(r.RequestParameters),
        ResponseElements = ReadMap(r.ResponseElements),
        AdditionalEventData = ReadMap(r.AdditionalEventData),
        ErrorCode = r.ErrorCode,
        ErrorMessage = r.ErrorMessage,
        TargetUserId = r.TargetUserId,
        TargetUserName = r.TargetUserName,
    };

    private static Dictionary<string, string?> ReadMap(string json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, string?>>(json) ?? [];

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
