using Bunit;
using IdentityCenter.Core.Audit;
using IdentityCenter.Web.Components.Pages.Admin.Audit;
using IdentityCenter.Web.Tests.Fakes;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Audit;

public sealed class AuditLogPageTests
{
    private static AdminTestContext WithEvents()
    {
        var admin = new AdminTestContext();
        var now = admin.Clock.Now;
        admin.Audit.Events.Add(FakeAuditLog.NewEvent(AuditEventNames.CreateUser, now.AddHours(-2), target: "alice"));
        admin.Audit.Events.Add(FakeAuditLog.NewEvent(AuditEventNames.CredentialVerification, now.AddHours(-1), userName: "bob", errorCode: "InvalidPassword"));
        admin.Audit.Events.Add(FakeAuditLog.NewEvent(AuditEventNames.DeleteGroup, now.AddDays(-20)));
        return admin;
    }

    private static IRenderedComponent<AuditLogPage> Render(AdminTestContext admin, string? user = null)
    {
        admin.RenderProviders();
        if (user is not null)
        {
            admin.Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/admin/audit?user=" + Uri.EscapeDataString(user));
        }

        var page = admin.Context.Render<AuditLogPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(admin.Audit.Queries));
        return page;
    }

    [Fact]
    public async Task Render_Default_QueriesLastSevenDaysFirstPageOf50()
    {
        await using var admin = WithEvents();

        var page = Render(admin);

        var query = admin.Audit.Queries[^1];
        Assert.Equal(admin.Clock.Now.AddDays(-7), query.From);
        Assert.Null(query.To);
        Assert.Null(query.EventName);
        Assert.Null(query.User);
        Assert.Null(query.Outcome);
        Assert.Equal((0, 50), (query.PageIndex, query.PageSize));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".audit-grid tbody tr.mud-table-row").Count));
        Assert.Contains("InvalidPassword", page.Find(".audit-error-code").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_EventNameOutcomeAndRange_AreSentToTheServer()
    {
        await using var admin = WithEvents();
        var page = Render(admin);

        await page.InvokeAsync(() => page.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync(AuditEventNames.CredentialVerification));
        page.WaitForAssertion(() => Assert.Equal(AuditEventNames.CredentialVerification, admin.Audit.Queries[^1].EventName));
        await page.InvokeAsync(() => page.FindComponent<MudSelect<AuditLogPage.OutcomeFilter>>().Instance.ValueChanged.InvokeAsync(AuditLogPage.OutcomeFilter.Failure));
        page.WaitForAssertion(() => Assert.Equal(AuditOutcome.Failure, admin.Audit.Queries[^1].Outcome));
        await page.InvokeAsync(() => page.FindComponent<MudSelect<AuditLogPage.TimeRange>>().Instance.ValueChanged.InvokeAsync(AuditLogPage.TimeRange.LastHour));

        page.WaitForAssertion(() => Assert.Equal(admin.Clock.Now.AddHours(-1), admin.Audit.Queries[^1].From));
        var last = admin.Audit.Queries[^1];
        Assert.Equal((AuditEventNames.CredentialVerification, AuditOutcome.Failure), (last.EventName, last.Outcome));
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".audit-grid tbody tr.mud-table-row")));
    }

    [Fact]
    public async Task Filters_UserTyped_IsSentAfterDebounce()
    {
        await using var admin = WithEvents();
        var page = Render(admin);

        page.Find(".audit-user input").Input("bob");

        page.WaitForAssertion(() => Assert.Equal("bob", admin.Audit.Queries[^1].User), TimeSpan.FromSeconds(3));
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".audit-grid tbody tr.mud-table-row")));
    }

    [Fact]
    public async Task Render_UserInQueryString_FiltersByUserOverAllTime()
    {
        await using var admin = WithEvents();

        var page = Render(admin, user: "alice");

        var query = admin.Audit.Queries[^1];
        Assert.Equal("alice", query.User);
        Assert.Null(query.From);
        Assert.Equal("alice", page.Find(".audit-user input").GetAttribute("value"));
    }

    [Fact]
    public async Task ExportLinks_CarryTheCurrentFilters()
    {
        await using var admin = WithEvents();
        var page = Render(admin);

        await page.InvokeAsync(() => page.FindComponent<MudSelect<AuditLogPage.OutcomeFilter>>().Instance.ValueChanged.InvokeAsync(AuditLogPage.OutcomeFilter.Success));

        page.WaitForAssertion(() => Assert.Contains("outcome=Success", page.Find("a.audit-export-csv").GetAttribute("href"), StringComparison.Ordinal));
        var csv = page.Find("a.audit-export-csv").GetAttribute("href")!;
        var jsonl = page.Find("a.audit-export-jsonl").GetAttribute("href")!;
        Assert.StartsWith("/admin/audit/export?format=csv&from=2026-05-25T12%3A00%3A00.0000000%2B00%3A00", csv, StringComparison.Ordinal);
        Assert.StartsWith("/admin/audit/export?format=jsonl&", jsonl, StringComparison.Ordinal);
        Assert.True(page.Find("a.audit-export-csv").HasAttribute("download"));
    }

    [Fact]
    public async Task ExpandRow_ShowsCloudTrailShapedJson()
    {
        await using var admin = WithEvents();
        var page = Render(admin);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".audit-grid tbody tr.mud-table-row").Count));
        Assert.Empty(page.FindAll(".audit-json"));

        page.FindAll(".audit-grid tbody tr.mud-table-row")[0].QuerySelector("button")!.Click();

        page.WaitForAssertion(() => Assert.Contains("\"eventName\": \"CredentialVerification\"", page.Find(".audit-json").TextContent, StringComparison.Ordinal));
        var json = page.Find(".audit-json").TextContent;
        Assert.Contains("\"userIdentity\"", json, StringComparison.Ordinal);
        Assert.Contains("\"errorCode\": \"InvalidPassword\"", json, StringComparison.Ordinal);
        Assert.Contains("\"sourceIPAddress\": \"10.0.0.1\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_DatabaseDown_SaysTheLogCouldNotBeRead()
    {
        await using var admin = WithEvents();
        admin.Audit.QueryFailure = new TimeoutException("database timeout");

        var page = Render(admin);

        page.WaitForAssertion(() => Assert.Equal("The audit log could not be read. Try again in a moment.", page.Find(".audit-filter-error").TextContent.Trim()));
    }
}
