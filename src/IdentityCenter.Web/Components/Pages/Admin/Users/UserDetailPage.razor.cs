using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Infrastructure.Sessions;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Users;

/// <summary>The logic of <c>UserDetailPage.razor</c> (markup there).</summary>
public partial class UserDetailPage
{
    private const int RecentEventCount = 15;

    [Parameter]
    public string UserId { get; set; } = "";

    private bool _loading = true;
    private UserDetail? _user;
    private IReadOnlyList<UserGroup> _groups = [];
    private IReadOnlyList<MfaDeviceInfo> _devices = [];
    private IReadOnlyList<SessionInfo> _sessions = [];
    private IReadOnlyList<AuditEvent> _events = [];
    private string? _loadError;
    private string? _oneTimePassword;
    private string? _displayName;
    private string? _givenName;
    private string? _familyName;
    private string? _email;
    private List<BreadcrumbItem> _breadcrumbs = [];

    private IReadOnlySet<string> _allowed = new HashSet<string>();

    /// <summary>The profile fields, whose errors show next to them (the others above the profile).</summary>
    private static readonly string[] ProfileFields = ["DisplayName", "GivenName", "FamilyName", "Email"];

    private bool Can(string action) => _allowed.Contains(action);

    private bool IsLocked => _user?.LockedOutUntil is { } until && until > Clock.GetUtcNow();

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _oneTimePassword = null;
        Change.Clear();
        try
        {
            _allowed = await Access.AllowedOnAsync(UserId, null,
                ConsoleActions.UpdateUser, ConsoleActions.DeleteUser, ConsoleActions.ResetPassword, ConsoleActions.EnableUser, ConsoleActions.DisableUser,
                ConsoleActions.DeleteMfaDevice, ConsoleActions.DeleteSessions);
            await LoadAsync();
            _loadError = null;
        }
        catch (Exception ex) when (AdminErrors.IsInfrastructure(ex))
        {
            _user = null;
            _loadError = "The user could not be loaded: the directory database did not answer. Reload the page in a moment.";
        }

        _loading = false;
    }

    private async Task LoadAsync()
    {
        _user = await Users.GetUserAsync(UserId);
        _breadcrumbs =
        [
            new BreadcrumbItem("Users", "/admin/users"),
            new BreadcrumbItem(_user?.UserName ?? "Not found", null, disabled: true),
        ];
        if (_user is null)
        {
            return;
        }

        _displayName = _user.DisplayName;
        _givenName = _user.GivenName;
        _familyName = _user.FamilyName;
        _email = _user.Email;
        _groups = await Groups.GetGroupsForUserAsync(UserId);
        _devices = await MfaDevices.ListDevicesAsync(UserId);
        _sessions = await Sessions.ListForUserAsync(UserId);
        _events = (await AuditLog.QueryAsync(new AuditQuery(User: UserId, PageSize: RecentEventCount))).Items;
    }

    private async Task RefreshAsync()
    {
        var profile = (_displayName, _givenName, _familyName, _email);
        var dirty = _user is not null && profile != (_user.DisplayName, _user.GivenName, _user.FamilyName, _user.Email);
        await LoadAsync();
        if (dirty)
        {
            // Keep what the administrator is typing in the profile form.
            (_displayName, _givenName, _familyName, _email) = profile;
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private async Task SaveProfileAsync()
    {
        var profile = new UserProfile(_displayName?.Trim() ?? "", Blank(_givenName), Blank(_familyName), Blank(_email));
        if (Change.Busy || !Change.Check(DirectoryNames.ValidateProfile(profile)))
        {
            return;
        }

        await RunAsync(ConsoleActions.UpdateUser, async actor => (await Users.UpdateUserAsync(UserId, profile, actor), "Profile saved."));
    }

    private async Task DisableAsync()
    {
        if (await Dialogs.ConfirmAsync("Disable user", $"Disable {_user!.UserName}? They cannot sign in while disabled, and all of their sessions end now.", "Disable", Color.Warning))
        {
            await RunAsync(ConsoleActions.DisableUser, async actor => (await Users.SetEnabledAsync(UserId, false, actor), $"{_user.UserName} is disabled and signed out everywhere."));
        }
    }

    private Task EnableAsync() =>
        RunAsync(ConsoleActions.EnableUser, async actor => (await Users.SetEnabledAsync(UserId, true, actor), $"{_user!.UserName} is enabled."));

    private Task UnlockAsync() =>
        RunAsync(ConsoleActions.EnableUser, async actor => (await Users.UnlockAsync(UserId, actor), $"{_user!.UserName} is unlocked."));

    private async Task ResetPasswordAsync()
    {
        if (!await Dialogs.ConfirmAsync("Reset password", $"Reset the password of {_user!.UserName}? A new one-time password replaces the current one, and all of their sessions end now.", "Reset password", Color.Warning))
        {
            return;
        }

        await RunAsync(ConsoleActions.ResetPassword, async actor =>
        {
            var result = await Users.ResetPasswordAsync(UserId, actor);
            if (result.Succeeded)
            {
                _oneTimePassword = result.Value;
            }

            return (result, "Password reset. Copy the one-time password now.");
        });
    }

    private async Task DeleteAsync()
    {
        if (!await Dialogs.ConfirmAsync("Delete user", $"Delete {_user!.UserName}? Their group memberships, MFA devices, access keys and sessions are removed too. This cannot be undone.", "Delete user"))
        {
            return;
        }

        if (await Change.RunAsync(async () => await RefusalAsync(ConsoleActions.DeleteUser) ?? await Users.DeleteUserAsync(UserId, await CurrentActor.GetAsync())) is not null)
        {
            Snackbar.Add($"User {_user.UserName} deleted.", Severity.Success);
            Navigation.NavigateTo("/admin/users");
        }
    }

    private async Task RemoveDeviceAsync(MfaDeviceInfo device)
    {
        if (await Dialogs.ConfirmAsync("Remove MFA device", $"Remove the authenticator app \"{device.FriendlyName}\" of {_user!.UserName}? They will need another device, or to register one, to sign in.", "Remove device"))
        {
            await RunAsync(ConsoleActions.DeleteMfaDevice, async actor => (await MfaDevices.RemoveDeviceAsync(UserId, device.Id, actor), $"Device \"{device.FriendlyName}\" removed."));
        }
    }

    private async Task EndSessionAsync(SessionInfo session)
    {
        if (await Dialogs.ConfirmAsync("Delete session", $"End this session of {_user!.UserName} (signed in {Format.Time(session.CreatedAt)} from {session.IpAddress ?? "an unknown address"})? They are signed out at their next click.", "Delete session"))
        {
            await RunAsync(ConsoleActions.DeleteSessions, async actor => (await Sessions.EndSessionAsync(UserId, session.Id, actor), "Session deleted."));
        }
    }

    private async Task EndAllSessionsAsync()
    {
        if (!await Dialogs.ConfirmAsync("Delete all sessions", $"End every session of {_user!.UserName}? They are signed out everywhere at their next click.", "Delete all sessions"))
        {
            return;
        }

        await RunAsync(ConsoleActions.DeleteSessions, async actor =>
        {
            var result = await Sessions.EndAllSessionsAsync(UserId, actor);
            return (result, result.Succeeded ? $"{result.Value} session(s) deleted." : "");
        });
    }

    /// <summary>Asks the authorizer again on the server before a change: null when it allows <paramref name="iamAction"/>, else the refusal with the evaluator's reason.</summary>
    private async Task<OperationResult?> RefusalAsync(string iamAction)
    {
        var decision = await Access.AuthorizeAsync(iamAction, userId: UserId);
        return decision.IsAllowed ? null : OperationResult.Forbidden(decision.AccessDeniedMessage);
    }

    /// <summary>
    /// Runs one write with the acting administrator once the authorizer allows <paramref name="iamAction"/>, then reloads
    /// the page's data: a snackbar when it succeeded, its errors on the page (next to the profile's fields or above them) when not.
    /// </summary>
    private async Task RunAsync(string iamAction, Func<Actor, Task<(OperationResult Result, string SuccessMessage)>> action)
    {
        string? success = null;
        var result = await Change.RunAsync(async () =>
        {
            if (await RefusalAsync(iamAction) is { } refusal)
            {
                return refusal;
            }

            (var outcome, success) = await action(await CurrentActor.GetAsync());
            await RefreshAsync();
            return outcome;
        });
        if (result is not null)
        {
            Snackbar.Add(success!, Severity.Success);
        }
    }
}
