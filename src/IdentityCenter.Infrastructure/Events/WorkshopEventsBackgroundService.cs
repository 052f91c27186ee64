using IdentityCenter.Infrastructure.Credentials;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Infrastructure.Events;

/// <summary>
/// Ends workshop events at their end time: every <see cref="CredentialsOptions.MaintenanceInterval"/> (1 s, the
/// credentials housekeeping tick) it ends the events that are due, as the End button does (attendees disabled, their
/// credentials revoked), audited as done by IdentityCenter.
/// </summary>
public sealed class WorkshopEventsBackgroundService(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<CredentialsOptions> options,
    ILogger<WorkshopEventsBackgroundService> logger) : BackgroundService
{
    /// <summary>One tick: ends the events that are due; returns how many it ended.</summary>
    public async Task<int> TickAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var events = (WorkshopEventService)scope.ServiceProvider.GetRequiredService<IWorkshopEventService>();
        return await events.EndDueEventsAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        MaintenanceLoop.RunAsync(options.Value.MaintenanceInterval, time, TickAsync, logger, "Ending the workshop events that reached their end time failed; it will retry.", stoppingToken);
}
