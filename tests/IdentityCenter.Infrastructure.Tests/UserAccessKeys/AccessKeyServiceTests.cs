using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Generations;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.UserAccessKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IdentityCenter.Infrastructure.Tests.UserAccessKeys;

/// <summary>Users' long-term access keys: the service, the in-memory resolution signature checks use, last use, bootstrap.</summary>
public sealed class AccessKeyServiceTests
{
    private static readonly Action<IServiceCollection> Features = s => s.AddIdentityCenterAccessKeys();

    private static async Task<TestDirectory> CreateAsync(string provider, IDictionary<string, string?>? settings = null)
    {
        var test = await TestDirectory.CreateAsync(provider, settings, services: Features);
        await test.Root.GetRequiredService<AccessKeyCache>().LoadAsync();
        return test;
    }

    private static IAccessKeyService Keys(TestDirectory test) => test.Root.GetRequiredService<IAccessKeyService>();

    private static AccessKeyCache Cache(TestDirectory test) => test.Root.GetRequiredService<AccessKeyCache>();

    private static async Task<string> CreateUserAsync(TestDirectory test, string name) =>
        (await test.Get<IUserDirectoryService>().CreateUserAsync(new CreateUserRequest(name, name), test.Admin)).Value!.User.Id;

    private static async Task<T> WithDbAsync<T>(TestDirectory test, Func<IdentityCenterDbContext, Task<T>> read)
    {
        await using var db = await test.Root.GetRequiredService<IDbContextFactory<IdentityCenterDbContext>>().CreateDbContextAsync();
        return await read(db);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Create_ReturnsIdAndSecretOnce_SecretSealedAtRest_AuditedWithWhoAndWhere(string provider)
    {
        await using var test = await CreateAsync(provider);
        var user = await CreateUserAsync(test, "dana");

        var created = await Keys(test).CreateAsync(user, test.Admin);

        Assert.True(created.Succeeded, created.Summary);
        var key = created.Value!;
        Assert.True(AccessKeys.IsLongTermAccessKeyId(key.Key.AccessKeyId), key.Key.AccessKeyId);
        Assert.Equal(40, key.SecretAccessKey.Length);
        Assert.Equal(AccessKeyStatus.Active, key.Key.Status);
        var row = await WithDbAsync(test, db => db.AccessKeys.AsNoTracking().SingleAsync());
        Assert.Equal(key.Key.AccessKeyId, row.Id);
        Assert.DoesNotContain(key.SecretAccessKey, row.ProtectedSecret, StringComparison.Ordinal);
        Assert.DoesNotContain(key.SecretAccessKey, (await WithDbAsync(test, db => db.AuditEvents.AsNoTracking().ToListAsync())).Select(a => a.RequestParameters + a.ResponseElements), StringComparer.Ordinal);
        var audit = await WithDbAsync(test, db => db.AuditEvents.AsNoTracking().SingleAsync(a => a.EventName == AccessKeyAuditNames.CreateAccessKey));
        Assert.Equal(AccessKeyAuditNames.Source, audit.EventSource);
        Assert.Equal("admin", audit.UserName);
        Assert.Equal("127.0.0.1", audit.SourceIpAddress);
        Assert.Equal(user, audit.TargetUserId);
        Assert.Contains(key.Key.AccessKeyId, audit.ResponseElements, StringComparison.Ordinal);

        var resolved = await Cache(test).ResolveAsync(key.Key.AccessKeyId);
        Assert.Equal(new AccessKeyCredential(key.Key.AccessKeyId, user, "dana", key.SecretAccessKey), resolved);
        var listed = Assert.Single(await Keys(test).ListAsync(user));
        Assert.Equal((key.Key.AccessKeyId, AccessKeyStatus.Active, (DateTimeOffset?)null), (listed.AccessKeyId, listed.Status, listed.LastUsedAt));
        Assert.Equal(key.Key.CreatedAt, listed.CreatedAt, TimeSpan.FromMilliseconds(1));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Create_ThirdKey_ConflictSaysDeleteOne(string provider)
    {
        await using var test = await CreateAsync(provider);
        var user = await CreateUserAsync(test, "erin");
        Assert.True((await Keys(test).CreateAsync(user, test.Admin)).Succeeded);
        Assert.True((await Keys(test).CreateAsync(user, test.Admin)).Succeeded);

        var third = await Keys(test).CreateAsync(user, test.Admin);

        Assert.Equal(OperationErrorKind.Conflict, third.ErrorKind);
        Assert.Contains("already has 2 access keys", third.Summary, StringComparison.Ordinal);
        Assert.Equal(2, (await Keys(test).ListAsync(user)).Count);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task SetStatus_InactiveStopsTheKeyAtOnce_ActiveAgainWorks_Audited(string provider)
    {
        await using var test = await CreateAsync(provider);
        var user = await CreateUserAsync(test, "fred");
        var key = (await Keys(test).CreateAsync(user, test.Admin)).Value!.Key.AccessKeyId;
        Assert.NotNull(await Cache(test).ResolveAsync(key));

        Assert.True((await Keys(test).SetStatusAsync(user, key, AccessKeyStatus.Inactive, test.Admin)).Succeeded);

        Assert.Null(await Cache(test).ResolveAsync(key));
        Assert.Equal(AccessKeyStatus.Inactive, (await Keys(test).ListAsync(user)).Single().Status);
        Assert.True((await Keys(test).SetStatusAsync(user, key, AccessKeyStatus.Active, test.Admin)).Succeeded);
        Assert.NotNull(await Cache(test).ResolveAsync(key));
        var updates = await WithDbAsync(test, db => db.AuditEvents.AsNoTracking().Where(a => a.EventName == AccessKeyAuditNames.UpdateAccessKey).ToListAsync());
        Assert.Equal(2, updates.Count);
        Assert.Contains(updates, a => a.RequestParameters.Contains("\"status\":\"Inactive\"", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Delete_KeyGoneAndRefused_Audited_OtherUsersKeyUntouched(string provider)
    {
        await using var test = await CreateAsync(provider);
        var user = await CreateUserAsync(test, "gail");
        var other = await CreateUserAsync(test, "hank");
        var key = (await Keys(test).CreateAsync(user, test.Admin)).Value!.Key.AccessKeyId;
        var kept = (await Keys(test).CreateAsync(other, test.Admin)).Value!.Key.AccessKeyId;

        Assert.Equal(OperationErrorKind.NotFound, (await Keys(test).DeleteAsync(other, key, test.Admin)).ErrorKind);
        Assert.True((await Keys(test).DeleteAsync(user, key, test.Admin)).Succeeded);

        Assert.Null(await Cache(test).ResolveAsync(key));
        Assert.NotNull(await Cache(test).ResolveAsync(kept));
        Assert.Empty(await Keys(test).ListAsync(user));
        Assert.Equal(1, await WithDbAsync(test, db => db.AuditEvents.CountAsync(a => a.EventName == AccessKeyAuditNames.DeleteAccessKey)));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task DisableOrDeleteUser_TheirKeysStopAtOnce(string provider)
    {
        await using var test = await CreateAsync(provider);
        var users = test.Get<IUserDirectoryService>();
        var user = await CreateUserAsync(test, "ivan");
        var key = (await Keys(test).CreateAsync(user, test.Admin)).Value!.Key.AccessKeyId;
        Assert.NotNull(await Cache(test).ResolveAsync(key));

        Assert.True((await users.SetEnabledAsync(user, false, test.Admin)).Succeeded);
        Assert.Null(await Cache(test).ResolveAsync(key));

        test.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await users.SetEnabledAsync(user, true, test.Admin)).Succeeded);
        Assert.NotNull(await Cache(test).ResolveAsync(key));

        Assert.True((await users.DeleteUserAsync(user, test.Admin)).Succeeded);
        Assert.Null(await Cache(test).ResolveAsync(key));
        Assert.Equal(0, await WithDbAsync(test, db => db.AccessKeys.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task ChangeOnAnotherInstance_SeenAtTheNextMaintenanceTick(string provider)
    {
        await using var a = await CreateAsync(provider);
        await using var b = await TestDirectory.CreateInstanceOfAsync(a, Features);
        var watcher = b.Root.GetRequiredService<ChangeGenerationWatcher>();
        await watcher.PollAsync();
        var user = await CreateUserAsync(a, "jane");
        var key = (await Keys(a).CreateAsync(user, a.Admin)).Value!.Key.AccessKeyId;
        Assert.Null(await Cache(b).ResolveAsync(key));

        Assert.Contains(ChangeConcerns.AccessKeys, await watcher.PollAsync());
        Assert.NotNull(await Cache(b).ResolveAsync(key));

        Assert.True((await Keys(a).SetStatusAsync(user, key, AccessKeyStatus.Inactive, a.Admin)).Succeeded);
        await watcher.PollAsync();
        Assert.Null(await Cache(b).ResolveAsync(key));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task RecordUse_ShownAtOnce_WrittenByTheFlush(string provider)
    {
        await using var test = await CreateAsync(provider);
        var user = await CreateUserAsync(test, "kate");
        var key = (await Keys(test).CreateAsync(user, test.Admin)).Value!.Key.AccessKeyId;
        var usage = test.Root.GetRequiredService<AccessKeyUsage>();
        var at = test.Time.GetUtcNow();

        usage.Record(key, "identitystore", "eu-west-1", at.AddSeconds(-5));
        usage.Record(key, "sso", "us-east-1", at);
        usage.Record(key, "organizations", "us-east-1", at.AddSeconds(-1));

        var shown = (await Keys(test).ListAsync(user)).Single();
        Assert.Equal(("sso", "us-east-1"), (shown.LastUsedService, shown.LastUsedRegion));
        Assert.Equal(1, await usage.FlushAsync());
        Assert.Equal(0, await usage.FlushAsync());
        var row = await WithDbAsync(test, db => db.AccessKeys.AsNoTracking().SingleAsync());
        Assert.Equal(("sso", "us-east-1"), (row.LastUsedService, row.LastUsedRegion));
        Assert.Equal(at, row.LastUsedAt!.Value, TimeSpan.FromMilliseconds(1));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Resolve_UnknownOrMalformedId_Null(string provider)
    {
        await using var test = await CreateAsync(provider);

        Assert.Null(await Cache(test).ResolveAsync("AKIAAAAAAAAAAAAAAAAA"));
        Assert.Null(await Cache(test).ResolveAsync("ASIAAAAAAAAAAAAAAAAA"));
        Assert.Null(await Cache(test).ResolveAsync("akiaaaaaaaaaaaaaaaaa"));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task BootstrapKey_CreatedOnce_LeftAloneWhenEqual_RefusedWithAnotherSecret(string provider)
    {
        const string id = "AKIAIOSFODNN7EXAMPLE";
        const string secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        await using var test = await CreateAsync(provider, new Dictionary<string, string?>
        {
            ["IdentityCenter:Bootstrap:AdminAccessKeyId"] = id,
            ["IdentityCenter:Bootstrap:AdminSecretAccessKey"] = secret,
        });
        var startup = test.Root.GetRequiredService<AccessKeysBackgroundService>();

        await startup.InitializeAsync();
        await startup.InitializeAsync();

        Assert.Equal(new AccessKeyCredential(id, test.Admin.UserId!, "admin", secret), await Cache(test).ResolveAsync(id));
        Assert.Equal(1, await WithDbAsync(test, db => db.AuditEvents.CountAsync(a => a.EventName == AccessKeyAuditNames.CreateAccessKey)));
        var service = test.Root.GetRequiredService<AccessKeyService>();
        var other = await service.EnsureKeyAsync(test.Admin.UserId!, id, secret.Replace('w', 'x'), test.Admin);
        Assert.Equal(OperationErrorKind.Conflict, other.ErrorKind);
        Assert.Contains("already exists with another secret", other.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task BootstrapKey_NoSuchUser_StartStopsSayingWhatToSet(string provider)
    {
        await using var test = await CreateAsync(provider);
        var startup = new AccessKeysBackgroundService(
            test.Root.GetRequiredService<AccessKeyService>(),
            Cache(test),
            test.Root.GetRequiredService<AccessKeyUsage>(),
            test.Root.GetRequiredService<IDbContextFactory<IdentityCenterDbContext>>(),
            Microsoft.Extensions.Options.Options.Create(new IdentityCenter.Infrastructure.Configuration.IdentityCenterOptions
            {
                Bootstrap = { AdminUserName = "nobody", AdminAccessKeyId = "AKIAIOSFODNN7EXAMPLE", AdminSecretAccessKey = new string('k', 40) },
            }),
            test.Time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AccessKeysBackgroundService>.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => startup.InitializeAsync());

        Assert.Contains("no user named 'nobody'", error.Message, StringComparison.Ordinal);
        Assert.Contains("IdentityCenter:Bootstrap:AdminUserName", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task CredentialReport_KeyColumnsFromTheKeys_OldestIsKey1(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider, configure: b => b.AddIdentityCenterAccessModel(), services: Features);
        await Cache(test).LoadAsync();
        var user = await CreateUserAsync(test, "lena");
        var first = (await Keys(test).CreateAsync(user, test.Admin)).Value!.Key;
        test.Time.Advance(TimeSpan.FromMinutes(1));
        var second = (await Keys(test).CreateAsync(user, test.Admin)).Value!.Key;
        Assert.True((await Keys(test).SetStatusAsync(user, first.AccessKeyId, AccessKeyStatus.Inactive, test.Admin)).Succeeded);
        var usage = test.Root.GetRequiredService<AccessKeyUsage>();
        usage.Record(second.AccessKeyId, "identitystore", "eu-west-1", new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.Zero));
        await usage.FlushAsync();

        var report = await test.Get<IdentityCenter.Infrastructure.Access.IAccessDashboardService>().GetCredentialReportAsync();

        var row = report.Rows.Single(r => r[0] == "lena");
        string Column(string name) => row[report.Columns.ToList().IndexOf(name)];
        Assert.Equal("false", Column("access_key_1_active"));
        Assert.Equal(Time(first.CreatedAt), Column("access_key_1_last_rotated"));
        Assert.Equal(("N/A", "N/A", "N/A"), (Column("access_key_1_last_used_date"), Column("access_key_1_last_used_region"), Column("access_key_1_last_used_service")));
        Assert.Equal("true", Column("access_key_2_active"));
        Assert.Equal(Time(second.CreatedAt), Column("access_key_2_last_rotated"));
        Assert.Equal("2026-12-07T09:30:00+00:00", Column("access_key_2_last_used_date"));
        Assert.Equal(("eu-west-1", "identitystore"), (Column("access_key_2_last_used_region"), Column("access_key_2_last_used_service")));
        var admin = report.Rows.Single(r => r[0] == "admin");
        Assert.Equal(["false", "N/A", "N/A", "N/A", "N/A"], admin.Skip(report.Columns.ToList().IndexOf("access_key_1_active")).Take(5));

        var csv = IdentityCenter.Infrastructure.Csv.CsvFiles.ToText(report.Rows.Prepend(report.Columns));
        Assert.Contains("2026-12-07T09:30:00+00:00,eu-west-1,identitystore", csv, StringComparison.Ordinal);

        static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture);
    }
}
