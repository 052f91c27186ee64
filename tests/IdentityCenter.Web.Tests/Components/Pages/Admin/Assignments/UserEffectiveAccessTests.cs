using Bunit;
using IdentityCenter.Infrastructure.Access;
using UserEffectiveAccessView = IdentityCenter.Web.Components.Pages.Admin.Assignments.UserEffectiveAccess;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Assignments;

public sealed class UserEffectiveAccessTests
{
    [Fact]
    public async Task Render_DirectAndGroupAccess_AreMarked()
    {
        await using var access = new AccessTestContext();
        access.Assignments.Effective.Add(new UserAssignmentInfo("222222222222", "Dev", "ps-1", "ReadOnly", true, []));
        access.Assignments.Effective.Add(new UserAssignmentInfo("333333333333", "Prod", "ps-2", "PowerUser", true, [new GroupRef("g-dev", "Developers")]));
        access.Assignments.Effective.Add(new UserAssignmentInfo("333333333333", "Prod", "ps-1", "ReadOnly", false, [new GroupRef("g-ops", "Operators")]));

        var component = access.Context.Render<UserEffectiveAccessView>(p => p.Add(x => x.UserId, "u-alice"));

        var rows = component.FindAll(".user-effective-access-row");
        Assert.Equal(3, rows.Count);
        Assert.NotNull(rows[0].QuerySelector(".access-direct"));
        Assert.Null(rows[0].QuerySelector(".access-via-group"));
        Assert.NotNull(rows[1].QuerySelector(".access-direct"));
        Assert.Contains("via Developers", rows[1].QuerySelector(".access-via-group")!.TextContent, StringComparison.Ordinal);
        Assert.Null(rows[2].QuerySelector(".access-direct"));
        Assert.Contains("via Operators", rows[2].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_NoAccess_SaysSo()
    {
        await using var access = new AccessTestContext();

        var component = access.Context.Render<UserEffectiveAccessView>(p => p.Add(x => x.UserId, "u-alice"));

        Assert.Contains("No access", component.Find(".user-effective-access-empty").TextContent, StringComparison.Ordinal);
    }
}
