using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IdentityCenter.Infrastructure.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite context without starting the web host.</summary>
internal sealed class SqliteDesignTimeDbContextFactory : IDesignTimeDbContextFactory<SqliteIdentityCenterDbContext>
{
    public SqliteIdentityCenterDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteIdentityCenterDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL context without a server (no connection is opened).</summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresIdentityCenterDbContext>
{
    public PostgresIdentityCenterDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresIdentityCenterDbContext>().UseNpgsql("Host=localhost;Database=identitycenter_design").Options);
}
