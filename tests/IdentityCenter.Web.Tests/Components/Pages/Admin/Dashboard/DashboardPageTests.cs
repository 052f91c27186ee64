using Bunit;
using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Web.Components.Pages.Admin.Dashboard;
using IdentityCenter.Web.Tests.Fakes;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Dashboard;

public sealed class DashboardPageTests
{
    private static DashboardSnapshot Snapshot() => new(
        120, 110, 12, 6, 5, 40, 88, 80.0, 3, 9, 90,
        [new DailySignIns(new DateOnly(2026, 5, 31), 30, 2), new DailySignIns(new DateOnly(2026, 6, 1), 25, 4)],
        [FakeAuditLog.NewEvent(AuditEventNames.CreateUser, new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero), target: "alice")]);

    [Fact]
    public async Task Render_ShowsCountsMfaCoveragePasswordsChartAndEvents()
    {
        await using var access = new AccessTestContext();
        access.Dashboard.Snapshot = Snapshot();
        access.RenderProviders();

        var page = access.Context.Render<DashboardPage>();

        Assert.Equal("120", page.Find(".dashboard-count-users").TextContent);
        Assert.Equal("40", page.Find(".dashboard-count-assignments").TextContent);
        Assert.Equal("80%", page.Find(".dashboard-mfa").TextContent);
        Assert.Contains("3 user(s) with an expired password", page.Find(".dashboard-expired").TextContent, StringComparison.Ordinal);
        Assert.Contains("older than 90 days", page.Find(".dashboard-old").TextContent, StringComparison.Ordinal);
        Assert.Contains("55 successful and 6 failed", page.Markup, StringComparison.Ordinal);
        Assert.Contains("CreateUser", page.Find(".dashboard-event").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_Confirmed_CallsSeederAndShowsDemoUsers()
    {
        await using var access = new AccessTestContext();
        var dialogs = access.RenderProviders();
        var page = access.Context.Render<DashboardPage>();

        page.Find("#workshop-seed").Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal([false], access.Workshop.Seeds));
        page.WaitForAssertion(() => Assert.Contains("Demo organization seeded: o-demo, 6 accounts", page.Find(".workshop-result").TextContent, StringComparison.Ordinal));
        Assert.Contains("Demo#Pass-1", page.Find(".workshop-users").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_Cancelled_DoesNothing()
    {
        await using var access = new AccessTestContext();
        var dialogs = access.RenderProviders();
        var page = access.Context.Render<DashboardPage>();

        page.Find("#workshop-reset").Click();
        dialogs.WaitForElement(".confirm-dialog-cancel").Click();

        Assert.Empty(access.Workshop.Seeds);
    }

    [Fact]
    public async Task Seed_AlreadySeeded_ShowsReason()
    {
        await using var access = new AccessTestContext();
        access.Workshop.NextFailure = IdentityCenter.Core.Directory.OperationResult.Conflict("", "Demo data already exists; use Reset demo data.");
        var dialogs = access.RenderProviders();
        var page = access.Context.Render<DashboardPage>();

        page.Find("#workshop-seed").Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        page.WaitForAssertion(() => Assert.Contains("already exists", page.Find(".workshop-error").TextContent, StringComparison.Ordinal));
    }
}
