using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IdentityCenter.Infrastructure.Sso;

/// <summary>Hourly: deletes OIDC client registrations, consent requests and tokens a day past their expiry.</summary>
public sealed class SsoHousekeepingService(IServiceScopeFactory scopes, TimeProvider time, ILogger<SsoHousekeepingService> logger) : BackgroundService
{
    public static TimeSpan Interval { get; } = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var deleted = await scope.ServiceProvider.GetRequiredService<SsoOidcService>().PruneAsync(stoppingToken);
                    if (deleted > 0)
                    {
                        logger.LogInformation("Deleted {Count} expired SSO-OIDC rows.", deleted);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Could not delete expired SSO-OIDC rows; trying again in an hour.");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
