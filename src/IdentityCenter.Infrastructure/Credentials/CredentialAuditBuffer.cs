using System.Threading.Channels;
using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IdentityCenter.Infrastructure.Credentials;

/// <summary>
/// Audit events of the hot paths (credential issue, authorize decisions) are queued in memory and
/// written in batches by the credentials background service, so a request never waits for a
/// database write. <see cref="FlushAsync"/> writes what is queued (also called on shutdown).
/// </summary>
public sealed class CredentialAuditBuffer(IDbContextFactory<IdentityCenterDbContext> contexts, ILogger<CredentialAuditBuffer> logger)
{
    private const int Capacity = 100_000;
    private const int BatchSize = 1_000;
    private readonly Channel<AuditEvent> _channel = Channel.CreateBounded<AuditEvent>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private long _dropped;

    // A batch the database refused (for example while it was locked); written first at the next flush.
    // Only the single flusher touches it.
    private List<AuditRecord>? _retry;

    // One flush at a time without a disposable gate, so a flush during shutdown never meets a disposed semaphore.
    private int _flushing;

    /// <summary>Events that could not be queued because the queue was full (the database fell far behind).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Enqueue(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        if (!_channel.Writer.TryWrite(auditEvent))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Writes everything queued so far, in batches; returns how many events were written.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        while (Interlocked.CompareExchange(ref _flushing, 1, 0) != 0)
        {
            await Task.Delay(10, cancellationToken);
        }

        try
        {
            var written = 0;
            var batch = new List<AuditRecord>(BatchSize);
            while (true)
            {
                batch.Clear();
                if (_retry is not null)
                {
                    batch.AddRange(_retry);
                    _retry = null;
                }

                while (batch.Count < BatchSize && _channel.Reader.TryRead(out var e))
                {
                    batch.Add(AuditRecordMapper.ToRecord(e));
                }

                if (batch.Count == 0)
                {
                    return written;
                }

                try
                {
                    await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                    db.AuditEvents.AddRange(batch);
                    await db.SaveChangesAsync(cancellationToken);
                    written += batch.Count;
                }
                catch (DbUpdateException ex)
                {
                    // Keep the batch (denied decisions must reach the audit log) and try again at the next flush.
                    logger.LogError(ex, "Could not write {Count} credential audit events; they will be written at the next attempt.", batch.Count);
                    _retry = [.. batch];
                    return written;
                }
            }
        }
        finally
        {
            Volatile.Write(ref _flushing, 0);
        }
    }
}
