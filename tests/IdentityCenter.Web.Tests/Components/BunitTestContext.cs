using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace IdentityCenter.Web.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor's services and loose JS interop, rendering as the interactive server
/// circuit does. Use with <c>await using</c>: MudBlazor services are only asynchronously disposable.
/// </summary>
public static class BunitTestContext
{
    public static BunitContext Create()
    {
        var context = new BunitContext();
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return context;
    }
}
