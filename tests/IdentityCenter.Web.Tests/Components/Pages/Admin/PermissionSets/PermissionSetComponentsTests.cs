using Bunit;
using IdentityCenter.Core;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Web.Components.Pages.Admin.PermissionSets;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.PermissionSets;

/// <summary>The sections the permission set page is made of, each on its own, and the form model they share.</summary>
public sealed class PermissionSetComponentsTests
{
    [Fact]
    public async Task DetailsFields_PresetAndTypedValues_LandInTheForm_NameReadOnlyOnceCreated()
    {
        await using var access = new AccessTestContext();
        var form = new PermissionSetForm { Name = "ReadOnly" };
        var fields = access.Context.Render<PermissionSetDetailsFields>(p => p.Add(f => f.Form, form).Add(f => f.IsNew, false));

        fields.FindAll(".ps-duration-preset").First(b => b.TextContent.Trim() == "PT8H").Click();
        fields.Find("input#ps-relay-state").Change("https://console.aws.amazon.com/s3");

        Assert.Equal("PT8H", form.SessionDuration);
        Assert.Equal("https://console.aws.amazon.com/s3", form.RelayState);
        Assert.True(fields.Find("input#ps-name").HasAttribute("readonly"));
        Assert.Contains("cannot change after creation", fields.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DetailsFields_ErrorsOfItsFields_ShowNextToThem()
    {
        await using var access = new AccessTestContext();
        var fields = access.Context.Render<PermissionSetDetailsFields>(p => p
            .Add(f => f.Form, new PermissionSetForm())
            .Add(f => f.IsNew, true)
            .Add(f => f.Errors, [new FieldError("SessionDuration", "The session duration must be between PT1H (1 hour) and PT12H (12 hours).")]));

        Assert.Contains("between PT1H", fields.Find(".field-ps-session-duration .mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal);
        Assert.False(fields.Find("input#ps-name").HasAttribute("readonly"));
    }

    [Fact]
    public async Task PolicyAttachments_AddReference_AddsItOnce_DuplicateRefusedAtTheNameField()
    {
        await using var access = new AccessTestContext();
        access.RenderProviders();
        var form = new PermissionSetForm();
        var section = access.Context.Render<PermissionSetPolicyAttachments>(p => p.Add(f => f.Form, form));

        section.Find("input#ps-customer-name").Change("TeamBoundary");
        section.Find("#ps-customer-add").Click();
        section.WaitForElement(".ps-customer-list");
        Assert.Equal([new CustomerManagedPolicyReference("TeamBoundary", "/")], form.CustomerManagedPolicyReferences);
        Assert.StartsWith("1 of", section.Find(".ps-policy-count").TextContent.Trim(), StringComparison.Ordinal);
        Assert.True(string.IsNullOrEmpty(section.Find("input#ps-customer-name").GetAttribute("value")));

        section.Find("input#ps-customer-name").Change("TeamBoundary");
        section.Find("#ps-customer-add").Click();

        section.WaitForAssertion(() => Assert.Contains("/TeamBoundary is already referenced.", section.Find(".mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal));
        Assert.Single(form.CustomerManagedPolicyReferences);
    }

    [Fact]
    public async Task PolicyAttachments_SaveRefusedAReference_ShowsWhyUnderTheList()
    {
        await using var access = new AccessTestContext();
        access.RenderProviders();
        var form = new PermissionSetForm { CustomerManagedPolicyReferences = { new("Missing", "/") } };
        var section = access.Context.Render<PermissionSetPolicyAttachments>(p => p
            .Add(f => f.Form, form)
            .Add(f => f.Errors, [new FieldError("CustomerManagedPolicyReferences[0]", "Missing does not exist in 222222222222.")]));

        Assert.Equal("Missing does not exist in 222222222222.", section.Find(".ps-customer-error").TextContent.Trim());
    }

    [Fact]
    public async Task BoundaryEditor_CustomerChosen_TypedNameBecomesTheBoundary_ErrorShownAtTheName()
    {
        await using var access = new AccessTestContext();
        access.RenderProviders();
        var form = new PermissionSetForm();
        var editor = access.Context.Render<PermissionsBoundaryEditor>(p => p
            .Add(f => f.Form, form)
            .Add(f => f.Errors, [new FieldError("PermissionsBoundary", "Choose the boundary policy, or select \"No boundary\".")]));
        Assert.Empty(editor.FindAll("input#ps-boundary-name"));

        editor.FindAll("#ps-boundary-kind input[type=radio]")[2].Click();
        editor.WaitForElement("input#ps-boundary-name").Change("Boundary");
        editor.Find("input#ps-boundary-path").Change("/team/");

        Assert.Equal(new CustomerManagedPolicyReference("Boundary", "/team/"), form.Boundary()?.CustomerManagedPolicyReference);
        Assert.Contains("Choose the boundary policy", editor.Find(".mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TagsEditor_AddedRows_AreInTheForm_RowErrorsShowAtTheirField()
    {
        await using var access = new AccessTestContext();
        var form = new PermissionSetForm();
        var editor = access.Context.Render<PermissionSetTagsEditor>(p => p.Add(f => f.Form, form));

        editor.Find("#ps-tag-add").Click();
        editor.Find(".ps-tag-key input").Change("team");
        editor.Find(".ps-tag-value input").Change("data");
        Assert.Equal([new PermissionSetTag("team", "data")], form.TagList());

        editor.Render(p => p.Add(f => f.Errors, [new FieldError("Tags[0].Key", "The tag key team is reserved."), new FieldError("Tags", "At most 50 tags.")]));

        Assert.Contains("is reserved", editor.Find(".ps-tag-key .mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal);
        Assert.Equal("At most 50 tags.", editor.Find(".ps-tags-error").TextContent.Trim());
        editor.Find("button[aria-label='Remove tag 1']").Click();
        Assert.Empty(form.Tags);
    }

    [Fact]
    public async Task ProvisioningPanel_FailsInOneAccount_NamesItAndTheReason_AndTellsThePage()
    {
        await using var access = new AccessTestContext();
        access.RenderProviders();
        var ps = access.PermissionSets.Add("ps-0000000000000001", "ReadOnly");
        access.PermissionSets.Provisioning[ps.Id].Add(new("222222222222", "Dev", ProvisioningStatus.LatestNotProvisioned, "AWSReservedSSO_ReadOnly_1", "arn", 1, null, null));
        access.PermissionSets.Provisioning[ps.Id].Add(new("333333333333", "Prod", ProvisioningStatus.LatestNotProvisioned, "AWSReservedSSO_ReadOnly_2", "arn", 1, null, null));
        access.PermissionSets.ProvisioningFailures["333333333333"] = "The customer managed policy /TeamBoundary does not exist in 333333333333.";
        var provisioned = 0;
        var detail = (await access.PermissionSets.GetAsync(ps.Id))!;
        var panel = access.Context.Render<ProvisioningStatusPanel>(p => p
            .Add(f => f.Detail, detail)
            .Add(f => f.Provisioned, () => provisioned++));

        panel.Find("#ps-provision-all").Click();

        panel.WaitForAssertion(() => Assert.Equal(1, provisioned));
        var error = panel.Find(".ps-provision-error").TextContent;
        Assert.Contains("failed in 1 of 2 account(s)", error, StringComparison.Ordinal);
        Assert.Contains("333333333333: The customer managed policy /TeamBoundary does not exist", error, StringComparison.Ordinal);
        Assert.Equal([(ps.Id, (string?)null)], access.PermissionSets.Provisions);
    }

    [Fact]
    public async Task ProvisioningPanel_Refused_ShowsTheServicesMessage_PageNotReloaded()
    {
        await using var access = new AccessTestContext();
        access.RenderProviders();
        var ps = access.PermissionSets.Add("ps-0000000000000001", "ReadOnly");
        access.PermissionSets.Provisioning[ps.Id].Add(new("222222222222", "Dev", ProvisioningStatus.LatestNotProvisioned, "AWSReservedSSO_ReadOnly_1", "arn", 1, null, null));
        access.PermissionSets.NextFailure = OperationResult.Forbidden("You may not provision permission sets into 222222222222.");
        var provisioned = 0;
        var detail = (await access.PermissionSets.GetAsync(ps.Id))!;
        var panel = access.Context.Render<ProvisioningStatusPanel>(p => p
            .Add(f => f.Detail, detail)
            .Add(f => f.Provisioned, () => provisioned++));

        panel.Find(".ps-provision-account").Click();

        panel.WaitForAssertion(() => Assert.Equal("You may not provision permission sets into 222222222222.", panel.Find(".ps-provision-error").TextContent.Trim()));
        Assert.Equal(0, provisioned);
    }

    [Fact]
    public async Task Page_SaveRefused_FieldErrorAtItsField_OtherErrorAboveTheSaveButton()
    {
        await using var access = new AccessTestContext();
        access.RenderProviders();
        var ps = access.PermissionSets.Add("ps-0000000000000001", "ReadOnly");
        access.PermissionSets.NextFailure = OperationResult.Invalid(
            [new FieldError("Description", "The description may not contain control characters."), FieldError.General("The permission set was changed meanwhile: reload it.")]);
        var page = access.Context.Render<PermissionSetDetailPage>(p => p.Add(x => x.PermissionSetId, ps.Id));
        page.WaitForElement("#ps-save");

        page.Find("textarea#ps-description").Change("Look only");
        page.Find("#ps-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("control characters", page.Find(".field-ps-description .mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal));
        Assert.Equal("The permission set was changed meanwhile: reload it.", Assert.Single(page.FindAll("#ps-form .operation-error")).TextContent.Trim());
        Assert.False(page.Find("#ps-save").HasAttribute("disabled"));
    }

    [Fact]
    public void Form_FromSavedPermissionSet_RoundTripsIntoTheSameChanges()
    {
        var saved = new PermissionSet
        {
            Id = "ps-0000000000000001",
            Name = "ReadOnly",
            Description = "Look only",
            SessionDuration = TimeSpan.FromHours(4),
            ManagedPolicyArns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
            CustomerManagedPolicyReferences = [new("TeamRead", "/team/")],
            PermissionsBoundary = PermissionsBoundary.FromCustomerManagedPolicy(new("Boundary", "/")),
            Tags = [new("team", "data")],
        };

        var changes = PermissionSetForm.From(saved).ToChanges();

        Assert.Equal("Look only", changes.Description);
        Assert.Equal("PT4H", changes.SessionDuration);
        Assert.Equal(saved.ManagedPolicyArns, changes.ManagedPolicyArns);
        Assert.Equal(saved.CustomerManagedPolicyReferences, changes.CustomerManagedPolicyReferences);
        Assert.Equal(saved.PermissionsBoundary, changes.PermissionsBoundary);
        Assert.Equal(saved.Tags, changes.Tags);
        Assert.Empty(PermissionSetForm.From(saved).Validate(isNew: false));
    }

    [Fact]
    public void Form_Validate_BoundaryKindWithoutPolicy_AndTooManyPolicies_AreRefused()
    {
        var form = new PermissionSetForm
        {
            Name = "Ops",
            BoundaryKind = BoundaryKind.Managed,
            ManagedPolicyArns = Enumerable.Range(0, PermissionSetValidator.MaxAttachedPolicies + 1).Select(i => $"arn:aws:iam::aws:policy/P{i}").ToList(),
        };

        var errors = form.Validate(isNew: true);

        Assert.Contains(errors, e => e.Field == "PermissionsBoundary" && e.Message.Contains("No boundary", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "ManagedPolicyArns" && e.Message.Contains($"there are {PermissionSetValidator.MaxAttachedPolicies + 1}", StringComparison.Ordinal));
    }
}
