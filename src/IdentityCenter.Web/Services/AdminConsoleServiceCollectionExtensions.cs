using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IdentityCenter.Web.Services;

public static class AdminConsoleServiceCollectionExtensions
{
    /// <summary>Services the admin console pages inject (the acting administrator). Call with the other web services.</summary>
    public static IServiceCollection AddIdentityCenterAdminConsole(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.TryAddScoped<CurrentActor>();
        return services;
    }
}
