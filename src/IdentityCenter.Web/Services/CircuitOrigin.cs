using IdentityCenter.Infrastructure.Audit;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace IdentityCenter.Web.Services;

/// <summary>
/// Where the browser of an interactive circuit connects from. Scoped, so one per circuit; filled by
/// <see cref="CircuitOriginHandler"/> when the circuit opens, the only moment the connection's HttpContext
/// can be read (interactive events have none). Empty outside circuits (HTTP requests, prerendering).
/// </summary>
public sealed class CircuitOrigin
{
    /// <summary>The origin captured when the circuit opened; null when this scope is not a circuit.</summary>
    public RequestOrigin? Origin { get; private set; }

    public void Open(RequestOrigin origin) => Origin = origin ?? throw new ArgumentNullException(nameof(origin));
}

/// <summary>Captures the circuit's <see cref="CircuitOrigin"/> from the connection's HttpContext as the circuit opens.</summary>
internal sealed class CircuitOriginHandler(CircuitOrigin origin, IHttpContextAccessor httpContextAccessor) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        origin.Open(RequestOrigin.From(httpContextAccessor.HttpContext));
        return Task.CompletedTask;
    }
}
