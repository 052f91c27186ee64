using Bunit;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Workshop;
using IdentityCenter.Web.Components.Pages.Admin.Workshop;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Workshop;

public sealed class WorkshopClockPageTests
{
    [Fact]
    public async Task OutsideWorkshopMode_ThePageSaysSo_AndHasNoControl()
    {
        await using var admin = new AdminTestContext(logging: s => s.AddSingleton<IWorkshopClockService>(new FakeClockService(available: false)));
        var page = admin.Context.Render<WorkshopClockPage>();

        Assert.Contains("only in workshop mode", page.Find("#time-travel-off").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#clock-advance"));
        Assert.Empty(page.FindAll("#clock-reset"));
    }

    [Fact]
    public async Task WorkshopMode_Advance_CallsTheServiceAsTheSignedInAdministrator_AndShowsItsRefusal()
    {
        var service = new FakeClockService(available: true);
        await using var admin = new AdminTestContext(logging: s => s.AddSingleton<IWorkshopClockService>(service));
        var page = admin.Context.Render<WorkshopClockPage>();

        page.Find("#clock-form").Submit();
        page.WaitForAssertion(() => Assert.Contains("Shifted 8 hours ahead", page.Find("#clock-state").TextContent, StringComparison.Ordinal));
        Assert.Equal([(8, "admin-id")], service.Advances);

        service.Refusal = OperationResult.Forbidden("Only members of IdentityCenterAdmins may shift the workshop clock.");
        page.Find("#clock-reset").Click();
        page.WaitForAssertion(() => Assert.Contains("Only members of IdentityCenterAdmins", page.Find(".clock-error").TextContent, StringComparison.Ordinal));
    }

    private sealed class FakeClockService(bool available) : IWorkshopClockService
    {
        public List<(int Hours, string? UserId)> Advances { get; } = [];

        public OperationResult? Refusal { get; set; }

        public bool IsAvailable => available;

        public TimeSpan Offset { get; private set; }

        public DateTimeOffset Now => new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero) + Offset;

        public Task<OperationResult> AdvanceAsync(int hours, Actor actor, CancellationToken cancellationToken = default)
        {
            if (Refusal is not null)
            {
                return Task.FromResult(Refusal);
            }

            Advances.Add((hours, actor.UserId));
            Offset += TimeSpan.FromHours(hours);
            return Task.FromResult(OperationResult.Success);
        }

        public Task<OperationResult> ResetAsync(Actor actor, CancellationToken cancellationToken = default)
        {
            if (Refusal is not null)
            {
                return Task.FromResult(Refusal);
            }

            Offset = TimeSpan.Zero;
            return Task.FromResult(OperationResult.Success);
        }
    }
}
