using System.Security.Claims;
using Bunit;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Web.Components.Pages.Admin.Credentials;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Credentials;

public sealed class ResourceServicesPageTests : IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), "ic-services-" + Guid.NewGuid().ToString("N") + ".db");
    private SqliteFactory _contexts = default!;

    public async Task InitializeAsync()
    {
        _contexts = new SqliteFactory("Data Source=" + _database);
        await using (var db = _contexts.CreateDbContext())
        {
            await db.Database.MigrateAsync();
        }
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Register_ShowsKeyOnceThatAuthenticates_ListedAndDeletableWithConfirmation()
    {
        using var registry = new ResourceServiceRegistry(_contexts, CryptoRandomSource.Instance, TimeProvider.System);
        await registry.InitializeAsync();
        await using var ctx = BunitTestContext.Create(c =>
        {
            c.AddAuthorization().SetAuthorized("admin").SetClaims(new Claim(ClaimTypes.NameIdentifier, "u-admin"));
            c.Services.AddSingleton(registry);
        });
        var provider = ctx.Render<MudDialogProvider>();
        var page = ctx.Render<ResourceServicesPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".service-row")));

        page.Find(".field-service-name input").Change("orders-api");
        page.Find("#register-service-form").Submit();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#new-service-key-value")));
        var key = page.Find("#new-service-key-value").TextContent;
        Assert.Equal("orders-api", registry.Authenticate(key)?.Name);
        Assert.Equal(2, page.FindAll(".service-row").Count);
        Assert.DoesNotContain(key, page.Find("#services-table").TextContent, StringComparison.Ordinal);

        // The emptied form starts afresh (no "required" error beside the new key); the key has a copy button.
        Assert.Empty(page.FindAll(".field-service-name .mud-input-error"));
        Assert.DoesNotContain("Name the service.", page.Markup, StringComparison.Ordinal);
        page.Find("#copy-service-key").Click();
        Assert.Equal(key, ctx.JSInterop.VerifyInvoke("navigator.clipboard.writeText").Arguments[0]);

        page.Find(".service-row[data-name='orders-api'] button").Click();
        provider.WaitForAssertion(() => Assert.Contains("Its API key stops working", provider.Markup, StringComparison.Ordinal));
        provider.FindAll("button").First(b => b.TextContent.Trim() == "Delete").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".service-row")));
        Assert.Null(registry.Authenticate(key));
        Assert.Empty(page.FindAll("#new-service-key-value"));
    }

    [Fact]
    public async Task BareTokens_OffForNewServices_SwitchShownChangesTheServiceAndIsAudited()
    {
        using var registry = new ResourceServiceRegistry(_contexts, CryptoRandomSource.Instance, TimeProvider.System);
        await registry.InitializeAsync();
        await using var ctx = BunitTestContext.Create(c =>
        {
            c.AddAuthorization().SetAuthorized("admin").SetClaims(new Claim(ClaimTypes.NameIdentifier, "u-admin"));
            c.Services.AddSingleton(registry);
        });
        ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<ResourceServicesPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".service-row")));
        Assert.False(page.Find(".field-service-bare-tokens input[type=checkbox]").HasAttribute("checked"));

        page.Find(".field-service-name input").Change("orders-api");
        page.Find("#register-service-form").Submit();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#new-service-key-value")));
        var key = page.Find("#new-service-key-value").TextContent;
        Assert.False(registry.Authenticate(key)!.AllowBareTokens);
        Assert.Contains("Signature required", page.Find(".service-row[data-name='orders-api']").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll(".service-row[data-name='portal-playground'] .service-bare-tokens"));

        page.Find(".service-row[data-name='orders-api'] .service-bare-tokens input[type=checkbox]").Change(true);

        page.WaitForAssertion(() => Assert.Contains("Allowed", page.Find(".service-row[data-name='orders-api']").TextContent, StringComparison.Ordinal));
        Assert.True(registry.Authenticate(key)!.AllowBareTokens);
        await using var db = _contexts.CreateDbContext();
        var audit = await db.AuditEvents.SingleAsync(a => a.EventName == CredentialAuditNames.UpdateResourceService);
        Assert.Contains("\"allowBareTokens\":\"true\"", audit.RequestParameters, StringComparison.Ordinal);
    }

    private sealed class SqliteFactory(string connectionString) : IDbContextFactory<IdentityCenterDbContext>
    {
        public IdentityCenterDbContext CreateDbContext() =>
            new SqliteIdentityCenterDbContext(new DbContextOptionsBuilder<SqliteIdentityCenterDbContext>().UseSqlite(connectionString).Options);
    }

    [Fact]
    public async Task Register_RefusedName_ShownAtTheNameField_DescriptionErrorAtItsOwnField_NothingRegistered()
    {
        using var registry = new ResourceServiceRegistry(_contexts, CryptoRandomSource.Instance, TimeProvider.System);
        await registry.InitializeAsync();
        await using var ctx = BunitTestContext.Create(c =>
        {
            c.AddAuthorization().SetAuthorized("admin").SetClaims(new Claim(ClaimTypes.NameIdentifier, "u-admin"));
            c.Services.AddSingleton(registry);
        });
        var page = ctx.Render<ResourceServicesPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".service-row")));

        page.Find(".field-service-name input").Change("orders api!");
        page.Find("#register-service-form").Submit();
        page.WaitForAssertion(() => Assert.Contains("letters, digits", page.Find(".field-service-name .mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal));

        page.Find(".field-service-name input").Change("orders-api");
        page.Find(".field-service-description input").Change(new string('d', 300));
        page.Find("#register-service-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("at most 256 characters", page.Find(".field-service-description .mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll(".field-service-name .mud-input-error"));
        Assert.Empty(page.FindAll("#new-service-key-value"));
        Assert.Single(page.FindAll(".service-row"));
    }
}
