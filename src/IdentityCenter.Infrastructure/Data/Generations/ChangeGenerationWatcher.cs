using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Data.Generations;

/// <summary>
/// Keeps this instance's in-memory state in step with changes other instances make: each
/// <see cref="PollAsync"/> reads every change counter (one small query) and calls the listeners of each
/// concern whose counter moved. The first poll calls every listener (a full load). Run by the maintenance
/// tick, so request paths never read the counters.
/// </summary>
public sealed class ChangeGenerationWatcher(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    IEnumerable<IChangeGenerationListener> listeners) : IDisposable
{
    private readonly ILookup<string, IChangeGenerationListener> byConcern = listeners.ToLookup(l => l.Concern, StringComparer.Ordinal);
    private readonly Dictionary<string, long> handled = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);

    public void Dispose() => gate.Dispose();

    /// <summary>
    /// Reloads what changed since the last poll; returns the concerns it reloaded. A listener that fails is
    /// retried at the next poll; the failures are thrown together after every other concern was handled.
    /// </summary>
    public async Task<IReadOnlyList<string>> PollAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            Dictionary<string, long> current;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                current = await ChangeGenerations.ReadAllAsync(db, cancellationToken);
            }

            var reloaded = new List<string>();
            List<string>? failed = null;
            List<Exception>? failures = null;
            foreach (var group in byConcern)
            {
                if (!current.TryGetValue(group.Key, out var generation))
                {
                    continue;
                }

                if (handled.TryGetValue(group.Key, out var seen) && seen == generation)
                {
                    continue;
                }

                try
                {
                    foreach (var listener in group)
                    {
                        await listener.OnChangedAsync(cancellationToken);
                    }

                    handled[group.Key] = generation;
                    reloaded.Add(group.Key);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    (failed ??= []).Add(group.Key);
                    (failures ??= []).Add(ex);
                }
            }

            return failures is null
                ? reloaded
                : throw new AggregateException($"Could not reload {string.Join(", ", failed!)} after a change; retrying at the next tick.", failures);
        }
        finally
        {
            gate.Release();
        }
    }
}
