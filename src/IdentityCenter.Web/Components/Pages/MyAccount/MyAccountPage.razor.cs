using System.Security.Claims;
using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Infrastructure.Sessions;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Components.SignIn;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.MyAccount;

/// <summary>
/// The logic of <c>MyAccountPage.razor</c>: the signed-in person's profile, password state, authenticator apps and sessions;
/// removing an app or ending a session after a confirmation, its refusal or failure shown above the page.
/// </summary>
public partial class MyAccountPage
{
    private UserDetail? _user;
    private PasswordStatus? _password;
    private IReadOnlyList<MfaDeviceInfo> _devices = [];
    private IReadOnlyList<SessionInfo> _sessions = [];
    private bool _selfManaged;
    private string? _currentSessionId;
    private string _userId = "";

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private IUserDirectoryService Users { get; set; } = default!;

    [Inject]
    private IPasswordService Passwords { get; set; } = default!;

    [Inject]
    private IMfaDeviceService Devices { get; set; } = default!;

    [Inject]
    private IUserSessionService Sessions { get; set; } = default!;

    [Inject]
    private IDirectorySettingsService Settings { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private OperationState Change { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var principal = (await AuthenticationState).User;
        _userId = principal.FindFirstValue(ClaimTypes.NameIdentifier)!;
        _currentSessionId = principal.FindFirstValue(IdentityCenterClaimTypes.SessionId);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _user = await Users.GetUserAsync(_userId);
        _password = await Passwords.GetStatusAsync(_userId);
        _devices = await Devices.ListDevicesAsync(_userId);
        _sessions = await Sessions.ListForUserAsync(_userId);
        _selfManaged = (await Settings.GetMfaSettingsAsync()).DeviceManagement == MfaDeviceManagement.Users;
    }

    private static string Format(DateTimeOffset? time) => time?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "—";

    private async Task RemoveDeviceAsync(MfaDeviceInfo device)
    {
        if (!await Dialogs.ConfirmAsync("Remove authenticator app", $"Remove \"{device.FriendlyName}\"? You will not be able to sign in with its codes any more.", "Remove"))
        {
            return;
        }

        if (await Change.RunAsync(async () => await Devices.RemoveDeviceAsync(_userId, device.Id, await CurrentActor.GetAsync())) is not null)
        {
            Snackbar.Add($"Removed \"{device.FriendlyName}\".", Severity.Success);
            await Change.RefreshAsync(LoadAsync);
        }
    }

    private async Task EndSessionAsync(SessionInfo session)
    {
        var current = session.Id == _currentSessionId;
        if (!await Dialogs.ConfirmAsync("End session", current ? "End this session? You will be signed out here." : "End this session? That browser will be signed out.", "End session"))
        {
            return;
        }

        if (await Change.RunAsync(async () => await Sessions.EndSessionAsync(_userId, session.Id, await CurrentActor.GetAsync())) is null)
        {
            return;
        }

        if (current)
        {
            Navigation.NavigateTo(SignInNavigation.SignedOutPath, forceLoad: true);
            return;
        }

        Snackbar.Add("Session ended.", Severity.Success);
        await Change.RefreshAsync(LoadAsync);
    }
}
