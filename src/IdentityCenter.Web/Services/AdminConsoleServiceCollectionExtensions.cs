using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IdentityCenter.Web.Services;

public static class AdminConsoleServiceCollectionExtensions
{
    /// <summary>
    /// The acting user of every audit event (<see cref="CurrentActor"/>), for requests and circuits, with the
    /// circuit handler that records where a circuit connects from, and the console's form and action state
    /// (<see cref="IdentityCenter.Web.Components.Admin.OperationState"/>, one per injection). Call with the other web services.
    /// </summary>
    public static IServiceCollection AddIdentityCenterAdminConsole(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.TryAddScoped<CircuitOrigin>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitOriginHandler>());
        services.TryAddScoped<CurrentActor>();
        services.TryAddScoped<ConsoleAccess>();
        services.TryAddScoped<IdentityCenter.Web.Components.Pages.Admin.Events.WorkshopCardsHolder>();
        services.TryAddTransient<IdentityCenter.Web.Components.Admin.OperationState>();
        return services;
    }
}
