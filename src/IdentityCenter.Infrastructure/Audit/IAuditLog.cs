using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Directory;

namespace IdentityCenter.Infrastructure.Audit;

/// <summary>The append-only audit trail (CloudTrail-shaped). There is no update or delete.</summary>
public interface IAuditLog
{
    /// <summary>Stores one event in its own unit of work.</summary>
    Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);

    Task<PagedResult<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Every event matching the filters (paging ignored), one CloudTrail-style JSON object per line, UTF-8.</summary>
    Task ExportJsonLinesAsync(AuditQuery filter, Stream output, CancellationToken cancellationToken = default);

    /// <summary>Every event matching the filters (paging ignored) as CSV with a header row, UTF-8.</summary>
    Task ExportCsvAsync(AuditQuery filter, Stream output, CancellationToken cancellationToken = default);
}
