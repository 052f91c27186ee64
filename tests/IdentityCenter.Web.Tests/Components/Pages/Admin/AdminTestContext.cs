using IdentityCenter.Infrastructure.Access;
using System.Security.Claims;
using Bunit;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Infrastructure.Sessions;
using IdentityCenter.Web.Services;
using IdentityCenter.Web.Tests.Fakes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin;

/// <summary>
/// A bUnit context for admin pages: MudBlazor, a signed-in administrator ("admin", id admin-id) with
/// the Administrator policy granted, the acting-user helper, and in-memory fakes of every service.
/// </summary>
public sealed class AdminTestContext : IAsyncDisposable
{
    /// <param name="administrator">False signs in an ordinary user: authenticated, but not granted the Administrator policy.</param>
    /// <param name="logging">Replaces the loggers (bUnit's discard everything).</param>
    /// <param name="administrativeGroup">For a delegated administrator: the id of the built-in group they are in (help desk, auditors); the Administrator policy is then not granted.</param>
    public AdminTestContext(bool administrator = true, Action<IServiceCollection>? logging = null, string? administrativeGroup = null)
    {
        // Same setup as BunitTestContext.Create, but the renderer info is set last: it freezes the service collection.
        Context = new BunitContext();
        Context.Services.AddMudServices();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        var auth = Context.AddAuthorization();
        auth.SetAuthorized(administrator ? "admin" : "user");
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, administrator ? "admin-id" : "user-id"), new(IdentityCenterClaimTypes.MfaAuthenticated, IdentityCenterClaimTypes.TrueValue) };
        if (administrator && administrativeGroup is null)
        {
            claims.Add(new Claim(IdentityCenterClaimTypes.Administrator, IdentityCenterClaimTypes.TrueValue));
            claims.Add(new Claim(IdentityCenterClaimTypes.AdministrativeGroup, BuiltInGroups.AdministratorsId));
        }
        else if (administrativeGroup is not null)
        {
            claims.Add(new Claim(IdentityCenterClaimTypes.AdministrativeGroup, administrativeGroup));
        }

        auth.SetClaims([.. claims]);
        if (administrator && administrativeGroup is null)
        {
            auth.SetPolicies(IdentityCenterPolicies.Administrator);
        }
        Context.Services.AddSingleton<IdentityCenter.Infrastructure.Administration.IAdministrativeAuthorizer>(Authorizer);
        Context.Services.AddSingleton<IdentityCenter.Infrastructure.Administration.IAdministrationPolicyService>(AdministrationDocuments);
        Context.Services.AddSingleton<TimeProvider>(Clock);
        Context.Services.AddIdentityCenterAdminConsole();
        Context.Services.AddSingleton<IUserDirectoryService>(Users);
        Context.Services.AddSingleton<IGroupDirectoryService>(Groups);
        Context.Services.AddSingleton<IDirectorySettingsService>(Settings);
        Context.Services.AddSingleton<IAuditLog>(Audit);
        Context.Services.AddSingleton<IMfaDeviceService>(Mfa);
        Context.Services.AddSingleton<IdentityCenter.Infrastructure.UserAccessKeys.IAccessKeyService>(AccessKeys);
        Context.Services.AddSingleton<IUserSessionService>(Sessions);
        Context.Services.AddSingleton<IUserImportService>(Import);
        Context.Services.AddSingleton<IAssignmentService>(Assignments);
        Context.Services.AddSingleton<IEffectiveAccessService>(new FakeEffectiveAccessService());
        logging?.Invoke(Context.Services);
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public BunitContext Context { get; }

    /// <summary>Real decisions over the built-in documents, with a fixed scope.</summary>
    public FakeAdministrativeAuthorizer Authorizer { get; } = new();

    public FakeAdministrationPolicyService AdministrationDocuments { get; } = new();

    /// <summary>The user detail page shows the user's AWS account access.</summary>
    public FakeAssignmentService Assignments { get; } = new();

    public FixedTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public FakeUserDirectoryService Users { get; } = new();

    public FakeGroupDirectoryService Groups { get; } = new();

    public FakeDirectorySettingsService Settings { get; } = new();

    public FakeAuditLog Audit { get; } = new();

    public FakeMfaDeviceService Mfa { get; } = new();

    public FakeAccessKeyService AccessKeys { get; } = new();

    public FakeUserSessionService Sessions { get; } = new();

    public FakeUserImportService Import { get; } = new();

    /// <summary>Renders the MudBlazor providers a page needs for dialogs, selects and snackbars; dialogs appear in the returned provider.</summary>
    public IRenderedComponent<MudBlazor.MudDialogProvider> RenderProviders()
    {
        Context.Render<MudBlazor.MudPopoverProvider>();
        Context.Render<MudBlazor.MudSnackbarProvider>();
        return Context.Render<MudBlazor.MudDialogProvider>();
    }

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}
