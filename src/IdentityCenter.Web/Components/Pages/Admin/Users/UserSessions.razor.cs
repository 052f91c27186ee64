using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Sessions;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Users;

/// <summary>
/// The logic of <c>UserSessions.razor</c>: ends one session or all of them through <see cref="IUserSessionService"/> after a
/// confirmation, once the authorizer allows it again on the server; a refusal or failure shows above the sessions, and
/// <see cref="Changed"/> lets the page load the new list.
/// </summary>
public partial class UserSessions
{
    [Inject]
    private IUserSessionService SessionService { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ConsoleAccess Access { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Ending sessions: busy state and the refusal or failure shown above the sessions.</summary>
    [Inject]
    private OperationState Change { get; set; } = default!;

    /// <summary>The user whose sessions these are.</summary>
    [Parameter, EditorRequired]
    public UserDetail User { get; set; } = default!;

    /// <summary>The user's active sessions (<see cref="IUserSessionService.ListForUserAsync"/>).</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<SessionInfo> Sessions { get; set; } = [];

    /// <summary>The console actions the page found the administrator may perform on this user: ending sessions needs <see cref="ConsoleActions.DeleteSessions"/>.</summary>
    [Parameter]
    public IReadOnlySet<string> Allowed { get; set; } = new HashSet<string>();

    /// <summary>Called after sessions were ended.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    private bool CanDelete => Allowed.Contains(ConsoleActions.DeleteSessions);

    private async Task EndAsync(SessionInfo session)
    {
        var userId = User.Id;
        if (!await Dialogs.ConfirmAsync("Delete session", $"End this session of {User.UserName} (signed in {Format.Time(session.CreatedAt)} from {session.IpAddress ?? "an unknown address"})? They are signed out at their next click.", "Delete session"))
        {
            return;
        }

        if (await Change.RunAsync(async () => await Access.RefusalAsync(ConsoleActions.DeleteSessions, userId: userId)
                ?? await SessionService.EndSessionAsync(userId, session.Id, await CurrentActor.GetAsync())) is not null)
        {
            await SucceededAsync("Session deleted.");
        }
    }

    private async Task EndAllAsync()
    {
        var userId = User.Id;
        if (!await Dialogs.ConfirmAsync("Delete all sessions", $"End every session of {User.UserName}? They are signed out everywhere at their next click.", "Delete all sessions"))
        {
            return;
        }

        if (await Change.RunAsync(async () => (await Access.RefusalAsync(ConsoleActions.DeleteSessions, userId: userId))?.As<int>()
                ?? await SessionService.EndAllSessionsAsync(userId, await CurrentActor.GetAsync())) is { } ended)
        {
            await SucceededAsync($"{ended.Value} session(s) deleted.");
        }
    }

    /// <summary>Says what the change did and lets the page load the new list.</summary>
    private async Task SucceededAsync(string message)
    {
        Snackbar.Add(message, Severity.Success);
        await Changed.InvokeAsync();
    }
}
