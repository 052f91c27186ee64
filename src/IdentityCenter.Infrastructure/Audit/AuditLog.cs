using System.Globalization;
using System.Text;
using System.Text.Json;
using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Csv;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities;
using IdentityCenter.Infrastructure.Directory;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Audit;

/// <summary>The audit trail on the database; each call uses its own short-lived context.</summary>
public sealed class AuditLog(IDbContextFactory<IdentityCenterDbContext> contexts) : IAuditLog
{
    private static readonly JsonSerializerOptions JsonLineOptions = new() { WriteIndented = false };

    private static readonly string[] CsvColumns =
    [
        "eventTime", "eventId", "eventSource", "eventName", "eventType", "userIdentityType", "principalId", "userName", "targetUserId",
        "targetUserName", "sourceIPAddress", "userAgent", "outcome", "errorCode", "errorMessage", "requestParameters", "responseElements",
        "additionalEventData",
    ];

    public async Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AuditEvents.Add(AuditRecordMapper.ToRecord(auditEvent));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<PagedResult<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        var pageIndex = Math.Max(0, query.PageIndex);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var filtered = await FilterAsync(db, query, cancellationToken);
        var total = await filtered.CountAsync(cancellationToken);
        var rows = await filtered
            .OrderByDescending(a => a.EventTime).ThenByDescending(a => a.Id)
            .Skip(pageIndex * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        return new(rows.Select(AuditRecordMapper.ToEvent).ToList(), total, pageIndex, pageSize);
    }

    public async Task ExportJsonLinesAsync(AuditQuery filter, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        await foreach (var e in StreamAsync(filter, cancellationToken))
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(ToCloudTrailShape(e), JsonLineOptions).AsMemory(), cancellationToken);
        }
    }

    public async Task ExportCsvAsync(AuditQuery filter, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var writer = CsvFiles.CreateWriter(output);
        await writer.WriteRecordAsync(CsvColumns, cancellationToken);
        await foreach (var e in StreamAsync(filter, cancellationToken))
        {
            string[] fields =
            [
                e.EventTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                e.EventId.ToString(),
                e.EventSource,
                e.EventName,
                e.EventType,
                e.UserIdentity.Type,
                e.UserIdentity.PrincipalId ?? "",
                e.UserIdentity.UserName ?? "",
                e.TargetUserId ?? "",
                e.TargetUserName ?? "",
                e.SourceIpAddress ?? "",
                e.UserAgent ?? "",
                e.Outcome.ToString(),
                e.ErrorCode ?? "",
                e.ErrorMessage ?? "",
                JsonSerializer.Serialize(e.RequestParameters),
                JsonSerializer.Serialize(e.ResponseElements),
                JsonSerializer.Serialize(e.AdditionalEventData),
            ];
            await writer.WriteRecordAsync(fields, cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>The CloudTrail record layout (camelCase keys as CloudTrail writes them).</summary>
    public static Dictionary<string, object?> ToCloudTrailShape(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new()
        {
            ["eventVersion"] = e.EventVersion,
            ["eventID"] = e.EventId,
            ["eventTime"] = e.EventTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["eventSource"] = e.EventSource,
            ["eventName"] = e.EventName,
            ["eventType"] = e.EventType,
            ["userIdentity"] = UserIdentityShape(e.UserIdentity),
            ["sourceIPAddress"] = e.SourceIpAddress,
            ["userAgent"] = e.UserAgent,
            ["requestParameters"] = e.RequestParameters,
            ["responseElements"] = e.ResponseElements,
            ["additionalEventData"] = e.AdditionalEventData,
            ["errorCode"] = e.ErrorCode,
            ["errorMessage"] = e.ErrorMessage,
        };
    }

    private static Dictionary<string, string?> UserIdentityShape(AuditUserIdentity identity)
    {
        var shape = new Dictionary<string, string?> { ["type"] = identity.Type, ["principalId"] = identity.PrincipalId, ["userName"] = identity.UserName };
        if (identity.AccessKeyId is { } accessKeyId)
        {
            shape["accessKeyId"] = accessKeyId;
        }

        return shape;
    }

    private async IAsyncEnumerable<AuditEvent> StreamAsync(AuditQuery filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var filtered = await FilterAsync(db, filter, cancellationToken);
        await foreach (var record in filtered.OrderByDescending(a => a.EventTime).ThenByDescending(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return AuditRecordMapper.ToEvent(record);
        }
    }

    private static async Task<IQueryable<AuditRecord>> FilterAsync(IdentityCenterDbContext db, AuditQuery query, CancellationToken cancellationToken)
    {
        var q = db.AuditEvents.AsNoTracking();
        if (query.From is { } from)
        {
            var fromUtc = from.ToUniversalTime();
            q = q.Where(a => a.EventTime >= fromUtc);
        }

        if (query.To is { } to)
        {
            var toUtc = to.ToUniversalTime();
            q = q.Where(a => a.EventTime < toUtc);
        }

        if (!string.IsNullOrWhiteSpace(query.EventName))
        {
            var name = query.EventName.Trim();
            q = q.Where(a => a.EventName == name);
        }

        if (query.Outcome is { } outcome)
        {
            var value = (int)outcome;
            q = q.Where(a => a.Outcome == value);
        }

        if (!string.IsNullOrWhiteSpace(query.User))
        {
            var user = query.User.Trim();
            var normalized = user.ToUpperInvariant();

            // A user name is resolved to the id so renamed display names and case do not matter; names of deleted users still match literally.
            var id = await db.Users.AsNoTracking().Where(u => u.Id == user || u.NormalizedUserName == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
            // A UNION of two index lookups: with OR, databases tend to walk the whole time index instead.
            q = id is null
                ? q.Where(a => a.UserName == user).Union(q.Where(a => a.TargetUserName == user))
                : q.Where(a => a.PrincipalId == id).Union(q.Where(a => a.TargetUserId == id));
        }

        return q;
    }
}
