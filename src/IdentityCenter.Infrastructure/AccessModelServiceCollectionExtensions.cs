using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Access.Internal;
using IdentityCenter.Infrastructure.Data.Generations;
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

    /// <summary>
    /// Seeds (or with <paramref name="reset"/> re-seeds) the workshop organization; for the lead's
    /// command-line switch. Demo users sign in with <see cref="WorkshopSeederPassword"/>.
    /// </summary>
    public static async Task<IdentityCenter.Core.Directory.OperationResult<WorkshopSeedResult>> SeedIdentityCenterWorkshopAsync(
        this IServiceProvider services, bool reset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IWorkshopSeeder>().SeedAsync(reset, IdentityCenter.Core.Audit.Actor.System, cancellationToken);
    }

    /// <summary>The password every workshop demo user signs in with (no change required).</summary>
    public const string WorkshopSeederPassword = WorkshopSeeder.DemoPassword;

    /// <summary>The same registrations on a bare service collection (tests, benchmarks).</summary>
    public static IServiceCollection AddIdentityCenterAccessModel(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICredentialRevocation, NoCredentialRevocation>();
        services.TryAddSingleton<IRandomSource>(CryptoRandomSource.Instance);
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IdentityCenter.Infrastructure.Directory.IPrincipalDeletionHandler, AssignmentCleanup>());
        services.TryAddSingleton<AccessModelCache>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChangeGenerationListener, ChangeGenerationListener<AccessModelCache>>());
        services.TryAddSingleton<UserAccessResolver>();
        services.TryAddSingleton<Provisioning>();
        services.TryAddSingleton<IPolicySetProvider, PolicySetProvider>();
        services.TryAddSingleton<IEntitlementService, EntitlementService>();
        services.TryAddSingleton<IOrganizationService, OrganizationService>();
        services.TryAddSingleton<IPolicyService, PolicyService>();
        services.TryAddSingleton<IPermissionSetService, PermissionSetService>();
        services.TryAddSingleton<IAssignmentService, AssignmentService>();
        services.TryAddSingleton<IAccessControlAttributeService, AccessControlAttributeService>();
        services.TryAddSingleton<ISsoAdminOperationLog, SsoAdminOperationLog>();
        services.TryAddSingleton<IEffectiveAccessService, EffectiveAccessService>();
        services.TryAddSingleton<IPolicySimulator, PolicySimulator>();
        services.TryAddSingleton<IdentityCenter.Infrastructure.Administration.IAdministrativeAuthorizer, IdentityCenter.Infrastructure.Administration.AdministrativeAuthorizer>();
        services.TryAddSingleton<IdentityCenter.Infrastructure.Administration.AdministrationPolicyCache>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IdentityCenter.Infrastructure.Data.Generations.IChangeGenerationListener, IdentityCenter.Infrastructure.Data.Generations.ChangeGenerationListener<IdentityCenter.Infrastructure.Administration.AdministrationPolicyCache>>());
        services.TryAddScoped<IdentityCenter.Infrastructure.Administration.AdministrationPolicyService>();
        services.TryAddScoped<IdentityCenter.Infrastructure.Administration.IAdministrationPolicyService>(sp => sp.GetRequiredService<IdentityCenter.Infrastructure.Administration.AdministrationPolicyService>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IdentityCenter.Infrastructure.Directory.IPrincipalDeletionHandler, IdentityCenter.Infrastructure.Administration.AdministrationPolicyService>());
        services.TryAddSingleton<IAccessDashboardService, AccessDashboardService>();
        services.TryAddScoped<IWorkshopSeeder, WorkshopSeeder>();
        services.TryAddScoped<IdentityCenter.Infrastructure.Events.IWorkshopEventTemplateService, IdentityCenter.Infrastructure.Events.WorkshopEventTemplateService>();
        services.TryAddScoped<IdentityCenter.Infrastructure.EnvironmentExport.IEnvironmentExportService, IdentityCenter.Infrastructure.EnvironmentExport.EnvironmentExportService>();
        services.TryAddScoped<IdentityCenter.Infrastructure.EnvironmentExport.ITerraformExporter, IdentityCenter.Infrastructure.EnvironmentExport.TerraformExporter>();
        return services;
    }
}
