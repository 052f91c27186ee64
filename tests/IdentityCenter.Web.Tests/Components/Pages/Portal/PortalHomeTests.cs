using System.Security.Claims;
using Bunit;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Web.Components.Pages.Portal;
using IdentityCenter.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Components.Pages.Portal;

public sealed class PortalHomeTests
{
    private readonly FakeEntitlementService _entitlements = new();

    public PortalHomeTests()
    {
        _entitlements.AddAccount("111122223333", "Production", "prod@example.com").AddAccount("444455556666", "Sandbox", "sandbox@example.com");
        _entitlements.AddRole(FakeEntitlementService.Grant("111122223333", "S3Reader", "ps-1111111111111111"));
        _entitlements.AddRole(FakeEntitlementService.Grant("444455556666", "Admin", "ps-2222222222222222"));
        _entitlements.AddRole(FakeEntitlementService.Grant("444455556666", "ReadOnly", "ps-3333333333333333"));
        _entitlements.Assign("u-1", "111122223333", "S3Reader").Assign("u-1", "444455556666", "Admin");
        _entitlements.Assign("u-2", "444455556666", "ReadOnly");
    }

    [Fact]
    public async Task Render_SignedInUser_ListsOnlyTheirAccountsWithNameIdAndEmail()
    {
        await using var ctx = CreateContext("u-1");

        var page = ctx.Render<PortalHome>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".ic-portal-account").Count));
        Assert.Equal(["Production", "Sandbox"], page.FindAll(".portal-account-name").Select(e => e.TextContent));
        Assert.Contains("111122223333 | prod@example.com", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_ByIdOrEmail_FiltersAccounts()
    {
        await using var ctx = CreateContext("u-1");
        var page = ctx.Render<PortalHome>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".ic-portal-account").Count));

        page.Find(".portal-search input").Input("sandbox@");

        page.WaitForAssertion(() => Assert.Equal(["Sandbox"], page.FindAll(".portal-account-name").Select(e => e.TextContent)));
    }

    [Fact]
    public async Task Expand_Account_ListsRolesLiveIncludingNewAssignments()
    {
        await using var ctx = CreateContext("u-1");
        var page = ctx.Render<PortalHome>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".portal-account-toggle").Count));

        page.FindAll(".portal-account-toggle")[1].Click();
        page.WaitForAssertion(() => Assert.Equal(["Admin"], page.FindAll(".portal-role").Select(e => e.GetAttribute("data-role-name"))));
        Assert.Equal("/start/console?account_id=444455556666&role_name=Admin", page.Find(".portal-role a.portal-console-link").GetAttribute("href"));

        _entitlements.Assign("u-1", "444455556666", "ReadOnly");
        _entitlements.Unassign("u-1", "444455556666", "Admin");
        page.Find("#portal-refresh").Click();

        page.WaitForAssertion(() => Assert.Equal(["ReadOnly"], page.FindAll(".portal-role").Select(e => e.GetAttribute("data-role-name"))));
    }

    [Fact]
    public async Task Render_ShortcutFragment_NavigatesToTheConsole()
    {
        await using var ctx = CreateContext("u-1");
        var navigation = ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("/start#/console?account_id=111122223333&role_name=S3Reader&destination=%2Fs3%2Fhome");

        ctx.Render<PortalHome>();

        Assert.EndsWith("/start/console?account_id=111122223333&role_name=S3Reader&destination=%2Fs3%2Fhome", navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_UserWithoutAssignments_SaysSo()
    {
        await using var ctx = CreateContext("u-none");

        var page = ctx.Render<PortalHome>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#portal-no-accounts")));
    }

    private BunitContext CreateContext(string userId) => BunitTestContext.Create(ctx =>
    {
        ctx.AddAuthorization().SetAuthorized("alice").SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
        ctx.Services.AddSingleton<IEntitlementService>(_entitlements);
    });
}
