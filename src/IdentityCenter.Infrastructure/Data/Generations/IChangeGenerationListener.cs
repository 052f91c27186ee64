namespace IdentityCenter.Infrastructure.Data.Generations;

/// <summary>
/// Something held in memory that must be reloaded when its concern's change generation moves (a change
/// made by any instance). Called by <see cref="ChangeGenerationWatcher"/> from the maintenance tick, after
/// the new generation was read, so whatever it loads is at least as new as that change.
/// </summary>
public interface IChangeGenerationListener
{
    /// <summary>One of <see cref="ChangeConcerns"/>.</summary>
    string Concern { get; }

    Task OnChangedAsync(CancellationToken cancellationToken);
}

/// <summary>Registers a singleton that is itself a listener (one registration per type, so features can add theirs idempotently).</summary>
internal sealed class ChangeGenerationListener<T>(T inner) : IChangeGenerationListener
    where T : IChangeGenerationListener
{
    public string Concern => inner.Concern;

    public Task OnChangedAsync(CancellationToken cancellationToken) => inner.OnChangedAsync(cancellationToken);
}
