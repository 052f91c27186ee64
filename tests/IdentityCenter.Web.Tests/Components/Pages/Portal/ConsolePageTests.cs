using System.Security.Claims;
using Bunit;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Web.Components.Pages.Portal;
using IdentityCenter.Web.Tests.Fakes;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace IdentityCenter.Web.Tests.Components.Pages.Portal;

public sealed class ConsolePageTests
{
    private const string Account = "111122223333";
    private const string OtherAccount = "444455556666";
    private readonly FakeEntitlementService _entitlements = new();

    public ConsolePageTests()
    {
        _entitlements.AddRole(FakeEntitlementService.Grant(Account, "S3Reader", "ps-1111111111111111", relayState: "https://console.aws.amazon.com/s3/home?region=us-east-1"));
        _entitlements.Assign("u-1", Account, "S3Reader");
    }

    [Fact]
    public async Task Open_AssignedRole_ShowsAssumedRoleAccountExpiryAndRelayStateLanding()
    {
        await using var ctx = CreateContext();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/start/console?account_id={Account}&role_name=S3Reader");

        var page = ctx.Render<ConsolePage>();

        page.WaitForAssertion(() => Assert.StartsWith($"arn:aws:sts::{Account}:assumed-role/AWSReservedSSO_S3Reader_", page.Find("#console-arn").TextContent, StringComparison.Ordinal));
        Assert.EndsWith("/alice", page.Find("#console-arn").TextContent, StringComparison.Ordinal);
        Assert.Contains(Account, page.Find("#console-account").TextContent, StringComparison.Ordinal);
        Assert.Contains("UTC", page.Find("#console-expiry").TextContent, StringComparison.Ordinal);
        Assert.Equal("/s3/home?region=us-east-1", page.Find("#console-landing").TextContent);
    }

    [Fact]
    public async Task Open_ExplicitDestination_WinsOverRelayState()
    {
        await using var ctx = CreateContext();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/start/console?account_id={Account}&role_name=S3Reader&destination=%2Fec2%2Fhome");

        var page = ctx.Render<ConsolePage>();

        page.WaitForAssertion(() => Assert.Equal("/ec2/home", page.Find("#console-landing").TextContent));
    }

    [Theory]
    [InlineData("999999999999", "S3Reader")] // no such account
    [InlineData(OtherAccount, "S3Reader")] // an account that exists, where the user has no role
    [InlineData(Account, "NoSuchRole")] // no such role
    [InlineData(Account, "Admin")] // a role that exists but is not the user's
    public async Task Open_EveryRefusal_SameNoAccessText(string account, string role)
    {
        _entitlements.AddRole(FakeEntitlementService.Grant(Account, "Admin", "ps-2222222222222222"));
        _entitlements.AddRole(FakeEntitlementService.Grant(OtherAccount, "S3Reader", "ps-1111111111111111"));
        await using var ctx = CreateContext();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/start/console?account_id={account}&role_name={role}");

        var page = ctx.Render<ConsolePage>();

        page.WaitForAssertion(() => Assert.Equal(ConsolePage.NoAccess, page.Find("#console-error").TextContent.Trim()));
        Assert.StartsWith("No access", ConsolePage.NoAccess, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#console-arn"));
    }

    private BunitContext CreateContext() => BunitTestContext.Create(ctx =>
    {
        ctx.AddAuthorization().SetAuthorized("alice").SetClaims(new Claim(ClaimTypes.NameIdentifier, "u-1"));
        var ring = new TokenKeyRingHolder(TokenKeyRing.CreateNew(CryptoRandomSource.Instance, DateTimeOffset.UtcNow));
        ctx.Services.AddSingleton(TimeProvider.System);
        ctx.Services.AddSingleton<IEntitlementService>(_entitlements);
        ctx.Services.AddSingleton(new CredentialIssuer(new SessionTokenProtector(ring, TimeProvider.System), CryptoRandomSource.Instance, TimeProvider.System));
        ctx.Services.AddSingleton(new CredentialAuditBuffer(new NoDatabase(), NullLogger<CredentialAuditBuffer>.Instance));
        ctx.Services.AddScoped<CredentialService>();
    });

    private sealed class NoDatabase : IDbContextFactory<IdentityCenterDbContext>
    {
        public IdentityCenterDbContext CreateDbContext() => throw new InvalidOperationException("The console page must not touch the database.");
    }
}
