using System.Data.Common;
using IdentityCenter.Infrastructure.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IdentityCenter.Infrastructure.Data;

/// <summary>
/// Brings the database schema up to date at start-up, safely after a crash.
/// <para>
/// SQLite: EF Core's migration lock is a row in <c>__EFMigrationsLock</c> that a killed process leaves
/// behind, and every later start would wait for it forever. So migrations run only while this process
/// holds an exclusive OS lock on <c>&lt;database&gt;.migration-lock</c> next to the database file (the
/// kernel releases it when the process dies). Holding that lock proves no other IdentityCenter process
/// is migrating, so a lock row found then is stale: it is removed, and the log says so.
/// </para>
/// <para>
/// PostgreSQL: Npgsql's migration lock is <c>LOCK TABLE "__EFMigrationsHistory"</c> inside the migration
/// transaction, which the server drops with the connection of a dead process; nothing is left behind.
/// The migrating session ends itself when idle in its transaction for <see cref="PostgresIdleInTransaction"/>
/// (a host that lost power leaves a half-open connection), and a start that waits for another session's
/// lock logs which server process holds it.
/// </para>
/// A start that cannot get the lock within the wait limit stops with a <see cref="DatabaseStartupException"/>
/// saying who holds it and what to do.
/// </summary>
public static class DatabaseInitializer
{
    /// <summary>Appended to the SQLite database file name for the lock file held while migrating.</summary>
    public const string LockFileSuffix = ".migration-lock";

    /// <summary>How long a start waits for another process that is migrating the same database.</summary>
    public static readonly TimeSpan DefaultWaitLimit = TimeSpan.FromMinutes(5);

    internal static readonly TimeSpan PostgresIdleInTransaction = TimeSpan.FromSeconds(30);

    private const string LoggerCategory = "IdentityCenter.Infrastructure.Data.DatabaseInitializer";
    private const string SqliteLockTable = "__EFMigrationsLock";
    private const string PostgresHistoryTable = "__EFMigrationsHistory";
    private static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Applies pending migrations (clearing a stale SQLite migration lock first) and switches SQLite to write-ahead logging.
    /// A SQLite file is made owner-only (0600, and with it the WAL, shared-memory and journal files SQLite creates beside it)
    /// before the first connection opens it.
    /// </summary>
    public static Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        InitializeDatabaseAsync(services, DefaultWaitLimit, cancellationToken);

    /// <summary>As <see cref="InitializeDatabaseAsync(IServiceProvider, CancellationToken)"/>, waiting at most <paramref name="waitLimit"/> for another migrating process.</summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, TimeSpan waitLimit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityCenterDbContext>();
        var logger = scope.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger(LoggerCategory) ?? NullLogger.Instance;
        if (db.Database.IsSqlite() && SqliteFilePath(db.Database.GetConnectionString()) is { } file)
        {
            foreach (var problem in OwnerOnly.PrepareSqliteFile(file))
            {
                logger.LogWarning("{Problem}", problem);
            }
        }

        if (db.Database.IsSqlite())
        {
            await MigrateSqliteAsync(db, logger, waitLimit, cancellationToken);
        }
        else if (db.Database.IsNpgsql())
        {
            await MigratePostgresAsync(db, logger, waitLimit, cancellationToken);
        }
        else
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    /// <summary>The lock file guarding migrations of a SQLite database; null for an in-memory database.</summary>
    public static string? SqliteLockFilePath(string connectionString) =>
        SqliteFilePath(connectionString) is { } file ? file + LockFileSuffix : null;

    private static async Task MigrateSqliteAsync(IdentityCenterDbContext db, ILogger logger, TimeSpan waitLimit, CancellationToken cancellationToken)
    {
        var lockPath = SqliteLockFilePath(db.Database.GetConnectionString() ?? "");
        await using (var held = lockPath is null ? null : await AcquireLockFileAsync(lockPath, logger, waitLimit, cancellationToken))
        {
            await ClearStaleSqliteLockAsync(db, logger, lockPath, cancellationToken);
            await MigrateAndReportAsync(db, logger, cancellationToken);
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

    /// <summary>Opens the lock file exclusively (an OS lock the kernel drops with the process), waiting while another process holds it.</summary>
    private static async Task<FileStream> AcquireLockFileAsync(string path, ILogger logger, TimeSpan waitLimit, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var started = DateTimeOffset.UtcNow;
        var lastReport = DateTimeOffset.MinValue;
        while (true)
        {
            try
            {
                return new FileStream(path, options);
            }
            catch (IOException) when (File.Exists(path))
            {
                var waited = DateTimeOffset.UtcNow - started;
                if (waited >= waitLimit)
                {
                    throw new DatabaseStartupException(
                        $"Another process is applying database migrations: it holds the lock file {path} and has not finished after {Format(waited)}. " +
                        "Wait for it, or stop it (another IdentityCenter instance using the same database), then start again.");
                }

                if (DateTimeOffset.UtcNow - lastReport >= ReportInterval)
                {
                    lastReport = DateTimeOffset.UtcNow;
                    logger.LogWarning("Waiting for another process that is applying database migrations (it holds {LockFile}); waited {Waited} of at most {Limit}.", path, Format(waited), Format(waitLimit));
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
    }

    /// <summary>With the lock file held no other process can be migrating: a row in EF's lock table was left by a process that died while migrating.</summary>
    private static async Task ClearStaleSqliteLockAsync(IdentityCenterDbContext db, ILogger logger, string? lockPath, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (await ScalarAsync(connection, $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{SqliteLockTable}';", cancellationToken) is not long tables || tables == 0)
            {
                return;
            }

            var takenAt = await ScalarAsync(connection, $"SELECT \"Timestamp\" FROM \"{SqliteLockTable}\" LIMIT 1;", cancellationToken);
            if (takenAt is null)
            {
                return;
            }

            await using var delete = connection.CreateCommand();
            delete.CommandText = $"DELETE FROM \"{SqliteLockTable}\";";
            await delete.ExecuteNonQueryAsync(cancellationToken);
            logger.LogWarning(
                "Removed a stale database migration lock taken at {TakenAt}: the process that took it stopped while migrating, and no process holds {LockFile}. Migrations are applied again now.",
                takenAt, lockPath ?? "(in-memory database)");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task MigratePostgresAsync(IdentityCenterDbContext db, ILogger logger, TimeSpan waitLimit, CancellationToken cancellationToken)
    {
        // As EF's migrator does: a missing database is created first (opening a connection to it would fail).
        var creator = db.Database.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            await creator.CreateAsync(cancellationToken);
        }

        // The connection is opened here so the session settings below hold for EF's migration transaction.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            var idle = (int)PostgresIdleInTransaction.TotalMilliseconds;
            var wait = (long)Math.Max(1, waitLimit.TotalMilliseconds);
            await ExecuteAsync(connection, $"SET idle_in_transaction_session_timeout = {idle}; SET lock_timeout = {wait};", cancellationToken);
            var ownPid = await ScalarAsync(connection, "SELECT pg_backend_pid();", cancellationToken);

            // As EF's migrator does before it locks; done first here so listing the pending migrations
            // on a new database does not log a failed query.
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);

            using var watch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var reporter = ReportPostgresLockHolderAsync(db.Database.GetConnectionString()!, ownPid, logger, watch.Token);
            try
            {
                await MigrateAndReportAsync(db, logger, cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                var holder = await DescribePostgresLockHolderAsync(db.Database.GetConnectionString()!, ownPid, CancellationToken.None);
                throw new DatabaseStartupException(
                    $"Another session holds the database migration lock (table {PostgresHistoryTable}) after {Format(waitLimit)}: {holder ?? "it ended just now"}. " +
                    "If that IdentityCenter instance is still migrating, wait for it; if it is gone, end its session with SELECT pg_terminate_backend(<pid>); then start again.",
                    e);
            }
            finally
            {
                await watch.CancelAsync();
                await reporter;
            }

            await ExecuteAsync(connection, "RESET idle_in_transaction_session_timeout; RESET lock_timeout;", cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>While the migration waits, says every few seconds which server process holds the lock.</summary>
    private static async Task ReportPostgresLockHolderAsync(string connectionString, object? ownPid, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(ReportInterval, cancellationToken);
                if (await DescribePostgresLockHolderAsync(connectionString, ownPid, cancellationToken) is { } holder)
                {
                    logger.LogWarning(
                        "Waiting for the database migration lock (table {Table}) held by {Holder}. A session of a stopped process ends when its connection drops; to end it now: SELECT pg_terminate_backend(<pid>);",
                        PostgresHistoryTable, holder);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (DbException e)
        {
            logger.LogDebug(e, "Could not look up the holder of the migration lock.");
        }
    }

    private static async Task<string?> DescribePostgresLockHolderAsync(string connectionString, object? ownPid, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT a.pid, COALESCE(host(a.client_addr), 'local socket'), a.application_name, a.state, a.xact_start
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'relation' AND l.granted AND l.relation = to_regclass(@table) AND l.pid <> @own
            LIMIT 1
            """, connection);
        command.Parameters.AddWithValue("table", $"\"{PostgresHistoryTable}\"");
        command.Parameters.AddWithValue("own", Convert.ToInt32(ownPid ?? 0, System.Globalization.CultureInfo.InvariantCulture));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var application = reader.IsDBNull(2) || reader.GetString(2).Length == 0 ? "" : $", application '{reader.GetString(2)}'";
        var since = reader.IsDBNull(4) ? "" : $", transaction open since {reader.GetDateTime(4):O}";
        return $"server process (pid) {reader.GetInt32(0)} from {reader.GetString(1)}{application}, state '{(reader.IsDBNull(3) ? "unknown" : reader.GetString(3))}'{since}";
    }

    private static async Task MigrateAndReportAsync(IdentityCenterDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} database migration(s): {Migrations}.", pending.Count, string.Join(", ", pending));
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (pending.Count > 0)
        {
            logger.LogInformation("Database migrations applied.");
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Format(TimeSpan span) =>
        span.TotalSeconds < 120 ? $"{span.TotalSeconds:0} s" : $"{span.TotalMinutes:0} min";
}

/// <summary>The database could not be prepared at start-up; the message says why and what to do.</summary>
public sealed class DatabaseStartupException : Exception
{
    public DatabaseStartupException()
    {
    }

    public DatabaseStartupException(string message)
        : base(message)
    {
    }

    public DatabaseStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
