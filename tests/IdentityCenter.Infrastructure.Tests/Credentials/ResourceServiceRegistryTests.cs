using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Data.Entities.Credentials;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IdentityCenter.Infrastructure.Tests.Credentials;

public sealed class ResourceServiceRegistryTests
{
    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Register_KeyAuthenticatesStoredOnlyHashedSurvivesRestart(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test);

        var result = await kit.Registry.RegisterAsync("orders-api", "Orders", test.Admin);

        Assert.True(result.Succeeded);
        var key = result.Value!.ApiKey;
        Assert.Equal("orders-api", kit.Registry.Authenticate(key)?.Name);
        Assert.Null(kit.Registry.Authenticate(key + "x"));
        await using (var db = await test.NewDbAsync())
        {
            var row = await db.Set<ResourceServiceRecord>().SingleAsync(s => s.Name == "orders-api");
            Assert.NotEqual(key, row.KeyHash);
            Assert.DoesNotContain(key, row.KeyHash, StringComparison.Ordinal);
            Assert.StartsWith(row.KeyPrefix, key, StringComparison.Ordinal);
        }

        using var restarted = new CredentialsKit(test);
        await restarted.Registry.ReloadAsync();
        Assert.Equal("orders-api", restarted.Registry.Authenticate(key)?.Name);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Register_BadOrDuplicateName_FieldErrors(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test);
        await kit.Registry.RegisterAsync("orders-api", null, test.Admin);

        var duplicate = await kit.Registry.RegisterAsync("ORDERS-API", null, test.Admin);
        var invalid = await kit.Registry.RegisterAsync("bad name!", null, test.Admin);
        var reserved = await kit.Registry.RegisterAsync(ResourceServiceRegistry.PlaygroundServiceName, null, test.Admin);

        Assert.Equal(OperationErrorKind.Conflict, duplicate.ErrorKind);
        Assert.Equal(OperationErrorKind.Validation, invalid.ErrorKind);
        Assert.Equal(OperationErrorKind.Validation, reserved.ErrorKind);
        Assert.All([duplicate, invalid, reserved], r => Assert.Equal("name", r.Errors[0].Field));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Delete_KeyStopsAuthenticating_PlaygroundCannotBeDeleted(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test);
        await kit.Registry.InitializeAsync();
        var registered = (await kit.Registry.RegisterAsync("orders-api", null, test.Admin)).Value!;

        var deleted = await kit.Registry.DeleteAsync(registered.Service.Id, test.Admin);
        var playground = (await kit.Registry.ListAsync()).Single(s => s.IsInternal);
        var refused = await kit.Registry.DeleteAsync(playground.Id, Actor.System);

        Assert.True(deleted.Succeeded);
        Assert.Null(kit.Registry.Authenticate(registered.ApiKey));
        Assert.Equal(OperationErrorKind.Forbidden, refused.ErrorKind);
        Assert.Equal(ResourceServiceRegistry.PlaygroundServiceName, kit.Registry.Authenticate(kit.Registry.PlaygroundKey!)?.Name);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Initialize_Restart_NewPlaygroundKeyOldOneRejected(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var first = new CredentialsKit(test);
        await first.Registry.InitializeAsync();
        var oldKey = first.Registry.PlaygroundKey!;

        using var second = new CredentialsKit(test);
        await second.Registry.InitializeAsync();

        Assert.NotEqual(oldKey, second.Registry.PlaygroundKey);
        Assert.Null(second.Registry.Authenticate(oldKey));
        Assert.Single(await second.Registry.ListAsync(), s => s.IsInternal);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Register_NewServicesMustSign_SwitchIsAuditedAndReachesEveryInstance(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test);
        await kit.Registry.InitializeAsync();
        var registered = (await kit.Registry.RegisterAsync("orders-api", null, test.Admin)).Value!;
        using var other = new CredentialsKit(test);
        await other.Registry.ReloadAsync();
        Assert.False(registered.Service.AllowBareTokens);
        Assert.False(other.Registry.Authenticate(registered.ApiKey)!.AllowBareTokens);

        var allowed = await kit.Registry.SetAllowBareTokensAsync(registered.Service.Id, true, test.Admin);
        await other.Registry.ReloadAsync();
        var playground = (await kit.Registry.ListAsync()).Single(s => s.IsInternal);
        var refused = await kit.Registry.SetAllowBareTokensAsync(playground.Id, true, test.Admin);

        Assert.True(allowed.Succeeded);
        Assert.True(kit.Registry.Authenticate(registered.ApiKey)!.AllowBareTokens);
        Assert.True(other.Registry.Authenticate(registered.ApiKey)!.AllowBareTokens);
        Assert.Equal(OperationErrorKind.Forbidden, refused.ErrorKind);
        Assert.False(playground.AllowBareTokens);
        await using var db = await test.NewDbAsync();
        var audited = await db.AuditEvents.Where(a => a.EventName == CredentialAuditNames.UpdateResourceService).ToListAsync();
        var change = Assert.Single(audited);
        Assert.Contains("\"allowBareTokens\":\"true\"", change.RequestParameters, StringComparison.Ordinal);
        Assert.Contains(registered.Service.Id, change.RequestParameters, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Migration_ServicesThatExistedKeepBareTokens_NewOnesMustSign(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test);
        await kit.Registry.InitializeAsync();
        var existing = (await kit.Registry.RegisterAsync("legacy-api", null, test.Admin)).Value!;
        Assert.False(existing.Service.AllowBareTokens);

        // Back to the schema before the column, then upgrade as a deployment does.
        await using (var db = await test.NewDbAsync())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var added = migrations.FindIndex(m => m.EndsWith("_Wire_ResourceServiceBareTokens", StringComparison.Ordinal));
            Assert.True(added > 0, "The migration Wire_ResourceServiceBareTokens is missing.");
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[added - 1]);
            await migrator.MigrateAsync();
        }

        await kit.Registry.ReloadAsync();
        var created = (await kit.Registry.RegisterAsync("new-api", null, test.Admin)).Value!;
        var services = await kit.Registry.ListAsync();

        Assert.True(kit.Registry.Authenticate(existing.ApiKey)!.AllowBareTokens);
        Assert.False(kit.Registry.Authenticate(created.ApiKey)!.AllowBareTokens);
        Assert.False(services.Single(s => s.IsInternal).AllowBareTokens);
    }
}
