using IdentityCenter.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IdentityCenter.Infrastructure.Data;

/// <summary>The SQLite flavour (default). Migrations in Data/Migrations/Sqlite.</summary>
public sealed class SqliteIdentityCenterDbContext(DbContextOptions<SqliteIdentityCenterDbContext> options)
    : IdentityCenterDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // SQLite has no trigram index: the users search (LIKE '%x%' on three columns) scans this narrow
        // covering index instead of the wide table rows; it also serves paging by user name.
        builder.Entity<ApplicationUser>().HasIndex(
            u => new { u.NormalizedUserName, u.NormalizedDisplayName, u.NormalizedEmail, u.Id },
            "IX_AspNetUsers_Search");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite cannot order or compare DateTimeOffset text; as a binary long (all values are UTC) it sorts correctly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
