using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.UserAccessKeys;
using IdentityCenter.Infrastructure.Data.Generations;
using IdentityCenter.Infrastructure.Security.KeyRing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

public static class AccessKeysServiceCollectionExtensions
{
    /// <summary>
    /// Users' long-term access keys: <see cref="IAccessKeyService"/> (create, status, delete; audited), the in-memory
    /// <see cref="AccessKeyCache"/> signature verification reads, the batched last-use writer, the bootstrap key
    /// and the key-ring cleanup. Adds the credentials feature (its revocation snapshot stops a disabled or deleted
    /// user's keys at once). Call after <c>AddIdentityCenterDirectory</c>.
    /// </summary>
    public static IHostApplicationBuilder AddIdentityCenterAccessKeys(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddIdentityCenterAccessKeys();
        return builder;
    }

    /// <summary>The same registrations on a service collection (idempotent).</summary>
    public static IServiceCollection AddIdentityCenterAccessKeys(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(AccessKeysBackgroundService)))
        {
            return services;
        }

        services.AddIdentityCenterCredentials();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRandomSource>(CryptoRandomSource.Instance);
        services.TryAddSingleton<AccessKeyCache>();
        services.TryAddSingleton<AccessKeyUsage>();
        services.TryAddSingleton<AccessKeyService>();
        services.TryAddSingleton<IAccessKeyService>(sp => sp.GetRequiredService<AccessKeyService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IKeyRingSealedData, AccessKeysSealedData>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChangeGenerationListener, ChangeGenerationListener<AccessKeyCache>>());
        services.TryAddSingleton<AccessKeysBackgroundService>();
        services.AddHostedService(sp => sp.GetRequiredService<AccessKeysBackgroundService>());
        return services;
    }
}
