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
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace IdentityCenter.Web.Tests.Components.Pages.Portal;

public sealed class AccessKeysDialogTests
{
    private const string Account = "111122223333";
    private const string Role = "S3Reader";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
    private readonly FakeEntitlementService _entitlements = new();

    public AccessKeysDialogTests()
    {
        _entitlements.AddRole(FakeEntitlementService.Grant(Account, Role, "ps-0123456789abcdef", TimeSpan.FromHours(1)));
        _entitlements.Assign("u-1", Account, Role);
    }

    [Fact]
    public async Task Open_DefaultTab_ShowsEnvironmentVariablesProfileAndValuesOfFreshCredentials()
    {
        await using var ctx = CreateContext();
        var (provider, _) = await OpenAsync(ctx);

        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("#env-Posix")));
        var akid = provider.Find("#akid-Posix pre").TextContent;
        Assert.Matches("^ASIA[A-Z2-7]{16}$", akid);
        var secret = provider.Find("#secret-Posix pre").TextContent;
        Assert.Equal(40, secret.Length);
        var token = provider.Find("#token-Posix pre").TextContent;
        Assert.Contains($"export AWS_ACCESS_KEY_ID=\"{akid}\"", provider.Find("#env-Posix pre").TextContent, StringComparison.Ordinal);
        Assert.Contains($"export AWS_SECRET_ACCESS_KEY=\"{secret}\"", provider.Find("#env-Posix pre").TextContent, StringComparison.Ordinal);
        Assert.Contains($"export AWS_SESSION_TOKEN=\"{token}\"", provider.Find("#env-Posix pre").TextContent, StringComparison.Ordinal);
        var profile = provider.Find("#profile-Posix pre").TextContent;
        Assert.StartsWith($"[{Account}_{Role}]\naws_access_key_id={akid}\naws_secret_access_key={secret}\naws_session_token={token}", profile, StringComparison.Ordinal);
        Assert.Contains("~/.aws/credentials", provider.Markup, StringComparison.Ordinal);
        Assert.Contains("2026-11-24 11:00:00 UTC", provider.Find("#access-keys-expiration").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tabs_WindowsAndPowerShell_ShowTheirSyntax()
    {
        await using var ctx = CreateContext();
        var (provider, _) = await OpenAsync(ctx);
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("#env-Posix")));
        var tabs = provider.FindAll(".mud-tab");
        Assert.Equal(["macOS and Linux", "Windows", "PowerShell"], tabs.Select(t => t.TextContent.Trim()));

        provider.FindAll(".mud-tab")[1].Click();
        provider.WaitForAssertion(() => Assert.StartsWith("set AWS_ACCESS_KEY_ID=ASIA", provider.Find("#env-WindowsCmd pre").TextContent, StringComparison.Ordinal));
        Assert.Contains("%USERPROFILE%\\.aws\\credentials", provider.Markup, StringComparison.Ordinal);

        provider.FindAll(".mud-tab")[2].Click();
        provider.WaitForAssertion(() => Assert.StartsWith("$Env:AWS_ACCESS_KEY_ID=\"ASIA", provider.Find("#env-PowerShell pre").TextContent, StringComparison.Ordinal));
        Assert.Contains("$Env:AWS_SESSION_TOKEN=\"", provider.Find("#env-PowerShell pre").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Countdown_ClockAdvances_TicksDownToExpired()
    {
        await using var ctx = CreateContext();
        var (provider, _) = await OpenAsync(ctx);
        provider.WaitForAssertion(() => Assert.Equal("1h 00m 00s", provider.Find("#access-keys-countdown").TextContent));

        _time.Advance(TimeSpan.FromSeconds(61));
        provider.WaitForAssertion(() => Assert.Equal("58m 59s", provider.Find("#access-keys-countdown").TextContent));

        _time.Advance(TimeSpan.FromHours(1));
        provider.WaitForAssertion(() => Assert.Equal("expired", provider.Find("#access-keys-countdown").TextContent));
    }

    [Fact]
    public async Task Open_Twice_FreshCredentialsEachTime()
    {
        await using var ctx = CreateContext();
        var (provider, dialogs) = await OpenAsync(ctx);
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("#akid-Posix")));
        var first = provider.Find("#akid-Posix pre").TextContent;
        provider.Find("#access-keys-close").Click();
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("#akid-Posix")));

        await provider.InvokeAsync(() => dialogs.ShowAsync<AccessKeysDialog>("Get credentials", Parameters("u-1")));

        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("#akid-Posix")));
        Assert.NotEqual(first, provider.Find("#akid-Posix pre").TextContent);
    }

    [Fact]
    public async Task Copy_AccessKeyId_WritesItToTheClipboard()
    {
        await using var ctx = CreateContext();
        var (provider, _) = await OpenAsync(ctx);
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("#akid-Posix")));
        var akid = provider.Find("#akid-Posix pre").TextContent;

        provider.Find("#akid-Posix button").Click();

        var call = ctx.JSInterop.VerifyInvoke("navigator.clipboard.writeText");
        Assert.Equal(akid, call.Arguments[0]);
    }

    [Fact]
    public async Task Open_RoleNotAssigned_NoAccessAndNoCredentials()
    {
        await using var ctx = CreateContext();
        var (provider, _) = await OpenAsync(ctx, "u-stranger");

        provider.WaitForAssertion(() => Assert.Equal("No access", provider.Find("#access-keys-error").TextContent.Trim()));
        Assert.Empty(provider.FindAll("#akid-Posix"));
        Assert.DoesNotContain("ASIA", provider.Markup, StringComparison.Ordinal);
    }

    private BunitContext CreateContext() => BunitTestContext.Create(ctx =>
    {
        var ring = new TokenKeyRingHolder(TokenKeyRing.CreateNew(CryptoRandomSource.Instance, _time.GetUtcNow()));
        ctx.Services.AddSingleton<TimeProvider>(_time);
        ctx.Services.AddSingleton<IEntitlementService>(_entitlements);
        ctx.Services.AddSingleton(new CredentialIssuer(new SessionTokenProtector(ring, _time), CryptoRandomSource.Instance, _time));
        ctx.Services.AddSingleton<IDbContextFactory<IdentityCenterDbContext>, UnusedDbContextFactory>();
        ctx.Services.AddSingleton(sp => new CredentialAuditBuffer(sp.GetRequiredService<IDbContextFactory<IdentityCenterDbContext>>(), NullLogger<CredentialAuditBuffer>.Instance));
        ctx.Services.AddScoped<CredentialService>();
    });

    private static DialogParameters<AccessKeysDialog> Parameters(string userId) => new()
    {
        { d => d.Caller, new CredentialCaller(userId, "alice", true) },
        { d => d.AccountId, Account },
        { d => d.AccountName, "Production" },
        { d => d.RoleName, Role },
    };

    private static async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogService Dialogs)> OpenAsync(BunitContext ctx, string userId = "u-1")
    {
        var provider = ctx.Render<MudDialogProvider>();
        var dialogs = ctx.Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<AccessKeysDialog>("Get credentials", Parameters(userId)));
        return (provider, dialogs);
    }

    /// <summary>The dialog only queues audit events; nothing here flushes them to a database.</summary>
    private sealed class UnusedDbContextFactory : IDbContextFactory<IdentityCenterDbContext>
    {
        public IdentityCenterDbContext CreateDbContext() => throw new InvalidOperationException("The dialog must not touch the database.");
    }
}
