using IdentityCenter.Core.Aws.SigV4;
using System.Security.Claims;
using Bunit;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Web.Components.Pages.Portal;
using IdentityCenter.Web.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace IdentityCenter.Web.Tests.Components.Pages.Portal;

public sealed class PlaygroundTests : IAsyncLifetime
{
    private const string Account = "111122223333";
    private readonly string _database = Path.Combine(Path.GetTempPath(), "ic-playground-" + Guid.NewGuid().ToString("N") + ".db");
    private readonly FakeEntitlementService _entitlements = new();
    private readonly FakePolicySetProvider _policySets = new();
    private SqliteFactory _contexts = default!;

    public async Task InitializeAsync()
    {
        _contexts = new SqliteFactory("Data Source=" + _database);
        await using var db = _contexts.CreateDbContext();
        await db.Database.MigrateAsync();
        _entitlements.AddRole(FakeEntitlementService.Grant(Account, "Developer", "ps-1111111111111111"));
        _entitlements.Assign("u-1", Account, "Developer");
        _policySets.Set(
            Account,
            "ps-1111111111111111",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","ec2:*"],"Resource":"*"}]}""",
            """{"Version":"2012-10-17","Statement":[{"Sid":"NoTerminate","Effect":"Deny","Action":"ec2:TerminateInstances","Resource":"*"}]}""");
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TryActions_GrantedAllowedScpDeniedWithExplanation()
    {
        await using var ctx = BunitTestContext.Create(c =>
        {
            c.AddAuthorization().SetAuthorized("alice").SetClaims(new Claim(ClaimTypes.NameIdentifier, "u-1"));
            var time = TimeProvider.System;
            var ring = new TokenKeyRingHolder(TokenKeyRing.CreateNew(CryptoRandomSource.Instance, time.GetUtcNow()));
            var protector = new SessionTokenProtector(ring, time);
            var audit = new CredentialAuditBuffer(_contexts, NullLogger<CredentialAuditBuffer>.Instance);
            var registry = new ResourceServiceRegistry(_contexts, CryptoRandomSource.Instance, time);
            registry.InitializeAsync().GetAwaiter().GetResult();
            c.Services.AddSingleton(registry);
            c.Services.AddSingleton<TimeProvider>(time);
            c.Services.AddSingleton<IEntitlementService>(_entitlements);
            c.Services.AddSingleton<IPolicySetProvider>(_policySets);
            c.Services.AddSingleton(audit);
            c.Services.AddSingleton(new CredentialIssuer(protector, CryptoRandomSource.Instance, time));
            c.Services.AddSingleton(protector);
            c.Services.AddSingleton(new RevocationSnapshotHolder(RevocationSnapshot.Empty));
            c.Services.AddSingleton<SessionCredentialValidator>();
            c.Services.AddSingleton<AllowedDecisionAggregator>();
            c.Services.AddSingleton<IDbContextFactory<IdentityCenterDbContext>>(_contexts);
            c.Services.AddSingleton<AccessAdvisorTracker>();
            c.Services.AddScoped<CredentialService>();
            c.Services.AddSingleton(new AuthorizationMessageProtector(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider(), time));
            c.Services.AddSingleton(new SigV4Verifier());
            c.Services.AddSingleton<AuthorizeService>();
            c.Services.AddScoped<PlaygroundAuthorizer>();
        });
        var page = ctx.Render<Playground>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#playground-get-credentials")));
        await page.InvokeAsync(() => page.FindComponent<MudBlazor.MudSelect<string>>().Instance.ValueChanged.InvokeAsync($"{Account}/Developer"));

        page.Find("#playground-get-credentials").Click();
        page.WaitForAssertion(() => Assert.Contains("ASIA", page.Find("#playground-credentials").TextContent, StringComparison.Ordinal));
        page.Find("button.playground-try[data-action='s3:GetObject']").Click();
        page.WaitForAssertion(() => Assert.Equal("Allow", page.Find(".playground-result").GetAttribute("data-decision")));
        page.Find("button.playground-try[data-action='ec2:TerminateInstances']").Click();

        page.WaitForAssertion(() => Assert.Equal("ExplicitDeny", page.Find(".playground-result").GetAttribute("data-decision")));
        Assert.Contains("NoTerminate", page.Find(".playground-result").TextContent, StringComparison.Ordinal);
        Assert.Equal(2, page.FindAll(".playground-result").Count);

        // The denial shows the encoded authorization message a resource service gets; the allowed try has none.
        Assert.Matches("^[A-Za-z0-9_-]{100,}$", page.Find(".playground-result .playground-encoded-value").TextContent);
        Assert.Single(page.FindAll(".playground-encoded-message"));
    }

    private sealed class SqliteFactory(string connectionString) : IDbContextFactory<IdentityCenterDbContext>
    {
        public IdentityCenterDbContext CreateDbContext() =>
            new SqliteIdentityCenterDbContext(new DbContextOptionsBuilder<SqliteIdentityCenterDbContext>().UseSqlite(connectionString).Options);
    }
}
