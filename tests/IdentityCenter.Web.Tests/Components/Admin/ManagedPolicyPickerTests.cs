using Bunit;
using IdentityCenter.Core.Catalog;
using IdentityCenter.Web.Components.Admin;
using Microsoft.AspNetCore.Components;

namespace IdentityCenter.Web.Tests.Components.Admin;

/// <summary>The AWS managed policy type-ahead: search the whole catalogue, pick by mouse or keyboard, chips to remove and inspect.</summary>
public sealed class ManagedPolicyPickerTests
{
    private static IRenderedComponent<ManagedPolicyPicker> Render(BunitContext ctx, List<IReadOnlyList<string>> changes, IReadOnlyList<string>? value = null) =>
        ctx.Render<ManagedPolicyPicker>(p => p
            .Add(x => x.Value, value ?? [])
            .Add(x => x.ValueChanged, EventCallback.Factory.Create<IReadOnlyList<string>>(new object(), changes.Add)));

    [Fact]
    public async Task TypingDynamoDb_OffersAmazonDynamoDbFullAccess_ClickAttachesIt()
    {
        await using var ctx = BunitTestContext.Create();
        var changes = new List<IReadOnlyList<string>>();
        var picker = Render(ctx, changes);

        picker.Find("input#ps-managed-policies").Input("DynamoDB");

        var option = picker.WaitForElement("[role=option][data-arn='arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess']");
        Assert.Equal("combobox", picker.Find("input#ps-managed-policies").GetAttribute("role"));
        Assert.Equal("true", picker.Find("input#ps-managed-policies").GetAttribute("aria-expanded"));
        Assert.True(picker.FindAll("[role=option]").Count <= ManagedPolicyPicker.MaxResults);
        option.Click();

        Assert.Equal(["arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess"], Assert.Single(changes));
        Assert.Empty(picker.FindAll("[role=option]"));
        Assert.Contains("AmazonDynamoDBFullAccess", picker.Find(".ps-managed-chip").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypingDatabaseAdmin_OffersJobFunctionPolicyWithPathArn_EnterPicksIt()
    {
        await using var ctx = BunitTestContext.Create();
        var changes = new List<IReadOnlyList<string>>();
        var picker = Render(ctx, changes);
        var input = picker.Find("input#ps-managed-policies");

        input.Input("DatabaseAdmin");

        var first = picker.WaitForElement("[role=option]");
        Assert.Equal("arn:aws:iam::aws:policy/job-function/DatabaseAdministrator", first.GetAttribute("data-arn"));
        Assert.Contains("job-function/DatabaseAdministrator", first.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", first.GetAttribute("aria-selected"));
        picker.Find("input#ps-managed-policies").KeyDown("Enter");

        Assert.Equal(["arn:aws:iam::aws:policy/job-function/DatabaseAdministrator"], Assert.Single(changes));
    }

    [Fact]
    public async Task ArrowDown_MovesActiveOption()
    {
        await using var ctx = BunitTestContext.Create();
        var changes = new List<IReadOnlyList<string>>();
        var picker = Render(ctx, changes);

        picker.Find("input#ps-managed-policies").Input("AmazonS3");
        picker.WaitForElement("[role=option]");
        picker.Find("input#ps-managed-policies").KeyDown("ArrowDown");

        var options = picker.FindAll("[role=option]");
        Assert.Equal("false", options[0].GetAttribute("aria-selected"));
        Assert.Equal("true", options[1].GetAttribute("aria-selected"));
        Assert.Equal(options[1].Id, picker.Find("input#ps-managed-policies").GetAttribute("aria-activedescendant"));
        picker.Find("input#ps-managed-policies").KeyDown("Enter");
        Assert.Equal([options[1].GetAttribute("data-arn")!], Assert.Single(changes));
    }

    [Fact]
    public async Task JobFunctionOnly_OffersOnlyJobFunctionPolicies()
    {
        await using var ctx = BunitTestContext.Create();
        var picker = Render(ctx, []);

        picker.Find("#ps-managed-policies-job-function").Change(true);

        var options = picker.WaitForElements("[role=option]");
        Assert.All(options, o => Assert.Contains(":policy/job-function/", o.GetAttribute("data-arn"), StringComparison.Ordinal));
        Assert.Contains(options, o => o.GetAttribute("data-arn") == "arn:aws:iam::aws:policy/job-function/DataScientist");
    }

    [Fact]
    public async Task Chip_CloseRemoves_ClickShowsDetailWithServices()
    {
        await using var ctx = BunitTestContext.Create();
        var changes = new List<IReadOnlyList<string>>();
        var picker = Render(ctx, changes, ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"]);

        picker.FindAll(".ps-managed-chip")[0].Click();
        var detail = picker.WaitForElement(".managed-policy-detail");
        Assert.Equal("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", picker.Find(".managed-policy-detail-arn").TextContent);
        Assert.Contains("Limited: List, Read", picker.Find(".managed-policy-services tr[data-service='s3']").TextContent, StringComparison.Ordinal);
        Assert.Contains("v3", picker.Find(".managed-policy-detail-versions").TextContent, StringComparison.Ordinal);

        picker.FindAll(".ps-managed-list .mud-chip-close-button")[0].Click();

        Assert.Equal(["arn:aws:iam::aws:policy/ReadOnlyAccess"], Assert.Single(changes));
        Assert.Empty(picker.FindAll(".managed-policy-detail"));
    }

    [Fact]
    public async Task Chip_DeleteKeyRemoves()
    {
        await using var ctx = BunitTestContext.Create();
        var changes = new List<IReadOnlyList<string>>();
        var picker = Render(ctx, changes, ["arn:aws:iam::aws:policy/job-function/DataScientist"]);

        picker.Find(".ps-managed-list .mud-chip-container").KeyDown("Delete");

        Assert.Equal([], Assert.Single(changes));
    }

    [Fact]
    public async Task OnlyOne_PickReplacesCurrent()
    {
        await using var ctx = BunitTestContext.Create();
        var changes = new List<IReadOnlyList<string>>();
        var picker = ctx.Render<ManagedPolicyPicker>(p => p
            .Add(x => x.Value, ["arn:aws:iam::aws:policy/ReadOnlyAccess"])
            .Add(x => x.OnlyOne, true)
            .Add(x => x.ValueChanged, EventCallback.Factory.Create<IReadOnlyList<string>>(new object(), changes.Add)));

        picker.Find("input#ps-managed-policies").Input("PowerUserAccess");
        picker.WaitForElement("[role=option]").Click();

        Assert.Equal(["arn:aws:iam::aws:policy/PowerUserAccess"], Assert.Single(changes));
    }

    [Fact]
    public async Task NoMatch_SaysWhatToTry()
    {
        await using var ctx = BunitTestContext.Create();
        var picker = Render(ctx, []);

        picker.Find("input#ps-managed-policies").Input("zzzz-no-such-policy");

        Assert.Empty(picker.FindAll("[role=option]"));
        Assert.Contains("No AWS managed policy matches", picker.Markup, StringComparison.Ordinal);
        Assert.Contains(ManagedPolicyCatalog.Default.OfKind(ManagedPolicyKind.AwsManagedIamPolicy).Count().ToString("N0", System.Globalization.CultureInfo.CurrentCulture), Render(ctx, []).Markup, StringComparison.Ordinal);
    }
}
