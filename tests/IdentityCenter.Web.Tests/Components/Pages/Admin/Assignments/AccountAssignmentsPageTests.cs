using Bunit;
using IdentityCenter.Core.Assignments;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Web.Components.Pages.Admin.Assignments;
using IdentityCenter.Web.Tests.Fakes;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Assignments;

public sealed class AccountAssignmentsPageTests
{
    [Fact]
    public async Task Remove_Confirmed_DeletesThatAssignment()
    {
        await using var access = new AccessTestContext();
        access.Organization.AddAccount("222222222222", "Dev", FakeOrganizationService.RootId);
        access.Assignments.AccountNames["222222222222"] = "Dev";
        access.Assignments.PrincipalNames["g-dev"] = "Developers";
        access.Assignments.PrincipalNames["u-alice"] = "alice";
        access.Assignments.Store.Add(access.Assignments.Info("222222222222", "ps-1", PrincipalType.Group, "g-dev"));
        access.Assignments.Store.Add(access.Assignments.Info("222222222222", "ps-2", PrincipalType.User, "u-alice"));
        var dialogs = access.RenderProviders();
        var page = access.Context.Render<AccountAssignmentsPage>(p => p.Add(x => x.AccountId, "222222222222"));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".account-assignments tbody tr").Count));
        Assert.Contains("Dev (222222222222)", page.Find(".account-assignments-title").TextContent, StringComparison.Ordinal);
        page.FindAll(".assignment-remove")[1].Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal([new AssignmentRequest("222222222222", "ps-2", PrincipalType.User, "u-alice")], access.Assignments.Deleted));
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".account-assignments tbody tr")));
    }

    [Fact]
    public async Task Render_UnknownAccount_SaysNotFound()
    {
        await using var access = new AccessTestContext();
        access.RenderProviders();

        var page = access.Context.Render<AccountAssignmentsPage>(p => p.Add(x => x.AccountId, "999999999999"));

        Assert.Contains("Account not found", page.Markup, StringComparison.Ordinal);
    }
}
