using Npgsql;

namespace IdentityCenter.Infrastructure.Tests;

/// <summary>
/// Makes the PostgreSQL situation visible in the test output: skipped with the reason when
/// IDENTITYCENTER_TEST_POSTGRES is unset (every provider theory then runs on SQLite only).
/// </summary>
public sealed class PostgresAvailabilityTests
{
    [PostgresFact]
    public async Task PostgresServer_FromEnvironment_IsReachable()
    {
        await using var connection = new NpgsqlConnection(TestDirectory.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select version()", connection);

        var version = (string?)await command.ExecuteScalarAsync();

        Assert.StartsWith("PostgreSQL", version, StringComparison.Ordinal);
    }
}
