using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Workshop;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;

namespace IdentityCenter.Web.Components.Pages.Admin.Workshop;

/// <summary>The workshop clock control: advance by hours or go back to real time (<see cref="IWorkshopClockService"/>, which also authorises and audits).</summary>
public partial class WorkshopClockPage
{
    private int _hours = 8;

    [Inject]
    private IWorkshopClockService Clock { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private OperationState Change { get; set; } = default!;

    private Task AdvanceAsync() => RunAsync(actor => Clock.AdvanceAsync(_hours, actor));

    private Task ResetAsync() => RunAsync(actor => Clock.ResetAsync(actor));

    private async Task RunAsync(Func<IdentityCenter.Core.Audit.Actor, Task<OperationResult>> change) =>
        await Change.RunAsync(async () => await change(await CurrentActor.GetAsync()));
}
