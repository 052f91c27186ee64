using Bunit;
using IdentityCenter.Web.Components.Pages.Admin.Access;
using IdentityCenter.Web.Components.Pages.Admin.Assignments;
using IdentityCenter.Web.Components.Pages.Admin.Dashboard;
using IdentityCenter.Web.Components.Pages.Admin.Organization;
using IdentityCenter.Web.Components.Pages.Admin.PermissionSets;
using IdentityCenter.Web.Components.Pages.Admin.Policies;
using IdentityCenter.Web.Components.Pages.Admin.Simulator;
using Microsoft.AspNetCore.Components;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin;

/// <summary>
/// Every page load goes through the one mechanism (<c>OperationState.TryAsync</c>): when the database does not answer,
/// the page shows its own message as an alert (<c>OperationErrors</c>) instead of failing.
/// </summary>
public sealed class PageLoadFailureTests
{
    public static TheoryData<string, string> Pages => new()
    {
        { nameof(OrganizationPage), "The organization could not be loaded. Try again in a moment." },
        { nameof(ServiceControlPoliciesPage), "The policies could not be loaded. Try again in a moment." },
        { nameof(AccountAssignmentsPage), "The assignments could not be loaded. Try again in a moment." },
        { nameof(AssignmentWizard), "The accounts and permission sets could not be loaded. Try again in a moment." },
        { nameof(UserEffectiveAccess), "The user's access could not be loaded. Try again in a moment." },
        { nameof(EffectiveAccessMatrixPage), "The filters could not be loaded. Try again in a moment." },
        { nameof(AccessControlAttributesPage), "The attributes could not be loaded. Try again in a moment." },
        { nameof(DashboardPage), "The dashboard figures could not be loaded. Try again in a moment." },
        { nameof(PermissionSetsPage), "The permission sets could not be loaded. Try again in a moment." },
        { nameof(PermissionSetDetailPage), "The permission set could not be loaded. Try again in a moment." },
        { nameof(PoliciesPage), "The policies could not be loaded. Try again in a moment." },
        { nameof(SimulatorPage), "The accounts and permission sets could not be loaded; free mode still works." },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Render_DatabaseDown_ShowsThePagesMessageAsAnAlert(string page, string message)
    {
        await using var access = new AccessTestContext();
        access.PermissionSets.Add("ps-0000000000000001", "ReadOnly");
        var down = new TimeoutException("database timeout");
        access.Organization.StorageFailure = down;
        access.PermissionSets.StorageFailure = down;
        access.Assignments.StorageFailure = down;
        access.Attributes.StorageFailure = down;
        access.Dashboard.DashboardFailure = down;
        access.RenderProviders();

        Action check = page switch
        {
            nameof(OrganizationPage) => () => AssertShows(access.Context.Render<OrganizationPage>(), message),
            nameof(ServiceControlPoliciesPage) => () => AssertShows(access.Context.Render<ServiceControlPoliciesPage>(), message),
            nameof(AccountAssignmentsPage) => () => AssertShows(access.Context.Render<AccountAssignmentsPage>(p => p.Add(c => c.AccountId, "222222222222")), message),
            nameof(AssignmentWizard) => () => AssertShows(access.Context.Render<AssignmentWizard>(), message),
            nameof(UserEffectiveAccess) => () => AssertShows(access.Context.Render<UserEffectiveAccess>(p => p.Add(c => c.UserId, "u-alice")), message),
            nameof(EffectiveAccessMatrixPage) => () => AssertShows(access.Context.Render<EffectiveAccessMatrixPage>(), message),
            nameof(AccessControlAttributesPage) => () => AssertShows(access.Context.Render<AccessControlAttributesPage>(), message),
            nameof(DashboardPage) => () => AssertShows(access.Context.Render<DashboardPage>(), message),
            nameof(PermissionSetsPage) => () => AssertShows(access.Context.Render<PermissionSetsPage>(), message),
            nameof(PermissionSetDetailPage) => () => AssertShows(access.Context.Render<PermissionSetDetailPage>(p => p.Add(c => c.PermissionSetId, "ps-0000000000000001")), message),
            nameof(PoliciesPage) => () => AssertShows(access.Context.Render<PoliciesPage>(), message),
            nameof(SimulatorPage) => () => AssertShows(access.Context.Render<SimulatorPage>(), message),
            _ => throw new ArgumentOutOfRangeException(nameof(page), page, null),
        };

        check();
    }

    private static void AssertShows<TPage>(IRenderedComponent<TPage> rendered, string message)
        where TPage : IComponent =>
        rendered.WaitForAssertion(() => Assert.Contains(rendered.FindAll(".operation-error[role=alert]"), a => a.TextContent.Trim() == message));

    [Fact]
    public async Task EffectiveAccessMatrix_TableReadFails_ShowsTheMatrixMessage_AndANewReadClearsIt()
    {
        await using var access = new AccessTestContext();
        access.EffectiveAccess.StorageFailure = new TimeoutException("database timeout");
        access.RenderProviders();
        var page = access.Context.Render<EffectiveAccessMatrixPage>();

        page.WaitForAssertion(() => Assert.Equal("The matrix could not be loaded. Try again in a moment.", page.Find(".matrix-load-error").TextContent.Trim()));

        access.EffectiveAccess.StorageFailure = null;
        page.Find("input#matrix-search").Input("a");

        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".matrix-load-error")));
    }

    [Fact]
    public async Task UserEffectiveAccess_DetailsFail_ShowsWhyBelowTheTable_WhichStays()
    {
        await using var access = new AccessTestContext();
        access.Assignments.Effective.Add(new IdentityCenter.Infrastructure.Access.UserAssignmentInfo(
            "222222222222", "Dev", "ps-0000000000000001", "ReadOnly", true, []));
        access.RenderProviders();
        var panel = access.Context.Render<UserEffectiveAccess>(p => p.Add(c => c.UserId, "u-alice"));
        panel.WaitForElement(".user-effective-access-row");
        access.EffectiveAccess.StorageFailure = new TimeoutException("database timeout");

        panel.Find("#user-access-details").Click();

        panel.WaitForAssertion(() => Assert.Equal("The user's roles and policies could not be loaded. Try again in a moment.", panel.Find(".user-access-details-error").TextContent.Trim()));
        Assert.Single(panel.FindAll(".user-effective-access-row"));
    }
}
