using Bunit;
using IdentityCenter.Web.Components.Pages.Admin.Assignments;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Assignments;

/// <summary>The wizard's permission sets step on its own: it ticks permission sets in the shared selection.</summary>
public sealed class AssignmentPermissionSetsStepTests
{
    [Fact]
    public async Task Tick_AddsThePermissionSet_LabelShowsDurationAndDescription_ChosenBeforeStayTicked()
    {
        await using var access = new AccessTestContext();
        access.PermissionSets.Add("ps-0000000000000001", "ReadOnly", "Read everything", TimeSpan.FromHours(4));
        access.PermissionSets.Add("ps-0000000000000002", "PowerUser");
        var selection = new AssignmentSelection();
        selection.PermissionSetIds.Add("ps-0000000000000002");
        var permissionSets = await access.PermissionSets.ListAsync();
        var step = access.Context.Render<AssignmentPermissionSetsStep>(p => p.Add(s => s.Selection, selection).Add(s => s.PermissionSets, permissionSets));

        var readOnly = step.FindAll(".wizard-permission-set").First(e => e.TextContent.Contains("ReadOnly", StringComparison.Ordinal));
        Assert.Contains("ReadOnly · PT4H · Read everything", readOnly.TextContent, StringComparison.Ordinal);
        Assert.True(step.FindAll(".wizard-permission-set").First(e => e.TextContent.Contains("PowerUser", StringComparison.Ordinal)).QuerySelector("input")!.HasAttribute("checked"));

        readOnly.QuerySelector("input")!.Change(true);
        Assert.Equal(["ps-0000000000000001", "ps-0000000000000002"], selection.PermissionSetIds.Order(StringComparer.Ordinal));

        step.FindAll(".wizard-permission-set").First(e => e.TextContent.Contains("PowerUser", StringComparison.Ordinal)).QuerySelector("input")!.Change(false);
        Assert.Equal(["ps-0000000000000001"], selection.PermissionSetIds);
    }

    [Fact]
    public async Task Render_NoPermissionSets_SaysSoAndOffersToCreateOne()
    {
        await using var access = new AccessTestContext();
        var step = access.Context.Render<AssignmentPermissionSetsStep>(p => p.Add(s => s.Selection, new AssignmentSelection()));

        Assert.Contains("There are no permission sets yet.", step.Markup, StringComparison.Ordinal);
        Assert.Contains(step.FindAll("a"), a => a.GetAttribute("href") == "/admin/permission-sets/new" && a.TextContent.Contains("Create a permission set", StringComparison.Ordinal));
    }
}
