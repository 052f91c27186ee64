using Bunit;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Web.Components.Pages.Admin.PermissionSets;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.PermissionSets;

public sealed class PermissionSetsPageTests
{
    [Fact]
    public async Task Render_ListsPermissionSetsWithDurationAndOutOfDateCount()
    {
        await using var access = new AccessTestContext();
        var ps = access.PermissionSets.Add("ps-0000000000000001", "DataEngineer", "Data work", TimeSpan.FromHours(4));
        access.PermissionSets.Add("ps-0000000000000002", "ReadOnly");
        access.PermissionSets.Provisioning[ps.Id].Add(new("222222222222", "Dev", ProvisioningStatus.LatestNotProvisioned, "r", "arn", 1, null, null));
        access.RenderProviders();

        var page = access.Context.Render<PermissionSetsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".permission-sets-grid tbody tr.mud-table-row").Count));
        var first = page.FindAll(".permission-sets-grid tbody tr.mud-table-row")[0].TextContent;
        Assert.Contains("DataEngineer", first, StringComparison.Ordinal);
        Assert.Contains("PT4H", first, StringComparison.Ordinal);
        Assert.Contains("1 out of date", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_FiltersByName()
    {
        await using var access = new AccessTestContext();
        access.PermissionSets.Add("ps-0000000000000001", "DataEngineer");
        access.PermissionSets.Add("ps-0000000000000002", "ReadOnly");
        access.RenderProviders();
        var page = access.Context.Render<PermissionSetsPage>();

        page.Find("input#permission-sets-search").Input("read");

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".permission-sets-grid tbody tr.mud-table-row")));
        Assert.Contains("ReadOnly", page.Find(".permission-sets-grid tbody tr.mud-table-row").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstanceSettings_TurnOnAutoReprovision_SavesRegionAndSwitch()
    {
        await using var access = new AccessTestContext();
        access.RenderProviders();
        var page = access.Context.Render<PermissionSetsPage>();

        page.WaitForElement("input#instance-region").Change("eu-west-1");
        page.Find(".instance-settings input[type=checkbox]").Change(true);
        page.Find("#instance-form").Submit();

        page.WaitForAssertion(() => Assert.Equal([("eu-west-1", true)], access.PermissionSets.InstanceUpdates));
    }
}
