using System.Security.Claims;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Portal;

/// <summary>The signed-in user's <c>~/.aws/config</c> for IdentityCenter: one profile per account and role they have.</summary>
public partial class ConfigureCliPage
{
    private static readonly (CredentialShell Shell, string Label)[] Shells =
    [
        (CredentialShell.Posix, "macOS and Linux"),
        (CredentialShell.WindowsCmd, "Windows"),
        (CredentialShell.PowerShell, "PowerShell"),
    ];

    private IReadOnlyList<CliProfile>? _profiles;
    private string _region = "us-east-1";
    private TimeSpan _sessionDuration;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private IEntitlementService Entitlements { get; set; } = default!;

    [Inject]
    private IPermissionSetService PermissionSets { get; set; } = default!;

    [Inject]
    private IDirectorySettingsService Settings { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private string BaseUrl => Navigation.BaseUri;

    private string ConfigText => CliConfiguration.ConfigFile(BaseUrl, _region, _profiles ?? []);

    private string SessionDurationText => _sessionDuration.TotalHours >= 1
        ? $"{_sessionDuration.TotalHours:0.#} hours"
        : $"{_sessionDuration.TotalMinutes:0} minutes";

    protected override async Task OnInitializedAsync()
    {
        var userId = (await AuthenticationState).User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        _region = (await PermissionSets.GetInstanceAsync()).Region;
        _sessionDuration = (await Settings.GetSignInSettingsAsync()).SessionDuration;
        var profiles = new List<CliProfile>();
        foreach (var account in await Entitlements.ListAccountsAsync(userId))
        {
            foreach (var role in await Entitlements.ListRolesAsync(userId, account.AccountId))
            {
                profiles.Add(new CliProfile(account.AccountId, account.AccountName, role.RoleName));
            }
        }

        _profiles = CliConfiguration.Sort(profiles);
    }

    private Task CopyAsync(string text) => Clipboard.CopyAsync(JS, Snackbar, text);
}
