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
    private bool _busy;
    private UserDetail? _user;
    private IReadOnlyList<UserGroup> _groups = [];
    private IReadOnlyList<MfaDeviceInfo> _devices = [];
    private IReadOnlyList<SessionInfo> _sessions = [];
    private IReadOnlyList<AuditEvent> _events = [];
    private IReadOnlyList<FieldError> _errors = [];
    private string? _actionError;
    private string? _loadError;
    private string? _oneTimePassword;
    private string? _displayName;
    private string? _givenName;
    private string? _familyName;
    private string? _email;
    private List<BreadcrumbItem> _breadcrumbs = [];

    private IReadOnlySet<string> _allowed = new HashSet<string>();

    private bool Can(string action) => _allowed.Contains(action);

    private bool IsLocked => _user?.LockedOutUntil is { } until && until > Clock.GetUtcNow();

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _oneTimePassword = null;
        _actionError = null;
        _errors = [];
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
        var local = DirectoryNames.ValidateProfile(profile);
        if (local.Count > 0)
        {
            _errors = local;
            return;
        }

        await RunAsync(ConsoleActions.UpdateUser, async actor =>
        {
            var result = await Users.UpdateUserAsync(UserId, profile, actor);
            _errors = result.Succeeded ? [] : result.Errors.Where(e => e.Field.Length > 0).ToList();
            return (result, "Profile saved.");
        });
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

        _busy = true;
        try
        {
            if (!await PermittedAsync(ConsoleActions.DeleteUser))
            {
                return;
            }

            var result = await Users.DeleteUserAsync(UserId, await CurrentActor.GetAsync());
            if (result.Succeeded)
            {
                Snackbar.Add($"User {_user.UserName} deleted.", Severity.Success);
                Navigation.NavigateTo("/admin/users");
                return;
            }

            ShowFailure(result);
        }
        catch (Exception ex) when (AdminErrors.IsInfrastructure(ex))
        {
            _actionError = AdminErrors.Unavailable;
            Snackbar.Add(AdminErrors.Unavailable, Severity.Error);
        }
        finally
        {
            _busy = false;
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

    /// <summary>Asks the authorizer again on the server before a change; a refusal is shown with the evaluator's reason.</summary>
    private async Task<bool> PermittedAsync(string iamAction)
    {
        var decision = await Access.AuthorizeAsync(iamAction, userId: UserId);
        if (decision.IsAllowed)
        {
            return true;
        }

        _actionError = decision.AccessDeniedMessage;
        Snackbar.Add(decision.AccessDeniedMessage, Severity.Error);
        return false;
    }

    /// <summary>Runs one write with the acting administrator once the authorizer allows <paramref name="iamAction"/>, reports the outcome and reloads the page's data.</summary>
    private async Task RunAsync(string iamAction, Func<Actor, Task<(OperationResult Result, string SuccessMessage)>> action)
    {
        if (_busy)
        {
            return;
        }

        _busy = true;
        _actionError = null;
        try
        {
            if (!await PermittedAsync(iamAction))
            {
                return;
            }

            var (result, message) = await action(await CurrentActor.GetAsync());
            if (result.Succeeded)
            {
                Snackbar.Add(message, Severity.Success);
            }
            else
            {
                ShowFailure(result);
            }

            await RefreshAsync();
        }
        catch (Exception ex) when (AdminErrors.IsInfrastructure(ex))
        {
            _actionError = AdminErrors.Unavailable;
            Snackbar.Add(AdminErrors.Unavailable, Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    private void ShowFailure(OperationResult result)
    {
        var message = result.Errors.Count > 0 ? result.Summary : "The change was not made.";
        if (result.ErrorKind != OperationErrorKind.Validation || result.Errors.All(e => e.Field.Length == 0))
        {
            _actionError = message;
        }

        Snackbar.Add(message, Severity.Error);
    }
}
