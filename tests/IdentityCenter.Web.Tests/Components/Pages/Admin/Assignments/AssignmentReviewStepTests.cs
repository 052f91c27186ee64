using Bunit;
using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Components.Pages.Admin.Assignments;
using IdentityCenter.Web.Tests.Fakes;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Assignments;

/// <summary>The wizard's review step on its own: the service's plan, then creating it and saying what was created.</summary>
public sealed class AssignmentReviewStepTests
{
    private static AccessTestContext Arrange()
    {
        var access = new AccessTestContext();
        access.Assignments.AccountNames["222222222222"] = "Dev";
        access.Assignments.AccountNames["333333333333"] = "Prod";
        access.Assignments.PermissionSetNames["ps-0000000000000001"] = "ReadOnly";
        access.Assignments.PrincipalNames["u-alice"] = "alice";
        access.Assignments.PrincipalNames["g-dev"] = "Developers";
        return access;
    }

    private static AssignmentSelection Selection()
    {
        var selection = new AssignmentSelection();
        selection.AccountIds.Add("222222222222");
        selection.AccountIds.Add("333333333333");
        selection.Choose(PrincipalType.User, "u-alice", "alice");
        selection.Choose(PrincipalType.Group, "g-dev", "Developers");
        selection.PermissionSetIds.Add("ps-0000000000000001");
        return selection;
    }

    private sealed class Calls
    {
        public int Back { get; set; }

        public int StartOver { get; set; }

        public List<AssignmentBatchResult> Created { get; } = [];
    }

    private static IRenderedComponent<AssignmentReviewStep> Render(AccessTestContext access, AssignmentSelection selection, Calls calls)
    {
        access.RenderProviders();
        return access.Context.Render<AssignmentReviewStep>(p => p
            .Add(s => s.Selection, selection)
            .Add(s => s.Back, () => calls.Back++)
            .Add(s => s.StartOver, () => calls.StartOver++)
            .Add(s => s.Created, (AssignmentBatchResult r) => calls.Created.Add(r)));
    }

    [Fact]
    public async Task Render_ShowsThePlan_WhatWillBeCreatedAndWhatExistsAlready()
    {
        await using var access = Arrange();
        access.Assignments.Store.Add(access.Assignments.Info("333333333333", "ps-0000000000000001", PrincipalType.Group, "g-dev"));

        var step = Render(access, Selection(), new Calls());

        step.WaitForAssertion(() => Assert.Equal(3, step.FindAll(".wizard-review-row").Count));
        Assert.Contains("3 assignment(s) will be created; 1 exist already and are skipped", step.Find(".wizard-review-summary").TextContent, StringComparison.Ordinal);
        Assert.Contains("Already assigned", step.Find(".wizard-existing-row").TextContent, StringComparison.Ordinal);
        Assert.All(step.FindAll(".wizard-review-row .wizard-result"), r => Assert.Equal("To create", r.TextContent.Trim()));
        Assert.Equal("Assignments to create", step.Find(".wizard-review").GetAttribute("aria-label"));
        Assert.False(step.Find("#wizard-create").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Create_Succeeded_SaysWhatWasCreated_NotWhatWillBe()
    {
        await using var access = Arrange();
        var calls = new Calls();
        var step = Render(access, Selection(), calls);
        step.WaitForElement(".wizard-review-row");

        step.Find("#wizard-create").Click();

        step.WaitForAssertion(() => Assert.Contains("Created 4 assignment(s)", step.Find(".wizard-done").TextContent, StringComparison.Ordinal));
        Assert.Equal(4, access.Assignments.Store.Count);
        Assert.All(step.FindAll(".wizard-review-row .wizard-result"), r => Assert.Contains("Created · provisioned", r.TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("will be created", step.Markup, StringComparison.Ordinal);
        Assert.Empty(step.FindAll(".wizard-review-summary"));
        Assert.Equal("Assignments created", step.Find(".wizard-review").GetAttribute("aria-label"));
        Assert.Empty(step.FindAll("#wizard-create"));
        Assert.True(step.Find("#wizard-back").HasAttribute("disabled"));
        Assert.Equal(4, Assert.Single(calls.Created).Created.Count);
        Assert.Empty(step.FindAll(".wizard-error"));

        step.Find("#wizard-again").Click();
        Assert.Equal(1, calls.StartOver);
    }

    [Fact]
    public async Task Create_Refused_ShowsTheServicesMessage_CreatesNothing_AndCanBeSubmittedAgain()
    {
        await using var access = Arrange();
        access.Assignments.NextFailure = OperationResult.Invalid("", "Account 222222222222 is suspended.");
        var calls = new Calls();
        var step = Render(access, Selection(), calls);
        step.WaitForElement(".wizard-review-row");

        step.Find("#wizard-create").Click();

        step.WaitForAssertion(() => Assert.Equal("Nothing was created: Account 222222222222 is suspended.", step.Find(".wizard-error").TextContent.Trim()));
        Assert.Empty(access.Assignments.Store);
        Assert.Empty(calls.Created);
        Assert.Empty(step.FindAll(".wizard-done"));
        Assert.Contains("will be created", step.Find(".wizard-review-summary").TextContent, StringComparison.Ordinal);
        Assert.False(step.Find("#wizard-create").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Create_DatabaseDown_ShowsTheOperationFailure_AndCreatesNothing()
    {
        await using var access = Arrange();
        var calls = new Calls();
        var step = Render(access, Selection(), calls);
        step.WaitForElement(".wizard-review-row");
        access.Assignments.StorageFailure = new TimeoutException("database timeout");

        step.Find("#wizard-create").Click();

        step.WaitForAssertion(() => Assert.Equal(AdminErrors.Unavailable, step.Find(".wizard-error").TextContent.Trim()));
        Assert.Contains("operation-error", step.Find(".wizard-error").ClassName, StringComparison.Ordinal);
        Assert.Empty(access.Assignments.Store);
        Assert.Empty(calls.Created);
        Assert.Empty(step.FindAll(".wizard-done"));
    }

    [Fact]
    public async Task Plan_DatabaseDown_ShowsTheFailure_AndNothingToSubmit()
    {
        await using var access = Arrange();
        access.Assignments.StorageFailure = new TimeoutException("database timeout");

        var step = Render(access, Selection(), new Calls());

        step.WaitForAssertion(() => Assert.Equal(AdminErrors.Unavailable, step.Find(".wizard-error").TextContent.Trim()));
        Assert.Empty(step.FindAll(".wizard-review-row"));
        Assert.True(step.Find("#wizard-create").HasAttribute("disabled"));
        Assert.Empty(access.Assignments.Applied);
    }

    [Fact]
    public async Task Back_CallsTheWizard()
    {
        await using var access = Arrange();
        var calls = new Calls();
        var step = Render(access, Selection(), calls);
        step.WaitForElement(".wizard-review-row");

        step.Find("#wizard-back").Click();

        Assert.Equal(1, calls.Back);
    }
}
