using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

public static class EventsServiceCollectionExtensions
{
    /// <summary>
    /// Workshop events: <see cref="IWorkshopEventService"/> and the background service that ends events at their end
    /// time. Call after <c>AddIdentityCenterAccessModel</c> and <c>AddIdentityCenterCredentials</c>.
    /// </summary>
    public static IHostApplicationBuilder AddIdentityCenterEvents(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddIdentityCenterEvents();
        return builder;
    }

    /// <summary>The same registrations on a service collection (idempotent).</summary>
    public static IServiceCollection AddIdentityCenterEvents(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(WorkshopEventsBackgroundService)))
        {
            return services;
        }

        services.AddOptions<CredentialsOptions>().BindConfiguration(CredentialsOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<IWorkshopEventService, WorkshopEventService>();
        services.TryAddSingleton<WorkshopEventsBackgroundService>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkshopEventsBackgroundService>());
        return services;
    }
}
