using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Sso;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

public static class SsoServiceCollectionExtensions
{
    /// <summary>
    /// Sign-in for the AWS CLI and SDKs: SSO-OIDC (<see cref="SsoOidcService"/>), the bearer-token check
    /// (<see cref="SsoBearerTokenValidator"/> over <see cref="SsoAccessTokenCache"/>), the SSO portal API
    /// (<see cref="SsoPortalService"/>) and hourly pruning. Needs the directory (sessions, settings), the access
    /// model (entitlements) and the credentials feature (<c>CredentialService</c>, the audit buffer).
    /// </summary>
    public static IHostApplicationBuilder AddIdentityCenterAwsSso(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddIdentityCenterAwsSso();
        return builder;
    }

    /// <summary>The same registrations on a service collection (idempotent).</summary>
    public static IServiceCollection AddIdentityCenterAwsSso(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(SsoAccessTokenCache)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRandomSource>(CryptoRandomSource.Instance);
        services.AddSingleton<SsoAccessTokenCache>();
        services.TryAddScoped<SsoBearerTokenValidator>();
        services.TryAddScoped<SsoOidcService>();
        services.TryAddScoped<SsoPortalService>();
        services.AddHostedService<SsoHousekeepingService>();
        return services;
    }
}
