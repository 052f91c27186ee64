using System.Net;
using System.Security.Claims;
using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace IdentityCenter.Infrastructure.Tests;

/// <summary>
/// A migrated, bootstrapped directory on a fresh database: a temporary SQLite file, or a new
/// PostgreSQL database on the server named by <see cref="PostgresVariable"/> (dropped afterwards).
/// </summary>
public sealed class TestDirectory : IAsyncDisposable
{
    public const string PostgresVariable = "IDENTITYCENTER_TEST_POSTGRES";
    public const string AdminPassword = "Bootstrap-Passw0rd!";

    private readonly IHost host;
    private readonly AsyncServiceScope scope;
    private readonly string directory;
    private readonly string? postgresDatabase;
    private readonly bool ownsDatabase;

    private TestDirectory(IHost host, string directory, string? postgresDatabase, bool ownsDatabase, FakeTimeProvider time, string console, IReadOnlyDictionary<string, string?> config)
    {
        this.host = host;
        this.directory = directory;
        this.postgresDatabase = postgresDatabase;
        this.ownsDatabase = ownsDatabase;
        Config = config;
        Time = time;
        BootstrapOutput = console;
        scope = host.Services.CreateAsyncScope();
    }

    public static string? PostgresConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    /// <summary>Theory data: SQLite always, PostgreSQL when <see cref="PostgresVariable"/> is set.</summary>
    public static TheoryData<string> Providers
    {
        get
        {
            var data = new TheoryData<string> { "Sqlite" };
            if (PostgresConnectionString is not null)
            {
                data.Add("PostgreSQL");
            }

            return data;
        }
    }

    public FakeTimeProvider Time { get; }

    /// <summary>The settings this host was built with (a second instance reuses them).</summary>
    public IReadOnlyDictionary<string, string?> Config { get; }

    public string BootstrapOutput { get; }

    public IServiceProvider Services => scope.ServiceProvider;

    public IServiceProvider Root => host.Services;

    /// <summary>The temporary folder that is the content root and, unless a test overrides it, the data directory.</summary>
    public string Folder => directory;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The configuration the directory was built with (data directory, provider, connection string, bootstrap).</summary>
    public IReadOnlyDictionary<string, string?> Settings => Config;

    public Actor Admin { get; private set; } = Actor.System;

    /// <summary>
    /// Another instance on the same database and data folder (its own singletons and caches, the same clock),
    /// as a second server of a cluster would be. The first instance owns the database and folder.
    /// </summary>
    public static async Task<TestDirectory> CreateInstanceOfAsync(TestDirectory first, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        var host = BuildHost(first.Config, first.directory, first.Time, null, services);
        return await StartAsync(host, first.directory, first.postgresDatabase, ownsDatabase: false, first.Time, first.Config, beforeDirectory: null);
    }

    /// <param name="beforeDirectory">Runs after the migrations, before the key ring check and the bootstrap (for example to prepare the key ring).</param>
    public static async Task<TestDirectory> CreateAsync(string provider, IDictionary<string, string?>? settings = null, Action<IHostApplicationBuilder>? configure = null, Action<IServiceCollection>? services = null, Func<IServiceProvider, Task>? beforeDirectory = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ic-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var config = new Dictionary<string, string?>
        {
            ["IdentityCenter:DataDirectory"] = directory,
            ["IdentityCenter:Database:Provider"] = provider,
            ["IdentityCenter:Bootstrap:AdminUserName"] = "admin",
            ["IdentityCenter:Bootstrap:AdminPassword"] = AdminPassword,
        };
        string? database = null;
        if (provider == "PostgreSQL")
        {
            var server = PostgresConnectionString ?? throw new InvalidOperationException($"Set {PostgresVariable} to run PostgreSQL tests.");
            database = "ic_test_" + Guid.NewGuid().ToString("N");
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
                await create.ExecuteNonQueryAsync();
            }

            config["IdentityCenter:Database:ConnectionString"] = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var host = BuildHost(config, directory, time, configure, services);
        return await StartAsync(host, directory, database, ownsDatabase: true, time, config, beforeDirectory);
    }

    /// <summary>
    /// The directory's host (infrastructure and directory features) on <paramref name="config"/>, not yet
    /// initialised: a test can start a second instance on the same database with it.
    /// </summary>
    public static IHost BuildHost(IEnumerable<KeyValuePair<string, string?>> config, string contentRoot, TimeProvider time, Action<IHostApplicationBuilder>? configure = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = contentRoot,
            EnvironmentName = "Development",
        });
        builder.Configuration.AddInMemoryCollection(config);
        builder.Services.AddSingleton(time);
        builder.Services.AddLogging();
        builder.AddIdentityCenterInfrastructure();
        builder.AddIdentityCenterDirectory();
        AddSignInCookies(builder.Services);
        configure?.Invoke(builder);
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>
    /// Identity's cookies, which the sign-in manager writes: the web host registers them (<c>AddIdentityCenterAuthentication</c>,
    /// whose own wiring the Web tests cover); these tests sign in without the web host, so they register them here with
    /// the same per-request check (an ended session refuses the cookie, then Identity's security-stamp check).
    /// </summary>
    private static void AddSignInCookies(IServiceCollection services)
    {
        services.AddAuthentication()
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
            {
                o.SlidingExpiration = false;
                o.Events.OnValidatePrincipal = async context =>
                {
                    var sessionId = context.Principal?.FindFirstValue(IdentityCenterClaimTypes.SessionId);
                    if (!await context.HttpContext.RequestServices.GetRequiredService<IUserSessionService>().IsActiveAsync(sessionId))
                    {
                        context.RejectPrincipal();
                        return;
                    }

                    await SecurityStampValidator.ValidatePrincipalAsync(context);
                };
            }));
    }

    private static async Task<TestDirectory> StartAsync(IHost host, string directory, string? database, bool ownsDatabase, FakeTimeProvider time, IReadOnlyDictionary<string, string?> config, Func<IServiceProvider, Task>? beforeDirectory)
    {
        await host.Services.InitializeDatabaseAsync();
        if (beforeDirectory is not null)
        {
            await beforeDirectory(host.Services);
        }

        using var console = new StringWriter();
        await host.Services.InitializeIdentityCenterDirectoryAsync(console);
        var test = new TestDirectory(host, directory, database, ownsDatabase, time, console.ToString(), config);
        var adminName = config["IdentityCenter:Bootstrap:AdminUserName"]!;
        var admin = await test.Get<UserManager<ApplicationUser>>().FindByNameAsync(adminName);
        test.Admin = new Actor(admin!.Id, adminName, "127.0.0.1", "tests/1.0");
        return test;
    }

    /// <summary>A new scope with an HttpContext (loopback IP, user agent, optional request cookies), as a sign-in request has.</summary>
    public (AsyncServiceScope Scope, HttpContext Http, SignInManager<ApplicationUser> SignIn) NewRequest(string? cookies = null)
    {
        var requestScope = host.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = requestScope.ServiceProvider };
        http.Connection.RemoteIpAddress = IPAddress.Loopback;
        http.Request.Headers.UserAgent = "tests/1.0";
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("localhost");
        if (cookies is not null)
        {
            http.Request.Headers.Cookie = cookies;
        }

        requestScope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = http;
        var signIn = requestScope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
        signIn.Context = http;
        return (requestScope, http, signIn);
    }

    /// <summary>Signs the user in with a password (no second step) and returns the cookies the browser would keep.</summary>
    public async Task<string> SignInAsync(string userName, string password)
    {
        var (requestScope, http, signIn) = NewRequest();
        await using var _ = requestScope;
        Assert.True((await signIn.PasswordSignInAsync(userName, password, false, true)).Succeeded);
        return CookiesFrom(http);
    }

    /// <summary>What a request carrying <paramref name="cookies"/> is signed in as (null: anonymous), after the cookie's session and security-stamp checks.</summary>
    public async Task<System.Security.Claims.ClaimsPrincipal?> AuthenticateAsync(string cookies)
    {
        var (requestScope, http, _) = NewRequest(cookies);
        await using var _ = requestScope;
        return (await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.AuthenticateAsync(http, IdentityConstants.ApplicationScheme)).Principal;
    }

    /// <summary>The name=value pairs of a response's Set-Cookie headers, as a Cookie request header.</summary>
    public static string CookiesFrom(HttpContext http) =>
        string.Join("; ", http.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]).Where(c => !c.EndsWith('=')));

    public async Task<IdentityCenterDbContext> NewDbAsync() =>
        await Root.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<IdentityCenterDbContext>>().CreateDbContextAsync();

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        host.Dispose();
        if (!ownsDatabase)
        {
            return;
        }

        SqliteConnection.ClearAllPools();
        if (postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresDatabase}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A lingering handle on Windows-like file systems; the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>Reports the PostgreSQL run as skipped (with the reason) when no server is configured.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestDirectory.PostgresConnectionString is null)
        {
            Skip = $"PostgreSQL integration tests skipped: set {TestDirectory.PostgresVariable} to a connection string (tests/postgres/start-test-postgres.sh prints one). SQLite runs always.";
        }
    }
}
