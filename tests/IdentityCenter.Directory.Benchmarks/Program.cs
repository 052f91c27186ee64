using System.Diagnostics;
using System.Globalization;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Infrastructure.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Data-level benchmark of the admin users list and user detail queries at directory scale.
// Usage: dotnet run -c Release --project tests/IdentityCenter.Directory.Benchmarks -- [--provider Sqlite|PostgreSQL]
//        [--connection <PostgreSQL connection string>] [--data-dir <folder for SQLite>] [--users 100000] [--groups 2000] [--runs 30]
// Seeds once (the data is reused on the next run), then prints median and p95 per query, in milliseconds.
var options = ParseArguments(args);
var provider = options.GetValueOrDefault("provider", "Sqlite");
var userCount = int.Parse(options.GetValueOrDefault("users", "100000"), CultureInfo.InvariantCulture);
var groupCount = int.Parse(options.GetValueOrDefault("groups", "2000"), CultureInfo.InvariantCulture);
var runs = int.Parse(options.GetValueOrDefault("runs", "30"), CultureInfo.InvariantCulture);
var dataDir = Path.GetFullPath(options.GetValueOrDefault("data-dir", Path.Combine(Path.GetTempPath(), "identitycenter-bench")));
Directory.CreateDirectory(dataDir);

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = dataDir });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["IdentityCenter:DataDirectory"] = dataDir,
    ["IdentityCenter:Database:Provider"] = provider,
    ["IdentityCenter:Database:ConnectionString"] = options.GetValueOrDefault("connection", ""),
    ["IdentityCenter:Bootstrap:AdminPassword"] = "Bench-Admin-Passw0rd!",
});
builder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
builder.AddIdentityCenterInfrastructure();
builder.AddIdentityCenterDirectory();
using var host = builder.Build();
await host.Services.InitializeDatabaseAsync();
await host.Services.InitializeIdentityCenterDirectoryAsync(TextWriter.Null);

var contexts = host.Services.GetRequiredService<IDbContextFactory<IdentityCenterDbContext>>();
await SeedAsync(contexts, host.Services, userCount, groupCount);

await using var scope = host.Services.CreateAsyncScope();
var users = scope.ServiceProvider.GetRequiredService<IUserDirectoryService>();
var groups = scope.ServiceProvider.GetRequiredService<IGroupDirectoryService>();
var devices = scope.ServiceProvider.GetRequiredService<IMfaDeviceService>();
var sessions = scope.ServiceProvider.GetRequiredService<IUserSessionService>();
var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
var lastPage = (userCount - 1) / 25;
var detailUser = (await users.FindByUserNameAsync("user050000") ?? await users.FindByUserNameAsync("user000001"))!.Id;

Console.WriteLine($"IdentityCenter data benchmark: provider={provider}, users={userCount:N0}, groups={groupCount:N0}, runs={runs} (after 3 warm-up runs)");
Console.WriteLine($"{"query",-58} {"median ms",10} {"p95 ms",8} {"rows",6} {"total",8}");
await MeasureAsync("users list: first page (25, by user name)", () => users.ListUsersAsync(new UserQuery(PageSize: 25)));
await MeasureAsync("users list: search 'user04242' (contains, 3 columns)", () => users.ListUsersAsync(new UserQuery(Search: "user04242")));
await MeasureAsync("users list: search 'smith' (display name, many hits)", () => users.ListUsersAsync(new UserQuery(Search: "smith")));
await MeasureAsync($"users list: late page {lastPage} (by user name)", () => users.ListUsersAsync(new UserQuery(PageIndex: lastPage)));
await MeasureAsync($"users list: late page {lastPage} (by display name desc)", () => users.ListUsersAsync(new UserQuery(SortBy: UserSortField.DisplayName, Descending: true, PageIndex: lastPage)));
await MeasureAsync("users list: disabled only, first page", () => users.ListUsersAsync(new UserQuery(Status: UserStatusFilter.Disabled)));
await MeasureAsync("user detail: profile + groups + devices + sessions + audit", async () =>
{
    var detail = await users.GetUserAsync(detailUser);
    var memberOf = await groups.GetGroupsForUserAsync(detailUser);
    var mfa = await devices.ListDevicesAsync(detailUser);
    var live = await sessions.ListForUserAsync(detailUser, includeEnded: true);
    var events = await audit.QueryAsync(new AuditQuery(User: detailUser, PageSize: 25));
    return new PagedResult<object>([detail!, memberOf, mfa, live, events], memberOf.Count + events.TotalCount, 0, 5);
});
await MeasureAsync("groups list: first page (25, with member counts)", () => groups.ListGroupsAsync(new GroupQuery()));
await MeasureAsync("group members: first page of a group", () => groups.ListMembersAsync(BuiltInGroupsOrFirst(contexts), null, 0, 25));

async Task MeasureAsync<T>(string name, Func<Task<PagedResult<T>>> query)
{
    PagedResult<T>? last = null;
    for (var i = 0; i < 3; i++)
    {
        last = await query();
    }

    var times = new List<double>(runs);
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        last = await query();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    var median = times[times.Count / 2];
    var p95 = times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.95) - 1)];
    Console.WriteLine($"{name,-58} {median,10:F1} {p95,8:F1} {last!.Items.Count,6} {last.TotalCount,8}");
}

static string BuiltInGroupsOrFirst(IDbContextFactory<IdentityCenterDbContext> contexts)
{
    using var db = contexts.CreateDbContext();
    return db.Groups.Where(g => !g.IsBuiltIn).OrderBy(g => g.NormalizedDisplayName).Select(g => g.Id).First();
}

static async Task SeedAsync(IDbContextFactory<IdentityCenterDbContext> contexts, IServiceProvider services, int userCount, int groupCount)
{
    await using (var check = await contexts.CreateDbContextAsync())
    {
        var existing = await check.Users.CountAsync();
        if (existing >= userCount)
        {
            Console.WriteLine($"Reusing seeded data ({existing:N0} users).");
            return;
        }
    }

    Console.WriteLine($"Seeding {userCount:N0} users, {groupCount:N0} groups, 2 memberships and 1 audit event per user...");
    var watch = Stopwatch.StartNew();
    var hasher = services.GetRequiredService<IPasswordHasher<ApplicationUser>>();
    var hash = hasher.HashPassword(new ApplicationUser(), "Seeded-Passw0rd!");
    var now = DateTimeOffset.UtcNow;
    string[] families = ["Smith", "Garcia", "Nguyen", "Müller", "Kowalski", "Okafor", "Tanaka", "Rossi", "Dubois", "Silva"];
    var groupIds = new List<string>(groupCount);
    await using (var db = await contexts.CreateDbContextAsync())
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var g = 0; g < groupCount; g++)
        {
            var name = $"Team {g:D4}";
            var group = new Group { DisplayName = name, NormalizedDisplayName = name.ToUpperInvariant(), Description = $"Seeded group {g}", CreatedAt = now, CreatedBy = "bench", UpdatedAt = now, UpdatedBy = "bench" };
            groupIds.Add(group.Id);
            db.Groups.Add(group);
        }

        await db.SaveChangesAsync();
    }

    const int batch = 5000;
    for (var start = 0; start < userCount; start += batch)
    {
        await using var db = await contexts.CreateDbContextAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = start; i < Math.Min(userCount, start + batch); i++)
        {
            var userName = $"user{i:D6}";
            var family = families[i % families.Length];
            var display = $"Person {i:D6} {family}";
            var email = $"{userName}@example.com";
            var user = new ApplicationUser
            {
                UserName = userName,
                NormalizedUserName = userName.ToUpperInvariant(),
                DisplayName = display,
                NormalizedDisplayName = display.ToUpperInvariant(),
                GivenName = "Person",
                FamilyName = family,
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                PasswordHash = hash,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
                Enabled = i % 50 != 0,
                CreatedAt = now.AddSeconds(-i),
                CreatedBy = "bench",
                UpdatedAt = now,
                UpdatedBy = "bench",
                PasswordChangedAt = now,
            };
            db.Users.Add(user);
            db.GroupMemberships.Add(new GroupMembership { GroupId = groupIds[i % groupCount], UserId = user.Id, CreatedAt = now });
            db.GroupMemberships.Add(new GroupMembership { GroupId = groupIds[(i * 7 + 1) % groupCount], UserId = user.Id, CreatedAt = now });
            db.AuditEvents.Add(new AuditRecord
            {
                EventId = Guid.NewGuid(),
                EventTime = now.AddSeconds(-i),
                EventVersion = "1.08",
                EventSource = AuditEventSources.IdentityStore,
                EventName = AuditEventNames.CreateUser,
                EventType = AuditEventTypes.AwsApiCall,
                UserIdentityType = "System",
                UserName = "bench",
                TargetUserId = user.Id,
                TargetUserName = userName,
            });
        }

        await db.SaveChangesAsync();
    }

    // Steady state: what autovacuum (PostgreSQL) or PRAGMA optimize (SQLite) leaves after a bulk load.
    await using (var db = await contexts.CreateDbContextAsync())
    {
        await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? "VACUUM ANALYZE" : "ANALYZE");
    }

    Console.WriteLine($"Seeded in {watch.Elapsed.TotalSeconds:F0} s (then VACUUM/ANALYZE).");
}

static Dictionary<string, string> ParseArguments(string[] args)
{
    var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        result[args[i].TrimStart('-')] = args[i + 1];
    }

    return result;
}
