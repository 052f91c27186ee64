using IdentityCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Tests.Data;

/// <summary>The checked-in migrations of each provider describe the current model: nothing changed without a migration.</summary>
public sealed class MigrationsTests
{
    [Fact]
    public void SqliteMigrations_MatchTheModel()
    {
        using var db = new SqliteIdentityCenterDbContext(
            new DbContextOptionsBuilder<SqliteIdentityCenterDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> -p src/IdentityCenter.Infrastructure -s src/IdentityCenter.Web --context SqliteIdentityCenterDbContext -o Data/Migrations/Sqlite");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void PostgresMigrations_MatchTheModel()
    {
        // No connection is opened: the model is compared with the migrations' snapshot.
        using var db = new PostgresIdentityCenterDbContext(
            new DbContextOptionsBuilder<PostgresIdentityCenterDbContext>().UseNpgsql("Host=localhost;Database=unused").Options);

        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> -p src/IdentityCenter.Infrastructure -s src/IdentityCenter.Web --context PostgresIdentityCenterDbContext -o Data/Migrations/PostgreSql");
        Assert.NotEmpty(db.Database.GetMigrations());
    }
}
