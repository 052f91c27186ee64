using IdentityCenter.Infrastructure.Access;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

public static class AccessModelServiceCollectionExtensions
{
    /// <summary>
    /// The access model: organization, IAM policies, permission sets, assignments, ABAC, effective
    /// access, simulator, dashboard, workshop seeder, and the portal contracts
    /// <see cref="IEntitlementService"/> and <see cref="IPolicySetProvider"/>. Registers
    /// <see cref="NoCredentialRevocation"/> only if nothing else registered <see cref="ICredentialRevocation"/>
    /// (TryAdd: the credentials feature may register its own before or after, with Replace).
    /// Call after <c>AddIdentityCenterDirectory</c>.
    /// </summary>
    public static IHostApplicationBuilder AddIdentityCenterAccessModel(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddIdentityCenterAccessModel();
        return builder;
    }

    /// <summary>The same registrations on a bare service collection (tests, benchmarks).</summary>
    public static IServiceCollection AddIdentityCenterAccessModel(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICredentialRevocation, NoCredentialRevocation>();
        return services;
    }
}
