using IdentityCenter.Infrastructure.Configuration;
using IdentityCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>Tag of the health checks that say whether the app can serve requests (used by <c>/readyz</c>).</summary>
    public const string ReadinessTag = "ready";

    /// <summary>Options, the database and its readiness check.</summary>
    public static IHostApplicationBuilder AddIdentityCenterInfrastructure(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentityCenterOptions>()
            .BindConfiguration(IdentityCenterOptions.SectionName)
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IdentityCenterOptions>, IdentityCenterOptionsValidator>());

        builder.Services.AddDbContext<IdentityCenterDbContext>((services, db) =>
        {
            var options = services.GetRequiredService<IOptions<IdentityCenterOptions>>().Value;
            var contentRoot = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
            db.UseSqlite(options.ResolveSqliteConnectionString(contentRoot));
        });

        builder.Services.AddHealthChecks()
            .AddDbContextCheck<IdentityCenterDbContext>("database", tags: [ReadinessTag]);

        return builder;
    }
}
