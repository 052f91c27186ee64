using IdentityCenter.Core.Aws.SigV4;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Data.Generations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

public static class CredentialsServiceCollectionExtensions
{
    /// <summary>
    /// Short-lived role credentials and the token check: the token key ring (persisted, rotated), the
    /// session token protector and issuer, the real <see cref="ICredentialRevocation"/> (replacing the
    /// no-op default), resource services, <see cref="CredentialService"/>, <see cref="AuthorizeService"/>,
    /// the batched audit and Access Advisor writers, and the background service that loads all of it
    /// before the server starts. Needs <see cref="IEntitlementService"/> and <see cref="IPolicySetProvider"/>
    /// from the access model. Call after <c>AddIdentityCenterDirectory</c> (and after the access model).
    /// </summary>
    public static IHostApplicationBuilder AddIdentityCenterCredentials(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddIdentityCenterCredentials();
        return builder;
    }

    /// <summary>The same registrations on a service collection (idempotent: a second call does nothing).</summary>
    public static IServiceCollection AddIdentityCenterCredentials(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(CredentialsBackgroundService)))
        {
            return services;
        }

        services.AddOptions<CredentialsOptions>().BindConfiguration(CredentialsOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRandomSource>(CryptoRandomSource.Instance);

        services.TryAddSingleton(sp => new TokenKeyRingHolder(TokenKeyRing.CreateNew(sp.GetRequiredService<IRandomSource>(), sp.GetRequiredService<TimeProvider>().GetUtcNow())));
        services.TryAddSingleton<ITokenKeyRingProvider>(sp => sp.GetRequiredService<TokenKeyRingHolder>());
        services.TryAddSingleton<SessionTokenProtector>();
        services.TryAddSingleton<CredentialIssuer>();
        services.TryAddSingleton<TokenKeyRingStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IdentityCenter.Infrastructure.Security.KeyRing.IKeyRingSealedData, TokenKeysSealedData>());
        services.TryAddSingleton(new RevocationSnapshotHolder(RevocationSnapshot.Empty));
        services.TryAddSingleton<SessionCredentialValidator>();
        services.TryAddSingleton<CredentialAuditBuffer>();
        services.TryAddSingleton<AllowedDecisionAggregator>();
        services.TryAddSingleton<AccessAdvisorTracker>();
        services.TryAddSingleton<ResourceServiceRegistry>();
        services.TryAddSingleton<CredentialRevocationService>();
        services.RemoveAll<ICredentialRevocation>();
        services.AddSingleton<ICredentialRevocation>(sp => sp.GetRequiredService<CredentialRevocationService>());
        services.TryAddScoped<CredentialService>();
        services.TryAddSingleton<AuthorizationMessageProtector>();
        // One verifier for the process: its cache of derived signing keys must outlive a request scope.
        services.TryAddSingleton(_ => new SigV4Verifier());
        services.TryAddSingleton<RecentDecisionFeed>();
        services.TryAddSingleton<AuthorizeService>();
        services.TryAddScoped<IdentityCenter.Infrastructure.Events.IRoomViewService, IdentityCenter.Infrastructure.Events.RoomViewService>();
        services.TryAddScoped<PlaygroundAuthorizer>();

        services.TryAddSingleton<ChangeGenerationWatcher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChangeGenerationListener, ChangeGenerationListener<TokenKeyRingStore>>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChangeGenerationListener, ChangeGenerationListener<CredentialRevocationService>>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChangeGenerationListener, ChangeGenerationListener<ResourceServiceRegistry>>());
        services.TryAddSingleton<CredentialsBackgroundService>();
        services.AddHostedService(sp => sp.GetRequiredService<CredentialsBackgroundService>());
        return services;
    }
}
