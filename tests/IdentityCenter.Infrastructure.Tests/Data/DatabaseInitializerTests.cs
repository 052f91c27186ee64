using System.Collections.Concurrent;
using IdentityCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IdentityCenter.Infrastructure.Tests.Data;

/// <summary>
/// Start-up after a crash during migration: EF Core's SQLite lock row left by a dead process is cleared
/// (only while no other process can be migrating), and PostgreSQL's lock ends with the session that held it.
/// </summary>
public sealed class DatabaseInitializerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Sqlite_LockRowLeftByAKilledMigration_IsRemovedAndTheStartCompletes()
    {
        var logs = new LogCollector();
        await using var test = await TestDirectory.CreateAsync("Sqlite", services: s => s.AddSingleton<ILoggerProvider>(logs));
        await ExecuteAsync(test, "INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-01-01 00:00:00+00:00');");

        using var timeout = new CancellationTokenSource(Patience);
        await test.Root.InitializeDatabaseAsync(timeout.Token);

        Assert.Equal(0L, await ScalarAsync(test, "SELECT COUNT(*) FROM \"__EFMigrationsLock\";"));
        Assert.Contains(logs.Messages, m => m.Contains("Removed a stale database migration lock taken at 2026-01-01", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sqlite_AnotherProcessIsMigrating_StartWaitsLeavesItsLockAloneAndSaysWhoHoldsIt()
    {
        await using var test = await TestDirectory.CreateAsync("Sqlite");
        await using var db = await test.NewDbAsync();
        var lockFile = DatabaseInitializer.SqliteLockFilePath(db.Database.GetConnectionString()!)!;
        await ExecuteAsync(test, "INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-01-01 00:00:00+00:00');");

        // What a live migrating process holds: the lock file (exclusively) and EF's lock row.
        await using (new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var refused = await Assert.ThrowsAsync<DatabaseStartupException>(() => test.Root.InitializeDatabaseAsync(TimeSpan.FromSeconds(1)));

            Assert.Contains(lockFile, refused.Message, StringComparison.Ordinal);
            Assert.Contains("Another process is applying database migrations", refused.Message, StringComparison.Ordinal);
            Assert.Equal(1L, await ScalarAsync(test, "SELECT COUNT(*) FROM \"__EFMigrationsLock\";"));
        }

        // Once that process is gone (the kernel drops its file lock), its row is stale and the start goes through.
        using var timeout = new CancellationTokenSource(Patience);
        await test.Root.InitializeDatabaseAsync(timeout.Token);
        Assert.Equal(0L, await ScalarAsync(test, "SELECT COUNT(*) FROM \"__EFMigrationsLock\";"));
    }

    [Fact]
    public async Task Postgres_EfLocksInsideTheMigrationTransaction_NothingOutlivesTheSession()
    {
        // Npgsql takes LOCK TABLE "__EFMigrationsHistory" inside the migration transaction: a dead
        // process's lock ends with its connection and leaves no row behind. Should a later Npgsql keep
        // its lock in a table instead (LockReleaseBehavior.Explicit), this fails: clear it as for SQLite.
        await using var db = new PostgresIdentityCenterDbContext(
            new DbContextOptionsBuilder<PostgresIdentityCenterDbContext>().UseNpgsql("Host=localhost;Database=unused").Options);
        Assert.Equal(LockReleaseBehavior.Transaction, db.GetService<IHistoryRepository>().LockReleaseBehavior);
    }

    [PostgresFact]
    public async Task Postgres_AnotherSessionHoldsTheMigrationLock_StartFailsNamingItThenGoesThroughOnceItsConnectionIsGone()
    {
        var logs = new LogCollector();
        await using var test = await TestDirectory.CreateAsync("PostgreSQL", services: s => s.AddSingleton<ILoggerProvider>(logs));
        await using var db = await test.NewDbAsync();
        var holder = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString);
        await holder.OpenAsync();
        int holderPid;
        await using (var pid = new NpgsqlCommand("SELECT pg_backend_pid()", holder))
        {
            holderPid = (int)(await pid.ExecuteScalarAsync())!;
        }

        // Exactly what EF's PostgreSQL migrator holds while it migrates.
        var transaction = await holder.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("LOCK TABLE \"__EFMigrationsHistory\" IN ACCESS EXCLUSIVE MODE", holder, transaction))
        {
            await take.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<DatabaseStartupException>(() => test.Root.InitializeDatabaseAsync(TimeSpan.FromSeconds(2)));
        Assert.Contains($"server process (pid) {holderPid}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("pg_terminate_backend", refused.Message, StringComparison.Ordinal);

        // A waiting start goes through as soon as the holder's connection ends (as when its process is killed).
        using var timeout = new CancellationTokenSource(Patience);
        var waiting = test.Root.InitializeDatabaseAsync(timeout.Token);
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.False(waiting.IsCompleted);
        Assert.Contains(logs.Messages, m => m.Contains($"server process (pid) {holderPid}", StringComparison.Ordinal));
        await holder.DisposeAsync();
        await waiting;
    }

    private static async Task ExecuteAsync(TestDirectory test, string sql)
    {
        await using var db = await test.NewDbAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private static async Task<object?> ScalarAsync(TestDirectory test, string sql)
    {
        await using var db = await test.NewDbAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}

/// <summary>Keeps every formatted log message, for tests that check what the start told the operator.</summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyCollection<string> Messages => _messages;

    public ILogger CreateLogger(string categoryName) => new Logger(_messages);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(formatter(state, exception));
    }
}
