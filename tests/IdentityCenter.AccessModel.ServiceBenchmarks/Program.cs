using System.Diagnostics;
using System.Globalization;
using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Catalog;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Access.Internal;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities;
using IdentityCenter.Infrastructure.Data.Entities.Access;
using IdentityCenter.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// End-to-end timings of the access-model services over a real database (SQLite file by default;
// pass a PostgreSQL connection string as the first argument to use PostgreSQL):
//   dotnet run -c Release --project tests/IdentityCenter.AccessModel.ServiceBenchmarks [-- "Host=...;Database=..."]
// Population: 5,000 users, 500 groups, 100 accounts, 200 permission sets, 20,000 assignments.
//   ... -- --events ["Host=..."]: the workshop events benchmark instead (WorkshopEventBenchmark.cs).
if (args is ["--events", ..])
{
    await WorkshopEventBenchmark.RunAsync(args.Length > 1 ? args[1] : null);
    return;
}

const int Users = 5_000, Groups = 500, Accounts = 100, PermissionSets = 200, Assignments = 20_000;
var postgres = args.Length > 0 ? args[0] : null;
var directory = Path.Combine(Path.GetTempPath(), "ic-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(directory);
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = directory });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["IdentityCenter:DataDirectory"] = directory,
    ["IdentityCenter:Database:Provider"] = postgres is null ? "Sqlite" : "PostgreSQL",
    ["IdentityCenter:Database:ConnectionString"] = postgres,
    ["IdentityCenter:Bootstrap:AdminPassword"] = "Bootstrap-Passw0rd!",
});
builder.Services.AddLogging();
builder.AddIdentityCenterInfrastructure();
builder.AddIdentityCenterDirectory();
builder.AddIdentityCenterAccessModel();
using var host = builder.Build();
await host.Services.InitializeDatabaseAsync();

var random = new Random(20261124);
var services = host.Services;
var contexts = services.GetRequiredService<IDbContextFactory<IdentityCenterDbContext>>();
var seed = Stopwatch.StartNew();
var org = (await services.GetRequiredService<IOrganizationService>().CreateOrganizationAsync(new OrganizationInput("Management", "mgmt@bench.example.com"), Actor.System)).Value!;
var now = DateTimeOffset.UtcNow;
var accountIds = Enumerable.Range(0, Accounts).Select(i => (200_000_000_000L + i).ToString(CultureInfo.InvariantCulture)).ToArray();
var userIds = Enumerable.Range(0, Users).Select(i => $"user-{i:D5}").ToArray();
var groupIds = Enumerable.Range(0, Groups).Select(i => $"group-{i:D4}").ToArray();
var sets = Enumerable.Range(0, PermissionSets).Select(i => new PermissionSet
{
    Id = $"ps-{i:x16}",
    Name = $"PermissionSet{i}",
    ManagedPolicyArns = [ManagedPolicyCatalog.Default.FindByName(i % 2 == 0 ? "ReadOnlyAccess" : "AmazonS3ReadOnlyAccess")!.Arn],
    InlinePolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}""",
}).ToArray();
await using (var db = await contexts.CreateDbContextAsync())
{
    db.ChangeTracker.AutoDetectChangesEnabled = false;
    foreach (var id in accountIds)
    {
        db.Accounts.Add(new AccountRecord { Id = id, Name = "Account " + id, Email = $"a{id}@bench.example.com", ParentId = org.RootId, JoinedAt = now });
        db.OrganizationPolicyAttachments.Add(new OrganizationPolicyAttachmentRecord { PolicyId = "p-FullAWSAccess", TargetId = id, Sequence = 1, AttachedAt = now });
        db.OrganizationPolicyAttachments.Add(new OrganizationPolicyAttachmentRecord { PolicyId = "p-RCPFullAWSAccess", TargetId = id, Sequence = 2, AttachedAt = now });
    }

    foreach (var set in sets)
    {
        var record = new PermissionSetRecord { CreatedAt = now, UpdatedAt = now };
        PermissionSetMapping.Apply(set, record);
        db.PermissionSets.Add(record);
    }

    foreach (var id in userIds)
    {
        db.Users.Add(new ApplicationUser { Id = id, UserName = id, NormalizedUserName = id.ToUpperInvariant(), DisplayName = id, NormalizedDisplayName = id.ToUpperInvariant(), Email = id + "@bench.example.com", CreatedAt = now, SecurityStamp = Guid.NewGuid().ToString() });
    }

    foreach (var id in groupIds)
    {
        db.Groups.Add(new Group { Id = id, DisplayName = id, NormalizedDisplayName = id.ToUpperInvariant(), CreatedAt = now, UpdatedAt = now });
    }

    foreach (var user in userIds)
    {
        foreach (var group in groupIds.OrderBy(_ => random.Next()).Take(random.Next(7)))
        {
            db.GroupMemberships.Add(new IdentityCenter.Infrastructure.Data.Entities.GroupMembership { GroupId = group, UserId = user, CreatedAt = now });
        }
    }

    var unique = new HashSet<(string, string, string, string)>();
    while (unique.Count < Assignments)
    {
        var toGroup = unique.Count % 5 < 2;
        unique.Add((accountIds[random.Next(Accounts)], sets[random.Next(PermissionSets)].Id, toGroup ? "GROUP" : "USER", toGroup ? groupIds[random.Next(Groups)] : userIds[random.Next(Users)]));
    }

    foreach (var (account, set, type, principal) in unique)
    {
        db.AccountAssignments.Add(new AccountAssignmentRecord { AccountId = account, PermissionSetId = set, PrincipalType = type, PrincipalId = principal, CreatedAt = now });
    }

    foreach (var (account, setId) in unique.Select(u => (u.Item1, u.Item2)).Distinct())
    {
        var set = sets.First(s => s.Id == setId);
        var suffix = random.NextInt64().ToString("x16", CultureInfo.InvariantCulture)[..16].PadLeft(16, '0');
        db.ProvisionedRoles.Add(new ProvisionedRoleRecord
        {
            AccountId = account, PermissionSetId = setId, RoleName = PermissionSetNaming.RoleName(set.Name, suffix), RoleSuffix = suffix,
            ProvisionedVersion = 1, ProvisionedAt = now, LastAttemptAt = now, ProvisionedDefinitionJson = PermissionSetMapping.ToDefinitionJson(set),
        });
    }

    db.ChangeTracker.DetectChanges();
    await db.SaveChangesAsync();
}

services.GetRequiredService<AccessModelCache>().Invalidate();
Console.WriteLine($"Seeded in {seed.Elapsed.TotalSeconds:F1} s ({(postgres is null ? "SQLite" : "PostgreSQL")}).");

var entitlements = services.GetRequiredService<IEntitlementService>();
var assignments = services.GetRequiredService<IAssignmentService>();
var effective = services.GetRequiredService<IEffectiveAccessService>();
var policySets = services.GetRequiredService<IPolicySetProvider>();
var load = Stopwatch.StartNew();
await effective.GetMatrixAsync(new MatrixQuery { Take = 1 });
Console.WriteLine($"First load of the access snapshot (cold, after a change): {load.Elapsed.TotalMilliseconds:F0} ms");

async Task Measure(string name, int iterations, Func<int, Task> action)
{
    for (var i = 0; i < Math.Min(50, iterations); i++)
    {
        await action(i);
    }

    var times = new double[iterations];
    for (var i = 0; i < iterations; i++)
    {
        var sw = Stopwatch.StartNew();
        await action(i + 1000);
        times[i] = sw.Elapsed.TotalMilliseconds;
    }

    Array.Sort(times);
    Console.WriteLine($"{name,-62} p50 {times[iterations / 2],8:F3} ms   p95 {times[(int)(iterations * 0.95)],8:F3} ms   max {times[^1],8:F3} ms");
}

string User(int i) => userIds[(i * 7919) % Users];
await Measure("IEntitlementService.ListAccountsAsync (portal home)", 2000, i => entitlements.ListAccountsAsync(User(i)));
var firstAccount = new Dictionary<string, string>();
foreach (var u in userIds.Take(200))
{
    if (await entitlements.ListAccountsAsync(u) is { Count: > 0 } list && list[0] is { } a)
    {
        firstAccount[u] = a.AccountId;
    }
}

var withAccess = firstAccount.Keys.ToArray();
await Measure("IEntitlementService.ListRolesAsync (one account)", 2000, i => entitlements.ListRolesAsync(withAccess[i % withAccess.Length], firstAccount[withAccess[i % withAccess.Length]]));
await Measure("IAssignmentService.ListEffectiveForUserAsync (direct + groups)", 2000, i => assignments.ListEffectiveForUserAsync(User(i)));
await Measure("IEffectiveAccessService.GetUserAccessAsync (roles + policy documents)", 1000, i => effective.GetUserAccessAsync(User(i)));
await Measure("IPolicySetProvider.GetAsync (cached compiled set)", 5000, async i =>
{
    var u = withAccess[i % withAccess.Length];
    var role = (await entitlements.ListRolesAsync(u, firstAccount[u]))[0];
    await policySets.GetAsync(role.AccountId, role.PermissionSetId);
});
await Measure("Matrix first screen, users x accounts (50 rows)", 30, _ => effective.GetMatrixAsync(new MatrixQuery { RowType = PrincipalType.User, Take = 50 }));
await Measure("Matrix first screen, groups x accounts (50 rows)", 30, _ => effective.GetMatrixAsync(new MatrixQuery { RowType = PrincipalType.Group, Take = 50 }));
await Measure("Matrix, users filtered by 3 accounts (50 rows)", 30, _ => effective.GetMatrixAsync(new MatrixQuery { RowType = PrincipalType.User, AccountIds = accountIds[..3], Take = 50 }));

var cache = services.GetRequiredService<AccessModelCache>();
await Measure("Snapshot reload after a change (invalidate + load)", 5, async _ =>
{
    cache.Invalidate();
    await cache.GetAsync();
});

if (postgres is null)
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    try
    {
        Directory.Delete(directory, recursive: true);
    }
    catch (IOException)
    {
        // Best effort: the temp folder is cleaned by the OS otherwise.
    }
}
