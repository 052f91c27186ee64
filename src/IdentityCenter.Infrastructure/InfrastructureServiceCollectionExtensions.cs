using IdentityCenter.Infrastructure.Configuration;
using IdentityCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>Tag of the health checks that say whether the app can serve requests (used by <c>/readyz</c>).</summary>
    public const string ReadinessTag = "ready";

    /// <summary>
    /// Options, the database and its readiness check. The provider comes from
    /// <c>IdentityCenter:Database:Provider</c>: SQLite (default) or PostgreSQL. Services depend on
    /// <see cref="IdentityCenterDbContext"/> (scoped) or <see cref="IDbContextFactory{IdentityCenterDbContext}"/>.
    /// </summary>
    public static IHostApplicationBuilder AddIdentityCenterInfrastructure(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<IdentityCenterOptions>()
            .BindConfiguration(IdentityCenterOptions.SectionName)
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IdentityCenterOptions>, IdentityCenterOptionsValidator>());

        var configured = new IdentityCenterOptions();
        builder.Configuration.GetSection(IdentityCenterOptions.SectionName).Bind(configured);
        builder.Services.AddIdentityCenterDatabase(configured.Database.Provider);

        builder.Services.AddHealthChecks()
            .AddDbContextCheck<IdentityCenterDbContext>("database", tags: [ReadinessTag]);

        return builder;
    }

    /// <summary>
    /// Registers the provider's derived context behind <see cref="IdentityCenterDbContext"/>, both as a
    /// scoped context and as a factory. The connection is resolved from <see cref="IdentityCenterOptions"/>
    /// when the first context is made.
    /// </summary>
    public static IServiceCollection AddIdentityCenterDatabase(this IServiceCollection services, string provider)
    {
        if (string.Equals(provider, DatabaseProviders.PostgreSql, StringComparison.OrdinalIgnoreCase))
        {
            services.AddDbContextFactory<PostgresIdentityCenterDbContext>((sp, db) =>
                SkipPendingModelCheck(db.UseNpgsql(sp.GetRequiredService<IOptions<IdentityCenterOptions>>().Value.Database.ConnectionString)));
            services.TryAddSingleton<IDbContextFactory<IdentityCenterDbContext>, BaseDbContextFactory<PostgresIdentityCenterDbContext>>();
            services.TryAddScoped<IdentityCenterDbContext>(sp => sp.GetRequiredService<PostgresIdentityCenterDbContext>());
        }
        else
        {
            services.AddDbContextFactory<SqliteIdentityCenterDbContext>((sp, db) =>
            {
                var options = sp.GetRequiredService<IOptions<IdentityCenterOptions>>().Value;
                var contentRoot = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
                SkipPendingModelCheck(db.UseSqlite(options.ResolveSqliteConnectionString(contentRoot)));
            });
            services.TryAddSingleton<IDbContextFactory<IdentityCenterDbContext>, BaseDbContextFactory<SqliteIdentityCenterDbContext>>();
            services.TryAddScoped<IdentityCenterDbContext>(sp => sp.GetRequiredService<SqliteIdentityCenterDbContext>());
        }

        return services;
    }

    /// <summary>
    /// Before migrating, EF compares the model with the migrations' snapshot to warn of a schema change that has no
    /// migration: a second, design-time model build and a diff at every start (about a second of CPU). The test suite
    /// makes that check for both providers (MigrationsTests), so a running instance need not.
    /// </summary>
    private static DbContextOptionsBuilder SkipPendingModelCheck(DbContextOptionsBuilder db) =>
        db.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    private sealed class BaseDbContextFactory<TDerived>(IDbContextFactory<TDerived> inner) : IDbContextFactory<IdentityCenterDbContext>
        where TDerived : IdentityCenterDbContext
    {
        public IdentityCenterDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
