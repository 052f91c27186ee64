using IdentityCenter.Infrastructure.Data.Generations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Infrastructure.Credentials;

/// <summary>
/// Start-up and housekeeping of the credentials feature. Before the server takes requests it loads the
/// token key ring, the revocation snapshot and the resource-service keys (and gives the playground a
/// key). Then, every <see cref="CredentialsOptions.MaintenanceInterval"/>: whatever other instances changed
/// (<see cref="ChangeGenerationWatcher"/>: access model, directory settings, ended sessions, revocations,
/// token keys, resource services), queued audit events, aggregated allowed decisions, Access Advisor rows;
/// every minute key rotation; hourly pruning.
/// </summary>
public sealed class CredentialsBackgroundService(
    ChangeGenerationWatcher changes,
    TokenKeyRingStore keyRing,
    CredentialRevocationService revocation,
    ResourceServiceRegistry services,
    CredentialAuditBuffer audit,
    AllowedDecisionAggregator allowed,
    AccessAdvisorTracker advisor,
    TimeProvider time,
    IOptions<CredentialsOptions> options,
    ILogger<CredentialsBackgroundService> logger) : BackgroundService
{
    private DateTimeOffset _lastAllowedDrain;
    private DateTimeOffset _lastAdvisorFlush;
    private DateTimeOffset _lastRotationCheck;
    private DateTimeOffset _lastPrune;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Loads everything the hot path needs into memory (idempotent).</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await keyRing.LoadAsync(cancellationToken);
        await keyRing.RotateIfDueAsync(cancellationToken);
        await revocation.LoadAsync(cancellationToken);
        await services.InitializeAsync(cancellationToken);

        // The first poll reloads every concern (caches filled before the counters were first read included).
        await changes.PollAsync(cancellationToken);
        var now = time.GetUtcNow();
        _lastAllowedDrain = _lastAdvisorFlush = _lastRotationCheck = _lastPrune = now;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await FlushAllAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not write the last credential audit events and Access Advisor rows on shutdown.");
        }
    }

    /// <summary>Writes aggregated decisions, queued audit events and Access Advisor rows now.</summary>
    public async Task FlushAllAsync(CancellationToken cancellationToken = default)
    {
        foreach (var e in allowed.Drain())
        {
            audit.Enqueue(e);
        }

        await audit.FlushAsync(cancellationToken);
        await advisor.FlushAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        MaintenanceLoop.RunAsync(options.Value.MaintenanceInterval, time, TickAsync, logger, "Credentials housekeeping failed; it will retry.", stoppingToken);

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        try
        {
            await changes.PollAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The audit and Access Advisor work below still runs; the reload is retried at the next tick.
            logger.LogError(ex, "Could not pick up changes made by other instances; retrying at the next tick.");
        }

        if (now - _lastAllowedDrain >= settings.AllowedDecisionAuditWindow)
        {
            _lastAllowedDrain = now;
            foreach (var e in allowed.Drain())
            {
                audit.Enqueue(e);
            }
        }

        await audit.FlushAsync(cancellationToken);
        if (now - _lastAdvisorFlush >= settings.AccessAdvisorFlushInterval)
        {
            _lastAdvisorFlush = now;
            await advisor.FlushAsync(cancellationToken);
        }

        if (now - _lastRotationCheck >= TimeSpan.FromMinutes(1))
        {
            _lastRotationCheck = now;
            if (await keyRing.RotateIfDueAsync(cancellationToken))
            {
                logger.LogInformation("Rotated the session token key; older keys keep verifying until their tokens expire.");
            }
        }

        if (now - _lastPrune >= TimeSpan.FromHours(1))
        {
            _lastPrune = now;
            await revocation.PruneAsync(cancellationToken);
        }
    }
}
