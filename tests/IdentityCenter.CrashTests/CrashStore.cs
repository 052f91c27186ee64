using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IdentityCenter.CrashTests;

/// <summary>
/// A fresh data directory, and for PostgreSQL a fresh database on the test server, for the app under test;
/// plus read-only SQL checks the test makes on it between runs.
/// </summary>
public sealed class CrashStore : IAsyncDisposable
{
    public const string PostgresVariable = "IDENTITYCENTER_TEST_POSTGRES";
    public const string AdminPassword = "Crash-Test-Admin-1!";

    private readonly string? _postgresDatabase;

    private CrashStore(string provider, string dataDirectory, string? postgresDatabase, string? connectionString)
    {
        Provider = provider;
        DataDirectory = dataDirectory;
        _postgresDatabase = postgresDatabase;
        ConnectionString = connectionString ?? $"Data Source={Path.Combine(dataDirectory, "identitycenter.db")};Pooling=False";
    }

    public string Provider { get; }

    public string DataDirectory { get; }

    public string ConnectionString { get; }

    public bool IsSqlite => Provider == "Sqlite";

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    /// <summary>The app's settings for this store, as command-line arguments.</summary>
    public IReadOnlyList<string> Settings => IsSqlite
        ? [$"--data-dir={DataDirectory}", $"--IdentityCenter:Bootstrap:AdminPassword={AdminPassword}"]
        : [$"--data-dir={DataDirectory}", $"--IdentityCenter:Bootstrap:AdminPassword={AdminPassword}",
            "--IdentityCenter:Database:Provider=PostgreSQL", $"--IdentityCenter:Database:ConnectionString={AppConnectionString}"];

    /// <summary>
    /// What the app is given: the test's own connection string with connection pooling as a deployment has it. The
    /// test's connections skip the pool (the database is dropped afterwards); an app without one opens a new
    /// PostgreSQL backend for every query, which made the redone demo seed three times slower than in production.
    /// </summary>
    private string AppConnectionString => IsSqlite ? ConnectionString : new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = true }.ConnectionString;

    public static async Task<CrashStore> CreateAsync(string provider)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ic-crash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        if (provider == "Sqlite")
        {
            return new CrashStore(provider, directory, null, null);
        }

        var server = PostgresServer ?? throw new InvalidOperationException($"Set {PostgresVariable} to run the PostgreSQL crash test.");
        var database = "ic_crash_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new CrashStore(provider, directory, database, new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = false }.ConnectionString);
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>SQLite's own check of the file ("ok" when sound); PostgreSQL answers for itself.</summary>
    public async Task<string> IntegrityAsync()
    {
        if (!IsSqlite)
        {
            return "ok";
        }

        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return string.Join("; ", rows);
    }

    /// <summary>Registers a resource service with the product's own registry (as the admin page does) and returns its API key.</summary>
    public async Task<string> RegisterResourceServiceAsync(string name)
    {
        using var registry = new ResourceServiceRegistry(new Contexts(this), CryptoRandomSource.Instance, TimeProvider.System);
        var registered = await registry.RegisterAsync(name, "Checks tokens for the crash test.", allowBareTokens: true, Actor.System);
        Assert.True(registered.Succeeded, registered.Summary);
        return registered.Value!.ApiKey;
    }

    private System.Data.Common.DbConnection Open() => IsSqlite ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);

    public async ValueTask DisposeAsync()
    {
        if (_postgresDatabase is not null)
        {
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans its temporary folder.
        }
    }

    private sealed class Contexts(CrashStore store) : IDbContextFactory<IdentityCenterDbContext>
    {
        public IdentityCenterDbContext CreateDbContext() => store.IsSqlite
            ? new SqliteIdentityCenterDbContext(new DbContextOptionsBuilder<SqliteIdentityCenterDbContext>().UseSqlite(store.ConnectionString).Options)
            : new PostgresIdentityCenterDbContext(new DbContextOptionsBuilder<PostgresIdentityCenterDbContext>().UseNpgsql(store.ConnectionString).Options);
    }
}
