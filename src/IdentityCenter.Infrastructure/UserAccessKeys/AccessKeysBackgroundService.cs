using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Configuration;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Infrastructure.UserAccessKeys;

/// <summary>
/// Start-up and housekeeping of access keys. Before the server takes requests: gives the bootstrap administrator
/// the configured key (<c>IdentityCenter:Bootstrap:AdminAccessKeyId</c>) and loads every key into
/// <see cref="AccessKeyCache"/>. Then every <see cref="UsageFlushInterval"/> it writes the keys' last use, and once more at shutdown.
/// </summary>
public sealed class AccessKeysBackgroundService(
    AccessKeyService keys,
    AccessKeyCache cache,
    AccessKeyUsage usage,
    IDbContextFactory<Data.IdentityCenterDbContext> contexts,
    IOptions<IdentityCenterOptions> options,
    TimeProvider time,
    ILogger<AccessKeysBackgroundService> logger) : BackgroundService
{
    /// <summary>How often the last use of keys is written (IAM's last-used data is not real-time either).</summary>
    public static readonly TimeSpan UsageFlushInterval = TimeSpan.FromSeconds(15);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>The bootstrap key, then every key into memory (idempotent).</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await EnsureBootstrapKeyAsync(cancellationToken);
        await cache.LoadAsync(cancellationToken);
    }

    /// <summary>
    /// Gives the administrator named <c>IdentityCenter:Bootstrap:AdminUserName</c> the configured access key.
    /// A key that cannot be given (no such user, the id taken or with another secret, two keys already) stops the
    /// start with a message that says what to change: automation relying on it would fail later and less clearly.
    /// </summary>
    public async Task EnsureBootstrapKeyAsync(CancellationToken cancellationToken = default)
    {
        var bootstrap = options.Value.Bootstrap;
        if (string.IsNullOrEmpty(bootstrap.AdminAccessKeyId) || string.IsNullOrEmpty(bootstrap.AdminSecretAccessKey))
        {
            return;
        }

        const string settings = "IdentityCenter:Bootstrap:AdminAccessKeyId";
        string? userId;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var normalized = bootstrap.AdminUserName.ToUpperInvariant();
            userId = await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        }

        if (userId is null)
        {
            throw new InvalidOperationException($"{settings} is set, but no user named '{bootstrap.AdminUserName}' exists to hold it. Set IdentityCenter:Bootstrap:AdminUserName to the administrator who should hold the key, or remove the access key settings.");
        }

        var result = await keys.EnsureKeyAsync(userId, bootstrap.AdminAccessKeyId, bootstrap.AdminSecretAccessKey, Actor.System, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{settings}: the key could not be given to '{bootstrap.AdminUserName}': {result.Summary}");
        }

        if (!result.Value)
        {
            logger.LogWarning("Gave the bootstrap administrator '{UserName}' the configured access key {AccessKeyId}.", bootstrap.AdminUserName, bootstrap.AdminAccessKeyId);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await usage.FlushAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not write the last use of access keys on shutdown.");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(UsageFlushInterval, time);
        while (true)
        {
            try
            {
                if (!await timer.WaitForNextTickAsync(stoppingToken))
                {
                    return;
                }

                await usage.FlushAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Could not write the last use of access keys; retrying.");
            }
        }
    }
}
