using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Configuration;
using IdentityCenter.Infrastructure.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IdentityCenter.Cli;

/// <summary>
/// Which instance a command works on: a data directory (<c>--data-dir</c>, SQLite database <c>identitycenter.db</c> and key
/// file <c>keyring.key</c> in it) or a database (<c>--database-provider Sqlite|PostgreSQL</c>, <c>--connection-string</c>).
/// Other settings come from the environment as for the app (<c>IdentityCenter__DataProtection__KeyFile</c>, ...).
/// </summary>
internal sealed class InstanceSwitches
{
    public const string Help = """
          --data-dir DIR              The instance's data directory (default ./data): its SQLite database and key file.
          --database-provider NAME    Sqlite (default) or PostgreSQL.
          --connection-string TEXT    The database's connection string (PostgreSQL; or another SQLite file).
        """;

    public string? DataDirectory { get; private set; }

    public string? Provider { get; private set; }

    public string? ConnectionString { get; private set; }

    /// <summary>Takes one of the switches at <paramref name="i"/> (and its value); false when the argument is not one of them.</summary>
    public bool TryTake(string[] args, ref int i)
    {
        if (i + 1 >= args.Length)
        {
            return false;
        }

        switch (args[i])
        {
            case "--data-dir":
                DataDirectory = args[++i];
                return true;
            case "--database-provider":
                Provider = args[++i];
                return true;
            case "--connection-string":
                ConnectionString = args[++i];
                return true;
            default:
                return false;
        }
    }

    /// <summary>The settings the app's own configuration keys take from these switches.</summary>
    public Dictionary<string, string?> ToSettings()
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (DataDirectory is not null)
        {
            settings["IdentityCenter:DataDirectory"] = DataDirectory;
        }

        if (Provider is not null)
        {
            settings["IdentityCenter:Database:Provider"] = Provider;
        }

        if (ConnectionString is not null)
        {
            settings["IdentityCenter:Database:ConnectionString"] = ConnectionString;
        }

        return settings;
    }
}

/// <summary>
/// An instance opened by a command with the services the app uses (same registrations, same database preparation and
/// key ring check as the app's start-up, shared through <see cref="InstancePreparation"/>); the server does not start.
/// Commands act as the operating-system user, as the app's own admin commands do.
/// </summary>
internal sealed class InstanceHost : IAsyncDisposable
{
    private readonly IHost host;
    private readonly AsyncServiceScope scope;

    private InstanceHost(IHost host, string command)
    {
        this.host = host;
        scope = host.Services.CreateAsyncScope();
        Actor = new Actor(null, $"{Environment.UserName} (command line)", null, $"identitycenter {command}");
    }

    public IServiceProvider Services => scope.ServiceProvider;

    public Actor Actor { get; }

    /// <summary>Opens the instance, or says why not (no data directory, no database, configuration, key ring).</summary>
    public static async Task<(InstanceHost? Host, string? Error)> OpenAsync(InstanceSwitches switches, string command, CancellationToken cancellationToken = default)
    {
        var contentRoot = Directory.GetCurrentDirectory();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = contentRoot,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddInMemoryCollection(switches.ToSettings());
        var options = builder.Configuration.GetSection("IdentityCenter").Get<IdentityCenterOptions>() ?? new IdentityCenterOptions();
        var dataDirectory = options.ResolveDataDirectory(contentRoot);
        var sqlite = !string.Equals(options.Database.Provider, DatabaseProviders.PostgreSql, StringComparison.OrdinalIgnoreCase);
        if (!Directory.Exists(dataDirectory))
        {
            return (null, $"the data directory '{dataDirectory}' does not exist; pass --data-dir with the data directory of an IdentityCenter installation.");
        }

        if (sqlite && string.IsNullOrWhiteSpace(options.Database.ConnectionString) && !File.Exists(Path.Combine(dataDirectory, "identitycenter.db")))
        {
            return (null, $"there is no IdentityCenter database (identitycenter.db) in '{dataDirectory}'; start IdentityCenter once with this data directory, "
                + "or pass --database-provider and --connection-string for a database elsewhere.");
        }

        if (InstancePreparation.FindConfigurationProblems(builder.Configuration, contentRoot) is { } problems)
        {
            return (null, problems);
        }

        builder.Services.AddLogging();
        builder.AddIdentityCenterInfrastructure();
        builder.AddIdentityCenterDirectory();
        builder.AddIdentityCenterAccessModel();
        builder.AddIdentityCenterCredentials();
        builder.AddIdentityCenterAccessKeys();
        builder.AddIdentityCenterEvents();
        var built = builder.Build();
        var error = await InstancePreparation.PrepareDatabaseAsync(built.Services, cancellationToken);
        error ??= (await InstancePreparation.CheckKeyRingAsync(built.Services, reset: false, cancellationToken)).Problem;
        if (error is not null)
        {
            built.Dispose();
            return (null, error);
        }

        await built.Services.InitializeIdentityCenterDirectoryAsync(TextWriter.Null, cancellationToken);
        return (new InstanceHost(built, command), null);
    }

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        host.Dispose();
    }
}
