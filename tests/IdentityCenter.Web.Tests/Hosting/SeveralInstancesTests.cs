using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Infrastructure.Sessions;
using IdentityCenter.Web.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace IdentityCenter.Web.Tests.Hosting;

/// <summary>
/// Two app instances on one database (PostgreSQL when IDENTITYCENTER_TEST_POSTGRES is set, and one SQLite
/// file): what an administrator changes on A, B enforces within two seconds, with the default one-second
/// maintenance tick and no restart.
/// </summary>
public sealed class SeveralInstancesTests
{
    private const string PostgresVariable = "IDENTITYCENTER_TEST_POSTGRES";
    // Generous on purpose: the claim under test is "without a restart, on the next maintenance ticks";
    // on an idle machine each change lands within about a second (one tick), but CI runs several test
    // hosts on two cores, and a timed assert must not fail for a busy machine.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Providers
    {
        get
        {
            var data = new TheoryData<string> { "Sqlite" };
            if (Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 })
            {
                data.Add("PostgreSQL");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ChangesOnA_BEnforcesEachWithoutARestart(string provider)
    {
        await using var cluster = await Cluster.StartAsync(provider);
        var (a, b) = (cluster.A, cluster.B);
        var seeded = await a.Services.SeedIdentityCenterWorkshopAsync(reset: false);
        Assert.True(seeded.Succeeded, seeded.Summary);
        await using var scopeA = a.Services.CreateAsyncScope();
        var servicesA = scopeA.ServiceProvider;
        var dan = (await servicesA.GetRequiredService<IUserDirectoryService>().FindByUserNameAsync("dan.ops"))!;
        var sandbox = (await servicesA.GetRequiredService<IOrganizationService>().ListAccountsAsync()).Single(x => x.Name == "Sandbox").Id;
        var powerUser = (await servicesA.GetRequiredService<IPermissionSetService>().ListAsync()).Single(p => p.Name == "PowerUser").Id;
        var serviceKey = (await servicesA.GetRequiredService<ResourceServiceRegistry>().RegisterAsync("orders-api", null, allowBareTokens: true, Actor.System)).Value!.ApiKey;
        var credentials = await IssueAsync(servicesA, dan, sandbox);
        using var clientB = b.CreateClient();
        async Task<string> DecisionOnB(RoleCredentials c, string action) => await AuthorizeAsync(clientB, serviceKey, c, action);

        // A service key registered and credentials issued on A work on B.
        await WithinAsync("B accepts A's service key and credentials", () => DecisionOnB(credentials, "s3:GetObject"), "Allow");
        await using var scopeB = b.Services.CreateAsyncScope();
        var playgroundB = await scopeB.ServiceProvider.GetRequiredService<PlaygroundAuthorizer>()
            .AuthorizeAsync(credentials.AccessKeyId, credentials.SessionToken, "s3:GetObject", "arn:aws:s3:::demo-bucket/key");
        Assert.Equal(Decision.Allow, playgroundB.Decision);

        // An SCP that denies s3:GetObject, attached to the account on A.
        var organizationsA = servicesA.GetRequiredService<IOrganizationService>();
        var scp = (await organizationsA.CreatePolicyAsync(new OrganizationPolicyInput("NoGetObject", null, OrganizationPolicyType.ServiceControlPolicy,
            """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}"""), Actor.System)).Value!;
        Assert.True((await organizationsA.AttachPolicyAsync(scp.Id, sandbox, Actor.System)).Succeeded);
        await WithinAsync("B enforces the SCP attached on A", () => DecisionOnB(credentials, "s3:GetObject"), "ExplicitDeny");

        // The permission set gains an inline deny on A and is re-provisioned there.
        Assert.Equal("Allow", await DecisionOnB(credentials, "dynamodb:PutItem"));
        var permissionSetsA = servicesA.GetRequiredService<IPermissionSetService>();
        Assert.True((await permissionSetsA.PutInlinePolicyAsync(powerUser,
            """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"dynamodb:PutItem","Resource":"*"}]}""", Actor.System)).Succeeded);
        Assert.True((await permissionSetsA.ProvisionAsync(powerUser, sandbox, Actor.System)).Succeeded);
        await WithinAsync("B enforces the permission set changed on A", () => DecisionOnB(credentials, "dynamodb:PutItem"), "ExplicitDeny");

        // MFA mode, changed on A, is what B's sign-in reads.
        var settingsB = scopeB.ServiceProvider.GetRequiredService<IDirectorySettingsService>();
        Assert.Equal(MfaMode.ContextAware, (await settingsB.GetMfaSettingsAsync()).Mode);
        Assert.True((await servicesA.GetRequiredService<IDirectorySettingsService>().UpdateMfaSettingsAsync(new MfaSettings(MfaMode.AlwaysOn), Actor.System)).Succeeded);
        await WithinAsync("B uses the MFA mode set on A", async () => (await settingsB.GetMfaSettingsAsync()).Mode, MfaMode.AlwaysOn);

        // A sign-in session ended on A.
        var sessionsA = servicesA.GetRequiredService<IUserSessionService>();
        var sessionsB = scopeB.ServiceProvider.GetRequiredService<IUserSessionService>();
        var session = await sessionsA.CreateAsync(new NewSession(dan.Id, "127.0.0.1", "tests/1.0", MfaUsed: true, TrustedDevice: false));
        Assert.True(await sessionsB.IsActiveAsync(session.Id));
        Assert.True((await sessionsA.EndSessionAsync(dan.Id, session.Id, Actor.System)).Succeeded);
        await WithinAsync("B refuses the session ended on A", async () => await sessionsB.IsActiveAsync(session.Id), false);

        // A token key started on A (the emergency rotation): its tokens open on B.
        await a.Services.GetRequiredService<TokenKeyRingStore>().RotateNowAsync();
        var sealedByNewKey = await IssueAsync(servicesA, dan, sandbox);
        await WithinAsync("B opens tokens of the key rotated on A", () => DecisionOnB(sealedByNewKey, "ec2:DescribeInstances"), "Allow");

        // Revocation on A.
        await servicesA.GetRequiredService<ICredentialRevocation>().RevokeUserAsync(dan.Id, Actor.System);
        await WithinAsync("B refuses credentials revoked on A", () => DecisionOnB(credentials, "ec2:DescribeInstances"), "TokenRevoked");
    }

    private static async Task<RoleCredentials> IssueAsync(IServiceProvider services, UserDetail user, string account)
    {
        var issued = await services.GetRequiredService<CredentialService>().IssueAsync(new CredentialCaller(user.Id, user.UserName, MfaPresent: true), account, "PowerUser");
        Assert.True(issued.Succeeded, issued.Message);
        return issued.Credentials!;
    }

    /// <summary>The decision of <c>/api/authorize</c>, or the error code of a refusal.</summary>
    private static async Task<string> AuthorizeAsync(HttpClient client, string serviceKey, RoleCredentials credentials, string action)
    {
        var body = JsonSerializer.Serialize(new
        {
            accessKeyId = credentials.AccessKeyId,
            sessionToken = credentials.SessionToken,
            action,
            resource = "*",
            context = new Dictionary<string, string> { ["aws:RequestedRegion"] = "us-east-1" },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/authorize", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", serviceKey);
        using var response = await client.SendAsync(request);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return response.StatusCode == HttpStatusCode.OK ? json["decision"]!.GetValue<string>() : json["code"]!.GetValue<string>();
    }

    /// <summary>Asks until the answer is <paramref name="expected"/>; fails when it is not by <see cref="Limit"/> after the call.</summary>
    private static async Task WithinAsync<T>(string what, Func<Task<T>> probe, T expected)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var seen = await probe();
            if (EqualityComparer<T>.Default.Equals(seen, expected))
            {
                return;
            }

            if (clock.Elapsed > Limit)
            {
                Assert.Fail($"{what}: still {seen} after {clock.Elapsed.TotalSeconds:0.0} s (expected {expected} within {Limit.TotalSeconds} s).");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Two instances of the real app on one database and one data folder (as two servers given the same configuration).</summary>
    private sealed class Cluster : IAsyncDisposable
    {
        private readonly string _folder;
        private readonly string? _postgresDatabase;

        private Cluster(string folder, string? postgresDatabase, Instance a, Instance b)
        {
            _folder = folder;
            _postgresDatabase = postgresDatabase;
            A = a;
            B = b;
        }

        public Instance A { get; }

        public Instance B { get; }

        public static async Task<Cluster> StartAsync(string provider)
        {
            var folder = System.IO.Directory.CreateTempSubdirectory("ic-web-instances-").FullName;
            string? database = null;
            string? connection = null;
            if (provider == "PostgreSQL")
            {
                var server = Environment.GetEnvironmentVariable(PostgresVariable)!;
                database = "ic_test_" + Guid.NewGuid().ToString("N");
                await using (var admin = new NpgsqlConnection(server))
                {
                    await admin.OpenAsync();
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
                    await create.ExecuteNonQueryAsync();
                }

                connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            }

            var a = new Instance(folder, provider, connection);
            _ = a.Services; // starts A (migrates, bootstraps) before B
            var b = new Instance(folder, provider, connection);
            _ = b.Services;
            foreach (var instance in new[] { a, b })
            {
                await using var scope = instance.Services.CreateAsyncScope();
                Assert.Equal(provider == "PostgreSQL", scope.ServiceProvider.GetRequiredService<IdentityCenterDbContext>().Database.IsNpgsql());
            }

            return new Cluster(folder, database, a, b);
        }

        public async ValueTask DisposeAsync()
        {
            await B.DisposeAsync();
            await A.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (_postgresDatabase is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable));
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }

            TestFolders.TryDelete(_folder);
        }
    }

    private sealed class Instance(string folder, string provider, string? connection) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("IdentityCenter:DataDirectory", folder);
            builder.UseSetting("IdentityCenter:Database:Provider", provider);
            if (connection is not null)
            {
                builder.UseSetting("IdentityCenter:Database:ConnectionString", connection);
            }

            builder.UseSetting("IdentityCenter:Bootstrap:AdminPassword", "Bootstrap-Passw0rd!");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }
}
