using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IdentityCenter.Infrastructure.Data;

/// <summary>The SQLite flavour (default). Migrations in Data/Migrations/Sqlite.</summary>
public sealed class SqliteIdentityCenterDbContext(DbContextOptions<SqliteIdentityCenterDbContext> options)
    : IdentityCenterDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite cannot order or compare DateTimeOffset text; as a binary long (all values are UTC) it sorts correctly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
