using Microsoft.Extensions.Logging;

namespace IdentityCenter.Infrastructure.Credentials;

/// <summary>
/// The loop of a housekeeping service: runs a tick every interval until the host stops. A failed tick is logged
/// with what failed and retried at the next one; stopping ends the loop quietly.
/// </summary>
internal static class MaintenanceLoop
{
    public static async Task RunAsync(
        TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> tick, ILogger logger, string failure, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                await tick(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
#pragma warning disable CA2254 // The message is a constant of the calling service.
                logger.LogError(ex, failure);
#pragma warning restore CA2254
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
