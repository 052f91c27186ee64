using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Users;

/// <summary>
/// The logic of <c>UserAccountActions.razor</c>: disables, enables, unlocks, resets the password of and deletes the user
/// through <see cref="IUserDirectoryService"/>, each change authorized again on the server first
/// (<see cref="ConsoleAccess.RefusalAsync"/>) and confirmed first unless it is harmless (enable, unlock). A refusal or
/// failure shows below the buttons; after a change <see cref="Changed"/> lets the page load the user's new state
/// (a disable or a password reset also ends the user's sessions).
/// </summary>
public partial class UserAccountActions
{
    private string? _oneTimePassword;

    [Inject]
    private IUserDirectoryService Users { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ConsoleAccess Access { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Every change here: busy state and the refusal or failure shown below the buttons.</summary>
    [Inject]
    private OperationState Change { get; set; } = default!;

    /// <summary>The user shown.</summary>
    [Parameter, EditorRequired]
    public UserDetail User { get; set; } = default!;

    /// <summary>Whether the user is locked out now (the page's header says until when).</summary>
    [Parameter]
    public bool Locked { get; set; }

    /// <summary>The console actions the page found the administrator may perform on this user: only their buttons show.</summary>
    [Parameter]
    public IReadOnlySet<string> Allowed { get; set; } = new HashSet<string>();

    /// <summary>Called after a change succeeded: the user's state changed.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    private bool Can(string action) => Allowed.Contains(action);

    private async Task DisableAsync()
    {
        if (await Dialogs.ConfirmAsync("Disable user", $"Disable {User.UserName}? They cannot sign in while disabled, and all of their sessions end now.", "Disable", Color.Warning))
        {
            await SetEnabledAsync(false, ConsoleActions.DisableUser, $"{User.UserName} is disabled and signed out everywhere.");
        }
    }

    private Task EnableAsync() => SetEnabledAsync(true, ConsoleActions.EnableUser, $"{User.UserName} is enabled.");

    private async Task SetEnabledAsync(bool enabled, string iamAction, string success)
    {
        var userId = User.Id;
        if (await Change.RunAsync(async () => await Access.RefusalAsync(iamAction, userId: userId)
                ?? await Users.SetEnabledAsync(userId, enabled, await CurrentActor.GetAsync())) is not null)
        {
            await SucceededAsync(success);
        }
    }

    private async Task UnlockAsync()
    {
        var user = User;
        if (await Change.RunAsync(async () => await Access.RefusalAsync(ConsoleActions.EnableUser, userId: user.Id)
                ?? await Users.UnlockAsync(user.Id, await CurrentActor.GetAsync())) is not null)
        {
            await SucceededAsync($"{user.UserName} is unlocked.");
        }
    }

    private async Task ResetPasswordAsync()
    {
        var userId = User.Id;
        if (!await Dialogs.ConfirmAsync("Reset password", $"Reset the password of {User.UserName}? A new one-time password replaces the current one, and all of their sessions end now.", "Reset password", Color.Warning))
        {
            return;
        }

        if (await Change.RunAsync(async () => (await Access.RefusalAsync(ConsoleActions.ResetPassword, userId: userId))?.As<string>()
                ?? await Users.ResetPasswordAsync(userId, await CurrentActor.GetAsync())) is { } reset)
        {
            _oneTimePassword = reset.Value;
            await SucceededAsync("Password reset. Copy the one-time password now.");
        }
    }

    private async Task DeleteAsync()
    {
        var user = User;
        if (!await Dialogs.ConfirmAsync("Delete user", $"Delete {user.UserName}? Their group memberships, MFA devices, access keys and sessions are removed too. This cannot be undone.", "Delete user"))
        {
            return;
        }

        if (await Change.RunAsync(async () => await Access.RefusalAsync(ConsoleActions.DeleteUser, userId: user.Id)
                ?? await Users.DeleteUserAsync(user.Id, await CurrentActor.GetAsync())) is not null)
        {
            Snackbar.Add($"User {user.UserName} deleted.", Severity.Success);
            Navigation.NavigateTo("/admin/users");
        }
    }

    /// <summary>Says what the change did and lets the page load the user's new state.</summary>
    private async Task SucceededAsync(string message)
    {
        Snackbar.Add(message, Severity.Success);
        await Changed.InvokeAsync();
    }
}
