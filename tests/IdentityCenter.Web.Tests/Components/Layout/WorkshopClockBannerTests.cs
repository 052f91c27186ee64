using Bunit;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Workshop;
using IdentityCenter.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IdentityCenter.Web.Tests.Components.Layout;

public sealed class WorkshopClockBannerTests
{
    [Fact]
    public async Task ClockShifted_EveryPageOfTheLayout_ShowsTheBanner_AndItFollowsTheClock()
    {
        var clock = new WorkshopClock(new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero)));
        clock.Advance(TimeSpan.FromHours(27));
        await using var context = BunitTestContext.Create(c =>
        {
            c.AddAuthorization().SetAuthorized("admin").SetPolicies(IdentityCenterPolicies.Administrator);
            c.Services.AddSingleton<TimeProvider>(clock);
        });
        var layout = context.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page body"))));

        var banner = layout.Find("#workshop-clock-banner");
        Assert.Contains("shifted 1 day 3 hours ahead of real time", banner.TextContent, StringComparison.Ordinal);
        Assert.Contains("2026-12-08 12:00 UTC", banner.TextContent, StringComparison.Ordinal);
        Assert.NotNull(layout.Find("#workshop-clock-banner a[href='/admin/workshop/clock']"));

        // Back to real time: the banner goes away without a reload.
        clock.Reset();
        layout.WaitForAssertion(() => Assert.Empty(layout.FindAll("#workshop-clock-banner")));
        Assert.Contains("time travel", layout.Find(".workshop-clock-note").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutsideWorkshopMode_NoBannerAndNoLink()
    {
        await using var context = BunitTestContext.Create(c =>
        {
            c.AddAuthorization().SetAuthorized("admin").SetPolicies(IdentityCenterPolicies.Administrator);
            c.Services.AddSingleton(TimeProvider.System);
        });
        var layout = context.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page body"))));

        Assert.Empty(layout.FindAll("#workshop-clock-banner"));
        Assert.Empty(layout.FindAll(".workshop-clock-note"));
        Assert.Empty(layout.FindAll("a[href='/admin/workshop/clock']"));
    }
}
