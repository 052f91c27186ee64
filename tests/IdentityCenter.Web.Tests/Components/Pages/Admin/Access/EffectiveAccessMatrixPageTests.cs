using Bunit;
using IdentityCenter.Core.Assignments;
using IdentityCenter.Web.Components.Pages.Admin.Access;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Access;

public sealed class EffectiveAccessMatrixPageTests
{
    [Fact]
    public async Task Render_RowsAndCells_MarkGroupAccessAndPageOnServer()
    {
        await using var access = new AccessTestContext();
        access.EffectiveAccess.AccountNames["222222222222"] = "Dev";
        access.EffectiveAccess.Rows.Add(new MatrixRow("u-alice", "alice", new Dictionary<string, IReadOnlyList<MatrixCellEntry>>
        {
            ["222222222222"] = [new MatrixCellEntry("ps-1", "ReadOnly", true, []), new MatrixCellEntry("ps-2", "PowerUser", false, ["g-dev"])],
        }));
        access.RenderProviders();

        var page = access.Context.Render<EffectiveAccessMatrixPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".matrix-table tbody tr")));
        Assert.Contains("Dev", page.Find(".matrix-column").TextContent, StringComparison.Ordinal);
        var entries = page.FindAll(".matrix-entry").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["ReadOnly", "PowerUser (via group)"], entries);
        var query = Assert.Single(access.EffectiveAccess.Queries);
        Assert.Equal(PrincipalType.User, query.RowType);
        Assert.Equal(0, query.Skip);
        Assert.Equal(50, query.Take);
    }

    [Fact]
    public async Task Search_ReloadsWithFilter()
    {
        await using var access = new AccessTestContext();
        access.RenderProviders();
        var page = access.Context.Render<EffectiveAccessMatrixPage>();

        page.Find("input#matrix-search").Input("ali");

        page.WaitForAssertion(() => Assert.Equal("ali", access.EffectiveAccess.Queries[^1].PrincipalSearch));
    }
}
