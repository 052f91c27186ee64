using System.Text;
using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Directory;

namespace IdentityCenter.Web.Tests.Fakes;

/// <summary>Audit events in memory, filtered like the real log; every query and export is recorded.</summary>
public sealed class FakeAuditLog : IAuditLog
{
    public List<AuditEvent> Events { get; } = [];

    public List<AuditQuery> Queries { get; } = [];

    public List<(string Format, AuditQuery Filter)> Exports { get; } = [];

    public static AuditEvent NewEvent(string name, DateTimeOffset at, string? userName = "admin", string? target = null, string? errorCode = null) => new()
    {
        EventTime = at,
        EventSource = AuditEventSources.IdentityStore,
        EventName = name,
        UserIdentity = new AuditUserIdentity("IdentityCenterUser", "admin-id", userName),
        SourceIpAddress = "10.0.0.1",
        TargetUserName = target,
        ErrorCode = errorCode,
        RequestParameters = new Dictionary<string, string?> { ["userName"] = target },
    };

    public Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        Events.Add(auditEvent);
        return Task.CompletedTask;
    }

    /// <summary>When set, queries throw it, as a database that does not answer would.</summary>
    public Exception? QueryFailure { get; set; }

    public Task<PagedResult<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        Queries.Add(query);
        if (QueryFailure is { } failure)
        {
            return Task.FromException<PagedResult<AuditEvent>>(failure);
        }

        var list = Filter(query).ToList();
        return Task.FromResult(new PagedResult<AuditEvent>(list.Skip(query.PageIndex * query.PageSize).Take(query.PageSize).ToList(), list.Count, query.PageIndex, query.PageSize));
    }

    public async Task ExportJsonLinesAsync(AuditQuery filter, Stream output, CancellationToken cancellationToken = default)
    {
        Exports.Add(("jsonl", filter));
        foreach (var e in Filter(filter))
        {
            await output.WriteAsync(Encoding.UTF8.GetBytes($"{{\"eventName\":\"{e.EventName}\"}}\n"), cancellationToken);
        }
    }

    public async Task ExportCsvAsync(AuditQuery filter, Stream output, CancellationToken cancellationToken = default)
    {
        Exports.Add(("csv", filter));
        await output.WriteAsync(Encoding.UTF8.GetBytes("eventTime,eventName\n"), cancellationToken);
        foreach (var e in Filter(filter))
        {
            await output.WriteAsync(Encoding.UTF8.GetBytes($"{e.EventTime:O},{e.EventName}\n"), cancellationToken);
        }
    }

    private IEnumerable<AuditEvent> Filter(AuditQuery q) => Events
        .Where(e => q.From is null || e.EventTime >= q.From)
        .Where(e => q.To is null || e.EventTime < q.To)
        .Where(e => string.IsNullOrWhiteSpace(q.EventName) || e.EventName == q.EventName)
        .Where(e => q.Outcome is null || e.Outcome == q.Outcome)
        .Where(e => string.IsNullOrWhiteSpace(q.User) || e.UserIdentity.UserName == q.User || e.TargetUserName == q.User || e.TargetUserId == q.User)
        .OrderByDescending(e => e.EventTime);
}
