using IdentityCenter.Infrastructure.Configuration;
using IdentityCenter.Web.Components;
using IdentityCenter.Web.Components.SignIn;
using IdentityCenter.Web.Endpoints;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace IdentityCenter.Web.Hosting;

internal static class WebServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddIdentityCenterWeb(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices(mud =>
        {
            // Bottom centre: at the top right (MudBlazor's default) notifications covered Sign out and the pages' own actions.
            mud.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomCenter;
        });
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<IdentityRedirectManager>();
        builder.Services.AddScoped<AuthenticationStateProvider, SessionAwareAuthenticationStateProvider>();
        builder.Services.AddIdentityCenterAdminConsole();
        return builder;
    }

    public static WebApplication UseIdentityCenterWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseSharedWebRoot();

        // Explicit, so that they run after the proxy and security header middleware in Program.cs (WebApplication
        // would otherwise put routing and authentication first): challenges then name the public host and carry the headers.
        app.UseRouting();
        app.UseIdentityCenterRateLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(InfrastructureServiceCollectionExtensions.ReadinessTag) });

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapAdminAuditExport();
        app.MapIdentityCenterCredentials();
        app.MapCredentialReport();
        app.MapAwsSsoEndpoints();
        app.MapAwsStsEndpoints();
        app.MapAwsS3Endpoints();
        app.MapAwsAdministrationEndpoints();
        return app;
    }

    /// <summary>
    /// Serves the repository's top-level <c>wwwroot</c> (our stylesheet, logo and favicon) from its
    /// configured folder. Static web assets cannot link a folder outside the project, so it is served directly.
    /// </summary>
    private static void UseSharedWebRoot(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<IdentityCenterOptions>>().Value;
        var root = options.ResolveSharedWebRoot(app.Environment.ContentRootPath);
        if (root is null)
        {
            app.Logger.LogWarning("No shared wwwroot folder was found; set IdentityCenter:SharedWebRoot to serve the stylesheet, logo and favicon.");
            return;
        }

        // Not for the AWS-compatible APIs: an S3 object key such as report.csv looks like a file name, and every
        // such request would otherwise look for a file on disk first (a file-system call on S3's hottest path).
        var files = new StaticFileOptions { FileProvider = new PhysicalFileProvider(root) };
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/aws", StringComparison.OrdinalIgnoreCase), branch => branch.UseStaticFiles(files));
    }
}
