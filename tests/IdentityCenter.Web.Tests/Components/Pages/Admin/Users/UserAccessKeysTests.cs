using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.UserAccessKeys;
using IdentityCenter.Web.Components.Pages.Admin.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Users;

/// <summary>The "Access keys" section of a user's admin page, on the real access key service over SQLite.</summary>
public sealed class UserAccessKeysTests : IAsyncLifetime
{
    private const string UserId = "u-frank";
    private readonly string _database = Path.Combine(Path.GetTempPath(), "ic-keys-" + Guid.NewGuid().ToString("N") + ".db");
    private SqliteFactory _contexts = default!;
    private AccessKeyCache _cache = default!;
    private AccessKeyService _keys = default!;

    public async Task InitializeAsync()
    {
        _contexts = new SqliteFactory("Data Source=" + _database);
        await using (var db = _contexts.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            db.Users.Add(new ApplicationUser { Id = UserId, UserName = "frank", NormalizedUserName = "FRANK", DisplayName = "Frank" });
            await db.SaveChangesAsync();
        }

        var protection = new EphemeralDataProtectionProvider();
        _cache = new AccessKeyCache(_contexts, protection, new RevocationSnapshotHolder(RevocationSnapshot.Empty), TimeProvider.System);
        await _cache.LoadAsync();
        _keys = new AccessKeyService(_contexts, protection, CryptoRandomSource.Instance, _cache, new AccessKeyUsage(_contexts), TimeProvider.System);
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
        return Task.CompletedTask;
    }

    private static readonly Claim[] AdministratorClaims =
    [
        new(ClaimTypes.NameIdentifier, "u-admin"),
        new(IdentityCenterClaimTypes.Administrator, IdentityCenterClaimTypes.TrueValue),
        new(IdentityCenterClaimTypes.MfaAuthenticated, IdentityCenterClaimTypes.TrueValue),
    ];

    /// <summary>Signed in as a full administrator (the built-in document allows the access key actions on every user).</summary>
    private BunitContext Context() => Context(out _, "admin", AdministratorClaims);

    private BunitContext Context(out BunitAuthorizationContext authorization, string userName, params Claim[] claims)
    {
        BunitAuthorizationContext? auth = null;
        var context = BunitTestContext.Create(c =>
        {
            auth = c.AddAuthorization();
            auth.SetAuthorized(userName).SetClaims(claims);
            c.Services.AddSingleton<IAccessKeyService>(_keys);
        });
        authorization = auth!;
        return context;
    }

    [Fact]
    public async Task HelpDesk_SectionNotShown_PolicyDoesNotAllowAccessKeys()
    {
        await _keys.CreateAsync(UserId, IdentityCenter.Core.Audit.Actor.System);
        await using var ctx = Context(out _, "helen", new Claim(ClaimTypes.NameIdentifier, "u-helen"),
            new Claim(IdentityCenterClaimTypes.AdministrativeGroup, BuiltInGroups.HelpDeskId), new Claim(IdentityCenterClaimTypes.MfaAuthenticated, IdentityCenterClaimTypes.TrueValue));

        var section = ctx.Render<UserAccessKeys>(p => p.Add(x => x.UserId, UserId).Add(x => x.UserName, "frank"));

        Assert.Empty(section.FindAll(".user-access-keys"));
        Assert.Empty(section.FindAll(".access-key-row"));
    }

    [Fact]
    public async Task Load_DatabaseDoesNotAnswer_SaysTheKeysCouldNotBeLoaded()
    {
        await using (var db = _contexts.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE \"AccessKeys\"");
        }

        await using var ctx = Context();
        var section = ctx.Render<UserAccessKeys>(p => p.Add(x => x.UserId, UserId).Add(x => x.UserName, "frank"));

        section.WaitForAssertion(() => Assert.Contains("The access keys could not be loaded", section.Find(".access-keys-error").TextContent, StringComparison.Ordinal));
        Assert.Empty(section.FindAll(".access-key-row"));
    }

    [Fact]
    public async Task SelfService_AdministratorOwnKeys_SaysYou_PlainUserSeesNothing()
    {
        await using (var admin = Context())
        {
            var own = admin.Render<UserAccessKeys>(p => p.Add(x => x.UserId, "u-admin").Add(x => x.UserName, "admin").Add(x => x.SelfService, true));
            own.WaitForElement(".access-key-create");
            Assert.Contains("as you, with your administration rights", own.Find(".user-access-keys").TextContent, StringComparison.Ordinal);
        }

        await using var plain = Context(out _, "frank", new Claim(ClaimTypes.NameIdentifier, UserId), new Claim(IdentityCenterClaimTypes.MfaAuthenticated, IdentityCenterClaimTypes.TrueValue));
        var section = plain.Render<UserAccessKeys>(p => p.Add(x => x.UserId, UserId).Add(x => x.UserName, "frank").Add(x => x.SelfService, true));
        Assert.Empty(section.FindAll(".user-access-keys"));
    }

    [Fact]
    public async Task Create_AdministratorRightsGoneSinceThePageOpened_RefusedOnTheServer_NoKey()
    {
        await using var ctx = Context(out var authorization, "admin", AdministratorClaims);
        var section = ctx.Render<UserAccessKeys>(p => p.Add(x => x.UserId, UserId).Add(x => x.UserName, "frank"));
        section.WaitForElement(".access-key-create");

        // The person is no longer an administrator (a new sign-in state), while the open page still shows the button.
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, "u-admin"), new Claim(IdentityCenterClaimTypes.MfaAuthenticated, IdentityCenterClaimTypes.TrueValue));
        section.Find(".access-key-create").Click();

        section.WaitForAssertion(() => Assert.Contains("is not authorized to perform: iam:CreateAccessKey", section.Find(".access-keys-error").TextContent, StringComparison.Ordinal));
        Assert.Empty(await _keys.ListAsync(UserId));
    }

    [Fact]
    public async Task Create_SecretShownOnceInDialogThatSaysSo_KeyListedWithoutSecretAndWorks()
    {
        await using var ctx = Context();
        var dialogs = ctx.Render<MudDialogProvider>();
        var section = ctx.Render<UserAccessKeys>(p => p.Add(x => x.UserId, UserId).Add(x => x.UserName, "frank"));
        section.WaitForElement(".access-keys-empty");

        section.Find(".access-key-create").Click();

        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("#new-access-key-secret")));
        Assert.Contains("only time the secret access key is shown", dialogs.Find(".access-key-once").TextContent, StringComparison.Ordinal);
        var id = dialogs.Find("#new-access-key-id .ic-copy-text").TextContent;
        var secret = dialogs.Find("#new-access-key-secret .ic-copy-text").TextContent;
        Assert.True(AccessKeys.IsLongTermAccessKeyId(id), id);
        Assert.Equal(new AccessKeyCredential(id, UserId, "frank", secret), await _cache.ResolveAsync(id));
        Assert.NotNull(dialogs.Find("#new-access-key-secret .ic-copy-button"));
        dialogs.Find(".access-key-created-close").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("#new-access-key-secret")));
        section.WaitForAssertion(() => Assert.Single(section.FindAll(".access-key-row")));
        Assert.Contains(id, section.Find(".access-keys").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, section.Markup, StringComparison.Ordinal);
        Assert.Contains("never", section.Find(".access-key-last-used").TextContent, StringComparison.Ordinal);
        await using var db = _contexts.CreateDbContext();
        Assert.Equal("u-admin", (await db.AuditEvents.SingleAsync(a => a.EventName == AccessKeyAuditNames.CreateAccessKey)).PrincipalId);
    }

    [Fact]
    public async Task MakeInactiveConfirmed_KeyRefused_ThenActiveAgain()
    {
        var id = (await _keys.CreateAsync(UserId, IdentityCenter.Core.Audit.Actor.System)).Value!.Key.AccessKeyId;
        await using var ctx = Context();
        var dialogs = ctx.Render<MudDialogProvider>();
        var section = ctx.Render<UserAccessKeys>(p => p.Add(x => x.UserId, UserId).Add(x => x.UserName, "frank"));
        section.WaitForElement(".access-key-deactivate");

        section.Find(".access-key-deactivate").Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        section.WaitForAssertion(() => Assert.Equal("Inactive", section.Find(".access-key-status").TextContent.Trim()));
        Assert.Null(await _cache.ResolveAsync(id));
        section.Find(".access-key-activate").Click();
        section.WaitForAssertion(() => Assert.Equal("Active", section.Find(".access-key-status").TextContent.Trim()));
        Assert.NotNull(await _cache.ResolveAsync(id));
    }

    [Fact]
    public async Task Delete_CancelledKeepsTheKey_ConfirmedDeletesIt()
    {
        var id = (await _keys.CreateAsync(UserId, IdentityCenter.Core.Audit.Actor.System)).Value!.Key.AccessKeyId;
        await using var ctx = Context();
        var dialogs = ctx.Render<MudDialogProvider>();
        var section = ctx.Render<UserAccessKeys>(p => p.Add(x => x.UserId, UserId).Add(x => x.UserName, "frank"));
        section.WaitForElement(".access-key-delete");

        section.Find(".access-key-delete").Click();
        Assert.Contains("cannot be recovered", dialogs.WaitForElement(".confirm-dialog-message").TextContent, StringComparison.Ordinal);
        dialogs.Find(".confirm-dialog-cancel").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".confirm-dialog-cancel")));
        Assert.Single(await _keys.ListAsync(UserId));

        section.Find(".access-key-delete").Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        section.WaitForElement(".access-keys-empty");
        Assert.Null(await _cache.ResolveAsync(id));
    }

    [Fact]
    public async Task TwoKeys_CreateDisabledAndSaysDeleteOne()
    {
        await _keys.CreateAsync(UserId, IdentityCenter.Core.Audit.Actor.System);
        await _keys.CreateAsync(UserId, IdentityCenter.Core.Audit.Actor.System);
        await using var ctx = Context();
        var section = ctx.Render<UserAccessKeys>(p => p.Add(x => x.UserId, UserId).Add(x => x.UserName, "frank"));

        section.WaitForAssertion(() => Assert.Equal(2, section.FindAll(".access-key-row").Count));
        Assert.True(section.Find("button.access-key-create").HasAttribute("disabled"));
        Assert.Contains("delete one to create another", section.Find(".access-keys-full").TextContent, StringComparison.Ordinal);
    }

    private sealed class SqliteFactory(string connectionString) : IDbContextFactory<IdentityCenterDbContext>
    {
        public IdentityCenterDbContext CreateDbContext() =>
            new SqliteIdentityCenterDbContext(new DbContextOptionsBuilder<SqliteIdentityCenterDbContext>().UseSqlite(connectionString).Options);
    }
}
