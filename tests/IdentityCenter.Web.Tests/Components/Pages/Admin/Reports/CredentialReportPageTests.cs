using Bunit;
using IdentityCenter.Web.Components.Layout;
using IdentityCenter.Web.Components.Pages.Admin.Reports;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Reports;

public sealed class CredentialReportPageTests
{
    [Fact]
    public async Task Generate_ShowsPreviewRowsAndDownloadLink()
    {
        await using var access = new AccessTestContext();
        access.Dashboard.Report = new(
            ["user", "arn", "password_enabled", "mfa_active"],
            [["alice", "arn:aws:iam::111111111111:user/alice", "true", "true"], ["bob, jr", "arn:aws:iam::111111111111:user/bob", "false", "false"]]);
        access.RenderProviders();
        var page = access.Context.Render<CredentialReportPage>();

        page.Find("#credential-report-generate").Click();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".credential-report-table tbody tr").Count));
        Assert.Equal(["user", "arn", "password_enabled", "mfa_active"], page.FindAll(".credential-report-table th").Select(t => t.TextContent.Trim()));
        Assert.Contains("bob, jr", page.FindAll(".credential-report-table tbody tr")[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("/admin/reports/credentials.csv", page.Find("#credential-report-download").GetAttribute("href"));
    }

    [Fact]
    public async Task Generate_DatabaseTimeout_SaysTryAgainOnThePage()
    {
        await using var access = new AccessTestContext();
        access.Dashboard.ReportFailure = new TimeoutException("the command timed out");
        access.RenderProviders();
        var boundary = access.Context.Render<PageErrorBoundary>(p => p.AddChildContent<CredentialReportPage>());

        boundary.Find("#credential-report-generate").Click();

        boundary.WaitForAssertion(() => Assert.Contains("The report could not be generated. Try again in a moment.", boundary.Markup, StringComparison.Ordinal));
        Assert.Empty(boundary.FindAll(".page-error"));
    }

    [Fact]
    public async Task Generate_NotImplemented_IsAnErrorWithCorrelationIdNotTryAgain()
    {
        await using var access = new AccessTestContext();
        access.Dashboard.ReportFailure = new NotImplementedException();
        access.RenderProviders();
        var boundary = access.Context.Render<PageErrorBoundary>(p => p.AddChildContent<CredentialReportPage>());

        boundary.Find("#credential-report-generate").Click();

        var alert = boundary.WaitForElement(".page-error");
        Assert.Contains($"Error id {alert.GetAttribute("data-correlation-id")}", alert.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Try again", boundary.Markup, StringComparison.Ordinal);
    }
}
