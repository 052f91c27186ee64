using Bunit;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace IdentityCenter.Web.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor's services, the acting-user service and loose JS interop, rendering as the
/// interactive server circuit does. Use with <c>await using</c>: MudBlazor services are only asynchronously disposable.
/// </summary>
public static class BunitTestContext
{
    /// <param name="arrange">Registers further services (fakes, authorization) before anything is resolved.</param>
    public static BunitContext Create(Action<BunitContext>? arrange = null)
    {
        var context = new BunitContext();
        context.Services.AddMudServices();
        context.Services.AddIdentityCenterAdminConsole();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        arrange?.Invoke(context);
        context.Services.TryAddSingleton<IdentityCenter.Infrastructure.Administration.IAdministrativeAuthorizer, Fakes.FakeAdministrativeAuthorizer>();
        context.Services.TryAddSingleton<IdentityCenter.Infrastructure.Administration.IAdministrationPolicyService, Fakes.FakeAdministrationPolicyService>();
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return context;
    }
}
