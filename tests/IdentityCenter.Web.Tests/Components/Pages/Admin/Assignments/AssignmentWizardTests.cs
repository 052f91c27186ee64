using Bunit;
using IdentityCenter.Core.Assignments;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Web.Components.Pages.Admin.Assignments;
using IdentityCenter.Web.Tests.Fakes;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Assignments;

public sealed class AssignmentWizardTests
{
    private static AccessTestContext Arrange()
    {
        var access = new AccessTestContext();
        access.Organization.AddAccount("222222222222", "Dev", FakeOrganizationService.RootId);
        access.Organization.AddAccount("333333333333", "Prod", FakeOrganizationService.RootId);
        access.PermissionSets.Add("ps-0000000000000001", "ReadOnly");
        access.PermissionSets.Add("ps-0000000000000002", "PowerUser");
        access.Users.Store.Add(FakeUserDirectoryService.NewUser("u-alice", "alice", "Alice"));
        access.Groups.AddGroup("g-dev", "Developers");
        foreach (var (id, name) in new[] { ("222222222222", "Dev"), ("333333333333", "Prod") })
        {
            access.Assignments.AccountNames[id] = name;
        }

        access.Assignments.PermissionSetNames["ps-0000000000000001"] = "ReadOnly";
        access.Assignments.PermissionSetNames["ps-0000000000000002"] = "PowerUser";
        access.Assignments.PrincipalNames["u-alice"] = "alice";
        access.Assignments.PrincipalNames["g-dev"] = "Developers";
        return access;
    }

    private static void Check(IRenderedComponent<AssignmentWizard> page, string selector, string labelContains) =>
        page.FindAll(selector).First(e => e.TextContent.Contains(labelContains, StringComparison.Ordinal)).QuerySelector("input")!.Change(true);

    [Fact]
    public async Task Next_WithoutSelection_StaysAndSaysWhatIsMissing()
    {
        await using var access = Arrange();
        access.RenderProviders();
        var page = access.Context.Render<AssignmentWizard>();

        page.Find("#wizard-next").Click();

        page.WaitForAssertion(() => Assert.Contains("Select at least one account", page.Find(".wizard-step-error").TextContent, StringComparison.Ordinal));
        Assert.Equal("Select AWS accounts", page.Find("#wizard-step-title").TextContent);
    }

    [Fact]
    public async Task Wizard_AccountsPrincipalsPermissionSets_ReviewsAndCreatesEachCombination()
    {
        await using var access = Arrange();
        access.Assignments.Store.Add(access.Assignments.Info("333333333333", "ps-0000000000000001", PrincipalType.Group, "g-dev"));
        access.RenderProviders();
        var page = access.Context.Render<AssignmentWizard>();

        Check(page, ".wizard-account", "Dev (222222222222)");
        Check(page, ".wizard-account", "Prod (333333333333)");
        page.Find("#wizard-next").Click();
        page.WaitForAssertion(() => Assert.Equal("Select users and groups", page.Find("#wizard-step-title").TextContent));

        page.Find("input#wizard-user-search").Input("ali");
        page.WaitForElement(".wizard-user-add").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".wizard-selected-principal")));
        page.Find("input#wizard-group-search").Input("Dev");
        page.WaitForElement(".wizard-group-add").Click();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".wizard-selected-principal").Count));
        page.Find("#wizard-next").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".wizard-permission-set")));
        Check(page, ".wizard-permission-set", "ReadOnly");
        page.Find("#wizard-next").Click();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll(".wizard-review-row").Count));
        Assert.Single(page.FindAll(".wizard-existing-row"));
        Assert.Contains("3 assignment(s) will be created", page.Find(".wizard-review-summary").TextContent, StringComparison.Ordinal);

        page.Find("#wizard-create").Click();

        page.WaitForAssertion(() => Assert.Single(access.Assignments.Applied));
        var applied = access.Assignments.Applied[0];
        Assert.Equal(["222222222222", "333333333333"], applied.Accounts.Order(StringComparer.Ordinal));
        Assert.Equal([(PrincipalType.User, "u-alice"), (PrincipalType.Group, "g-dev")], applied.Principals);
        Assert.Equal(["ps-0000000000000001"], applied.PermissionSets);
        page.WaitForAssertion(() => Assert.Contains("Created 3 assignment(s)", page.Find(".wizard-done").TextContent, StringComparison.Ordinal));
        Assert.All(page.FindAll(".wizard-review-row .wizard-result"), r => Assert.Contains("Created · provisioned", r.TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("will be created", page.Markup, StringComparison.Ordinal);
        Assert.Equal(4, access.Assignments.Store.Count);
    }

    [Fact]
    public async Task Back_FromReview_KeepsSelections()
    {
        await using var access = Arrange();
        access.RenderProviders();
        var page = access.Context.Render<AssignmentWizard>();

        Check(page, ".wizard-account", "Dev (222222222222)");
        page.Find("#wizard-next").Click();
        page.WaitForAssertion(() => Assert.Equal("Select users and groups", page.Find("#wizard-step-title").TextContent));
        page.Find("#wizard-back").Click();

        page.WaitForAssertion(() => Assert.Equal("Select AWS accounts", page.Find("#wizard-step-title").TextContent));
        Assert.Contains("1 account(s) selected", page.Find(".wizard-selected-count").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_Refused_ShowsMessageAndCreatesNothing()
    {
        await using var access = Arrange();
        access.Assignments.NextFailure = IdentityCenter.Core.Directory.OperationResult.Invalid("", "Account 222222222222 is suspended.");
        access.RenderProviders();
        access.Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/admin/assignments/new?accountId=222222222222&permissionSetId=ps-0000000000000002");
        var page = access.Context.Render<AssignmentWizard>();

        page.Find("#wizard-next").Click();
        page.WaitForElement("input#wizard-group-search").Input("Dev");
        page.WaitForElement(".wizard-group-add").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".wizard-selected-principal")));
        page.Find("#wizard-next").Click();
        page.WaitForElement(".wizard-permission-set");
        page.Find("#wizard-next").Click();
        page.WaitForElement("#wizard-create").Click();

        page.WaitForAssertion(() => Assert.Contains("Nothing was created: Account 222222222222 is suspended.", page.Find(".wizard-error").TextContent, StringComparison.Ordinal));
        Assert.Empty(access.Assignments.Store);
    }

    [Fact]
    public async Task BackAndNext_ThroughEveryStep_KeepEverySelection_AndTheReviewPlansThemAgain()
    {
        await using var access = Arrange();
        access.RenderProviders();
        var page = access.Context.Render<AssignmentWizard>();

        Check(page, ".wizard-account", "Prod (333333333333)");
        page.Find("#wizard-next").Click();
        page.Find("input#wizard-user-search").Input("ali");
        page.WaitForElement(".wizard-user-add").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".wizard-selected-principal")));
        page.Find("#wizard-next").Click();
        page.WaitForElement(".wizard-permission-set");
        Check(page, ".wizard-permission-set", "PowerUser");
        page.Find("#wizard-next").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".wizard-review-row")));

        page.Find("#wizard-back").Click();
        page.WaitForAssertion(() => Assert.Equal("Select permission sets", page.Find("#wizard-step-title").TextContent));
        Assert.True(page.FindAll(".wizard-permission-set").First(e => e.TextContent.Contains("PowerUser", StringComparison.Ordinal)).QuerySelector("input")!.HasAttribute("checked"));
        Check(page, ".wizard-permission-set", "ReadOnly");
        page.Find("#wizard-back").Click();
        page.WaitForAssertion(() => Assert.Equal("Select users and groups", page.Find("#wizard-step-title").TextContent));
        Assert.Contains("alice", page.Find(".wizard-selected-principal").TextContent, StringComparison.Ordinal);
        page.Find("#wizard-back").Click();
        page.WaitForAssertion(() => Assert.Equal("Select AWS accounts", page.Find("#wizard-step-title").TextContent));
        Assert.Equal("1 account(s) selected", page.Find(".wizard-selected-count").TextContent.Trim());

        page.Find("#wizard-next").Click();
        page.Find("#wizard-next").Click();
        page.Find("#wizard-next").Click();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".wizard-review-row").Count));
        Assert.Equal(["PowerUser", "ReadOnly"], page.FindAll(".wizard-review-row td:nth-child(4)").Select(c => c.TextContent).Order(StringComparer.Ordinal));
        Assert.Equal("step", page.Find(".wizard-step-4").GetAttribute("aria-current"));
    }

    [Fact]
    public async Task AssignMore_AfterCreating_StartsAtUsersAndGroups_KeepingAccountsAndPermissionSets()
    {
        await using var access = Arrange();
        access.RenderProviders();
        access.Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/admin/assignments/new?accountId=222222222222&permissionSetId=ps-0000000000000001");
        var page = access.Context.Render<AssignmentWizard>();
        page.Find("#wizard-next").Click();
        page.Find("input#wizard-group-search").Input("Dev");
        page.WaitForElement(".wizard-group-add").Click();
        page.Find("#wizard-next").Click();
        page.Find("#wizard-next").Click();
        page.WaitForElement("#wizard-create").Click();
        page.WaitForElement(".wizard-done");

        page.Find("#wizard-again").Click();

        page.WaitForAssertion(() => Assert.Equal("Select users and groups", page.Find("#wizard-step-title").TextContent));
        Assert.Empty(page.FindAll(".wizard-selected-principal"));
        page.Find("input#wizard-user-search").Input("ali");
        page.WaitForElement(".wizard-user-add").Click();
        page.Find("#wizard-next").Click();
        page.Find("#wizard-next").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".wizard-review-row")));
        Assert.Contains("alice", page.Find(".wizard-review-row").TextContent, StringComparison.Ordinal);
        Assert.Contains("Dev (222222222222)", page.Find(".wizard-review-row").TextContent, StringComparison.Ordinal);
        Assert.Contains("ReadOnly", page.Find(".wizard-review-row").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_DatabaseDown_ShowsTheLoadFailure()
    {
        await using var access = Arrange();
        access.Organization.StorageFailure = new TimeoutException("database timeout");
        access.RenderProviders();

        var page = access.Context.Render<AssignmentWizard>();

        page.WaitForAssertion(() => Assert.Equal("The accounts and permission sets could not be loaded. Try again in a moment.", page.Find(".wizard-load-error").TextContent.Trim()));
        Assert.Equal("alert", page.Find(".wizard-load-error").GetAttribute("role"));
        Assert.Empty(page.FindAll(".wizard-account"));
    }
}
