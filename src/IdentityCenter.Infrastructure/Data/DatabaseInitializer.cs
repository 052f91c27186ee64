using IdentityCenter.Infrastructure.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IdentityCenter.Infrastructure.Data;

public static class DatabaseInitializer
{
    /// <summary>
    /// Applies pending migrations and switches SQLite to write-ahead logging. A SQLite file is made
    /// owner-only (0600, and with it the WAL, shared-memory and journal files SQLite creates beside it)
    /// before the first connection opens it.
    /// </summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityCenterDbContext>();
        if (db.Database.IsSqlite() && SqliteFilePath(db.Database.GetConnectionString()) is { } file)
        {
            foreach (var problem in OwnerOnly.PrepareSqliteFile(file))
            {
                scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer)).LogWarning("{Problem}", problem);
            }
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>The database file of a SQLite connection string; null for an in-memory database.</summary>
    internal static string? SqliteFilePath(string? connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        return builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? null
            : Path.GetFullPath(source);
    }
}
