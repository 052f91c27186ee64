using IdentityCenter.Infrastructure.Configuration;
using IdentityCenter.Infrastructure.Workshop;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

public static class WorkshopServiceCollectionExtensions
{
    /// <summary>
    /// Workshop mode (<see cref="WorkshopOptions"/>): in workshop mode with time travel on, the application clock is a
    /// <see cref="WorkshopClock"/> (the <see cref="TimeProvider"/> every service, cookie and token check resolves);
    /// otherwise the system clock. <see cref="IWorkshopClockService"/> is always there and refuses outside workshop mode.
    /// Call right after <c>AddIdentityCenterInfrastructure</c>, before the features that default to the system clock.
    /// </summary>
    public static IHostApplicationBuilder AddIdentityCenterWorkshop(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new WorkshopOptions();
        builder.Configuration.GetSection($"{IdentityCenterOptions.SectionName}:Workshop").Bind(options);
        if (options.TimeTravelEnabled)
        {
            builder.Services.TryAddSingleton(new WorkshopClock(TimeProvider.System));
            builder.Services.TryAddSingleton<TimeProvider>(sp => sp.GetRequiredService<WorkshopClock>());
        }

        builder.Services.TryAddSingleton<IWorkshopClockService, WorkshopClockService>();
        return builder;
    }
}
