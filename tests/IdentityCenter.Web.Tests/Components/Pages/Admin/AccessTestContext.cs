using System.Security.Claims;
using Bunit;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Web.Services;
using IdentityCenter.Web.Tests.Fakes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin;

/// <summary>
/// A bUnit context for the access-model pages: a signed-in administrator (as <see cref="AdminTestContext"/>),
/// the directory fakes the pages search, and in-memory fakes of every access-model service.
/// </summary>
public sealed class AccessTestContext : IAsyncDisposable
{
    public AccessTestContext()
    {
        // Searches and the policy editor validate after a debounce (200-400 ms of real time); under a full
        // parallel test run the default 1 s wait was occasionally too short. Only failing waits get slower.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(5);
        Context = new BunitContext();
        Context.Services.AddMudServices();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        var auth = Context.AddAuthorization();
        auth.SetAuthorized("admin");
        auth.SetClaims(
            new Claim(ClaimTypes.NameIdentifier, "admin-id"),
            new Claim(IdentityCenterClaimTypes.Administrator, IdentityCenterClaimTypes.TrueValue),
            new Claim(IdentityCenterClaimTypes.MfaAuthenticated, IdentityCenterClaimTypes.TrueValue));
        auth.SetPolicies(IdentityCenterPolicies.Administrator);
        Context.Services.AddSingleton<IdentityCenter.Infrastructure.Administration.IAdministrativeAuthorizer>(Authorizer);
        Context.Services.AddSingleton<TimeProvider>(Clock);
        Context.Services.AddIdentityCenterAdminConsole();
        Context.Services.AddSingleton<IUserDirectoryService>(Users);
        Context.Services.AddSingleton<IGroupDirectoryService>(Groups);
        Context.Services.AddSingleton<IAuditLog>(Audit);
        Context.Services.AddSingleton<IOrganizationService>(Organization);
        Context.Services.AddSingleton<IPolicyService>(Policies);
        Context.Services.AddSingleton<IPermissionSetService>(PermissionSets);
        Context.Services.AddSingleton<IAssignmentService>(Assignments);
        Context.Services.AddSingleton<IEffectiveAccessService>(EffectiveAccess);
        Context.Services.AddSingleton<IAccessControlAttributeService>(Attributes);
        Context.Services.AddSingleton<IPolicySimulator>(Simulator);
        Context.Services.AddSingleton<IAccessDashboardService>(Dashboard);
        Context.Services.AddSingleton<IWorkshopSeeder>(Workshop);
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public BunitContext Context { get; }

    /// <summary>Real decisions over the built-in documents, with a fixed scope.</summary>
    public FakeAdministrativeAuthorizer Authorizer { get; } = new();

    public FixedTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public FakeUserDirectoryService Users { get; } = new();

    public FakeGroupDirectoryService Groups { get; } = new();

    public FakeAuditLog Audit { get; } = new();

    public FakeOrganizationService Organization { get; } = new();

    public FakePolicyService Policies { get; } = new();

    public FakePermissionSetService PermissionSets { get; } = new();

    public FakeAssignmentService Assignments { get; } = new();

    public FakeEffectiveAccessService EffectiveAccess { get; } = new();

    public FakeAccessControlAttributeService Attributes { get; } = new();

    public FakePolicySimulator Simulator { get; } = new();

    public FakeAccessDashboardService Dashboard { get; } = new();

    public FakeWorkshopSeeder Workshop { get; } = new();

    /// <summary>Renders the MudBlazor providers (popovers, snackbars, dialogs); dialogs appear in the returned provider.</summary>
    public IRenderedComponent<MudBlazor.MudDialogProvider> RenderProviders()
    {
        Context.Render<MudBlazor.MudPopoverProvider>();
        Context.Render<MudBlazor.MudSnackbarProvider>();
        return Context.Render<MudBlazor.MudDialogProvider>();
    }

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}
