using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Configuration;
using IdentityCenter.Infrastructure.Workshop;
using IdentityCenter.Web.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Hosting;

/// <summary>Outside workshop mode there is no time travel: the system clock, a service that refuses, a setting that is refused.</summary>
public sealed class WorkshopModeTests(IdentityCenterWebFactory factory) : IClassFixture<IdentityCenterWebFactory>
{
    [Fact]
    public async Task OutsideWorkshopMode_SystemClock_AndTheClockServiceRefusesEvenTheAdministrator()
    {
        using var client = factory.CreateClient();
        Assert.IsNotType<WorkshopClock>(factory.Services.GetRequiredService<TimeProvider>());
        Assert.Null(factory.Services.GetService<WorkshopClock>());
        var clock = factory.Services.GetRequiredService<IWorkshopClockService>();
        Assert.False(clock.IsAvailable);

        await using var scope = factory.Services.CreateAsyncScope();
        var admin = (await scope.ServiceProvider.GetRequiredService<IdentityCenter.Infrastructure.Directory.IUserDirectoryService>().FindByUserNameAsync("admin"))!;
        var refused = await clock.AdvanceAsync(5, new Actor(admin.Id, admin.UserName));
        Assert.Equal(OperationErrorKind.Forbidden, refused.ErrorKind);
        Assert.Contains("only available in workshop mode", refused.Summary, StringComparison.Ordinal);
        Assert.Equal(OperationErrorKind.Forbidden, (await clock.ResetAsync(new Actor(admin.Id, admin.UserName))).ErrorKind);
        Assert.Equal(TimeSpan.Zero, clock.Offset);
    }

    [Theory]
    [InlineData(false, true, true)]
    [InlineData(true, true, false)]
    [InlineData(false, null, false)]
    [InlineData(true, false, false)]
    public void TimeTravelSetting_OutsideWorkshopMode_IsRefused(bool enabled, bool? timeTravel, bool refused)
    {
        var options = new IdentityCenterOptions { DataDirectory = factory.DataDirectory, Workshop = new WorkshopOptions { Enabled = enabled, TimeTravel = timeTravel } };
        var problems = IdentityCenterOptionsValidator.FindProblems(options, factory.DataDirectory);
        Assert.Equal(refused, problems.Any(p => p.Contains("IdentityCenter:Workshop:TimeTravel is true but workshop mode is off", StringComparison.Ordinal)));
        Assert.Equal(enabled && timeTravel != false, options.Workshop.TimeTravelEnabled);
    }
}
