using Bunit;
using IdentityCenter.Web.Components.Pages.Admin.Users;
using IdentityCenter.Web.Tests.Fakes;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Users;

/// <summary>The recent activity section of the user page (read only).</summary>
public sealed class UserRecentActivityTests
{
    [Fact]
    public async Task Events_ShowOutcomes_LinkGoesToTheAuditLogFilteredToTheUser()
    {
        await using var admin = new AdminTestContext();
        var failed = FakeAuditLog.NewEvent("UpdatePassword", DateTimeOffset.UnixEpoch, target: "frank", errorCode: "AccessDenied");

        var activity = admin.Context.Render<UserRecentActivity>(p => p.Add(x => x.UserName, "frank o").Add(x => x.Events, [failed]));
        var none = admin.Context.Render<UserRecentActivity>(p => p.Add(x => x.UserName, "frank").Add(x => x.Events, []));

        Assert.Contains("Failure (AccessDenied)", activity.Find(".user-events").TextContent, StringComparison.Ordinal);
        Assert.Equal("/admin/audit?user=frank%20o", activity.Find("a").GetAttribute("href"));
        Assert.Equal("No events recorded.", none.Find(".user-events-empty").TextContent);
    }
}
