using Bunit;
using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Web.Components.Pages.Admin.PermissionSets;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.PermissionSets;

public sealed class PermissionSetDetailPageTests
{
    private static IRenderedComponent<PermissionSetDetailPage> Render(AccessTestContext access, string id = "new")
    {
        access.RenderProviders();
        var page = access.Context.Render<PermissionSetDetailPage>(p => p.Add(x => x.PermissionSetId, id));
        page.WaitForElement("#ps-save");
        return page;
    }

    [Fact]
    public async Task Create_InvalidFields_ShowMessagesQuotingLimitsAndDoesNotCallService()
    {
        await using var access = new AccessTestContext();
        var page = Render(access);

        page.Find("input#ps-name").Change(new string('a', 33));
        page.Find("textarea#ps-description").Change(new string('d', 701));
        page.Find("input#ps-session-duration").Change("PT13H");
        page.Find("input#ps-relay-state").Change(new string('r', 241));
        page.Find("#ps-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("1-32 characters", page.Markup, StringComparison.Ordinal));
        var markup = page.Markup;
        Assert.Contains("1-32 characters", markup, StringComparison.Ordinal);
        Assert.Contains("at most 700 characters", markup, StringComparison.Ordinal);
        Assert.Contains("between PT1H (1 hour) and PT12H (12 hours)", markup, StringComparison.Ordinal);
        Assert.Contains("1-240 characters", markup, StringComparison.Ordinal);
        Assert.Empty(access.PermissionSets.CreatedInputs);
    }

    [Fact]
    public async Task Create_Pt4hPresetAndManagedPolicy_CreatesAndOpensIt()
    {
        await using var access = new AccessTestContext();
        var page = Render(access);
        var navigation = access.Context.Services.GetRequiredService<NavigationManager>();

        page.Find("input#ps-name").Change("DataEngineer");
        page.FindAll(".ps-duration-preset").First(b => b.TextContent.Trim() == "PT4H").Click();
        page.WaitForAssertion(() => Assert.Equal("PT4H", page.Find("input#ps-session-duration").GetAttribute("value")));
        page.Find("input#ps-customer-name").Change("TeamBoundary");
        page.Find("#ps-customer-add").Click();
        page.WaitForElement(".ps-customer-list");
        page.Find("#ps-form").Submit();

        page.WaitForAssertion(() => Assert.Single(access.PermissionSets.CreatedInputs));
        var input = access.PermissionSets.CreatedInputs[0];
        Assert.Equal("DataEngineer", input.Name);
        Assert.Equal("PT4H", input.SessionDuration);
        Assert.Equal([new CustomerManagedPolicyReference("TeamBoundary", "/")], input.CustomerManagedPolicyReferences);
        Assert.Null(input.InlinePolicy);
        Assert.EndsWith("/admin/permission-sets/" + access.PermissionSets.Store[0].Id, navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ManagedPoliciesAndBoundaryPickedByTypeAhead_AreSaved()
    {
        await using var access = new AccessTestContext();
        var page = Render(access);

        page.Find("input#ps-name").Change("DbAdmins");
        page.Find("input#ps-managed-policies").Input("DatabaseAdmin");
        page.WaitForElement("#ps-managed-policies-results [role=option]");
        page.Find("input#ps-managed-policies").KeyDown("Enter");
        page.Find("input#ps-managed-policies").Input("AWSLambda_Full");
        page.WaitForElement("#ps-managed-policies-results [role=option]").Click();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".ps-managed-chip").Count));
        page.FindAll("#ps-boundary-kind input[type=radio]")[1].Click();
        page.WaitForElement("input#ps-boundary-managed").Input("PowerUserAccess");
        page.WaitForElement("#ps-boundary-managed-results [role=option]").Click();
        page.Find("#ps-form").Submit();

        page.WaitForAssertion(() => Assert.Single(access.PermissionSets.CreatedInputs));
        var input = access.PermissionSets.CreatedInputs[0];
        Assert.Equal(
            ["arn:aws:iam::aws:policy/job-function/DatabaseAdministrator", "arn:aws:iam::aws:policy/AWSLambda_FullAccess"],
            input.ManagedPolicyArns);
        Assert.Equal("arn:aws:iam::aws:policy/PowerUserAccess", input.PermissionsBoundary?.ManagedPolicyArn);
    }

    [Fact]
    public async Task Create_TypedPt4h_IsAccepted()
    {
        await using var access = new AccessTestContext();
        var page = Render(access);

        page.Find("input#ps-name").Change("Ops");
        page.Find("input#ps-session-duration").Change("pt4h");
        page.Find("#ps-form").Submit();

        page.WaitForAssertion(() => Assert.Equal("PT4H", Assert.Single(access.PermissionSets.CreatedInputs).SessionDuration));
        Assert.DoesNotContain("PT12H (12 hours)", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_InvalidInlinePolicy_IsRefusedWithPointer()
    {
        await using var access = new AccessTestContext();
        var page = Render(access);

        page.Find("input#ps-name").Change("Ops");
        page.Find("#ps-inline-text").Input("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\"}]}");
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#ps-inline .policy-editor-finding-error")));
        page.Find("#ps-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("inline policy has errors", page.Find("#ps-inline .policy-editor-external-error").TextContent, StringComparison.Ordinal));
        Assert.Empty(access.PermissionSets.CreatedInputs);
    }

    [Fact]
    public async Task Edit_ChangeDurationAndReprovision_SavesTheFormOnceAndProvisions()
    {
        await using var access = new AccessTestContext();
        var ps = access.PermissionSets.Add("ps-0000000000000001", "ReadOnly", "Look only");
        access.PermissionSets.Provisioning[ps.Id].Add(new(
            "222222222222", "Dev", ProvisioningStatus.LatestNotProvisioned, "AWSReservedSSO_ReadOnly_0123456789abcdef", "arn", 1, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), null));
        var page = Render(access, ps.Id);

        page.Find("input#ps-session-duration").Change("PT8H");
        page.Find("#ps-form").Submit();
        page.WaitForAssertion(() => Assert.Equal("PT8H", Assert.Single(access.PermissionSets.Saves).Changes.SessionDuration));

        page.FindAll(".mud-tab").First(t => t.TextContent.Contains("Accounts", StringComparison.Ordinal)).Click();
        page.WaitForElement("#ps-provision-all").Click();
        page.WaitForAssertion(() => Assert.Equal([(ps.Id, (string?)null)], access.PermissionSets.Provisions));
        page.WaitForAssertion(() => Assert.Contains("Provisioned", page.Find(".ps-account-status").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_StillAssigned_OffersToRemoveAssignments()
    {
        await using var access = new AccessTestContext();
        var ps = access.PermissionSets.Add("ps-0000000000000001", "ReadOnly");
        access.Assignments.PrincipalNames["g-dev"] = "Developers";
        access.Assignments.AccountNames["222222222222"] = "Dev";
        access.Assignments.Store.Add(access.Assignments.Info("222222222222", ps.Id, PrincipalType.Group, "g-dev"));
        var dialogs = access.Context.Render<MudBlazor.MudDialogProvider>();
        var page = Render(access, ps.Id);

        page.Find("#ps-delete").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Developers in Dev", dialogs.Find(".confirm-dialog-message").TextContent, StringComparison.Ordinal));
        Assert.Contains("Remove assignments and delete", dialogs.Find(".confirm-dialog-confirm").TextContent, StringComparison.Ordinal);
        dialogs.Find(".confirm-dialog-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal([(ps.Id, true)], access.PermissionSets.Deletes));
    }
}
