using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Events;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Events;

/// <summary>
/// The logic of <c>RoomViewPage.razor</c>: the trainer's live view of a workshop event, pushed to the browser by the circuit
/// (a new <see cref="IRoomViewService"/> snapshot every <see cref="RefreshInterval"/>, no reload), with Unlock and Reset password
/// per attendee through <see cref="IUserDirectoryService"/> and the same authorization as the user page.
/// </summary>
public partial class RoomViewPage : IAsyncDisposable
{
    /// <summary>How often the snapshot is taken again while the page is open.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    private const int LatestDecisionCount = 25;

    private ITimer? _timer;
    private int _refreshing;
    private bool _disposed;
    private bool _loaded;
    private bool _stuckOnly;
    private RoomSnapshot? _snapshot;
    private (string UserName, string Password)? _oneTimePassword;
    private IReadOnlySet<string> _allowed = new HashSet<string>();

    [Parameter]
    public string EventId { get; set; } = "";

    [Inject]
    private IRoomViewService Room { get; set; } = default!;

    [Inject]
    private IUserDirectoryService Users { get; set; } = default!;

    [Inject]
    private ConsoleAccess Access { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    /// <summary>Unlocking or resetting an attendee: busy state and the refusal or failure shown above the room.</summary>
    [Inject]
    private OperationState Change { get; set; } = default!;

    /// <summary>Taking the snapshot (first and every refresh): its failure shows as a warning above the room.</summary>
    [Inject]
    private OperationState Load { get; set; } = default!;

    private bool Can(string action) => _allowed.Contains(action);

    private IEnumerable<RoomAttendeeStatus> Shown => _snapshot is null ? [] : _stuckOnly ? _snapshot.Attendees.Where(a => a.Stuck) : _snapshot.Attendees;

    protected override async Task OnParametersSetAsync()
    {
        _allowed = await Access.AllowedAsync(ConsoleActions.EnableUser, ConsoleActions.ResetPassword);
        await LoadAsync();
        _loaded = true;
        _timer ??= Clock.CreateTimer(_ => _ = InvokeAsync(TickAsync), null, RefreshInterval, RefreshInterval);
    }

    /// <summary>One refresh of the timer; skipped while the previous one still runs (a slow database never piles refreshes up).</summary>
    private async Task TickAsync()
    {
        if (_disposed || Interlocked.CompareExchange(ref _refreshing, 1, 0) != 0)
        {
            return;
        }

        try
        {
            await LoadAsync();
            if (!_disposed)
            {
                StateHasChanged();
            }
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    /// <summary>Takes a new snapshot; when the database does not answer, the last one stays on the trainer's screen and the next tick tries again.</summary>
    private async Task LoadAsync() =>
        await Load.TryAsync(async () => _snapshot = await Room.GetEventSnapshotAsync(EventId, LatestDecisionCount),
            unavailable: "The room view could not be refreshed: the database did not answer. It tries again every few seconds.");

    private Task UnlockAsync(RoomAttendeeStatus attendee) =>
        RunAsync(ConsoleActions.EnableUser, attendee, async actor => (await Users.UnlockAsync(attendee.UserId, actor), $"{attendee.UserName} is unlocked."));

    private async Task ResetPasswordAsync(RoomAttendeeStatus attendee)
    {
        if (!await Dialogs.ConfirmAsync("Reset password", $"Reset the password of {attendee.UserName}? A new one-time password replaces the current one (their card no longer works), and all of their sessions end now.", "Reset password", Color.Warning))
        {
            return;
        }

        await RunAsync(ConsoleActions.ResetPassword, attendee, async actor =>
        {
            var result = await Users.ResetPasswordAsync(attendee.UserId, actor);
            if (result.Succeeded)
            {
                _oneTimePassword = (attendee.UserName, result.Value!);
            }

            return (result, $"Password of {attendee.UserName} reset. Copy the one-time password now.");
        });
    }

    private void DismissPassword() => _oneTimePassword = null;

    /// <summary>Asks the authorizer on the server for this attendee (as the user page does), runs the change, reports it and refreshes.</summary>
    private async Task RunAsync(string iamAction, RoomAttendeeStatus attendee, Func<Actor, Task<(OperationResult Result, string SuccessMessage)>> action)
    {
        string? success = null;
        var result = await Change.RunAsync(async () =>
        {
            var decision = await Access.AuthorizeAsync(iamAction, userId: attendee.UserId);
            if (!decision.IsAllowed)
            {
                return OperationResult.Forbidden(decision.AccessDeniedMessage);
            }

            (var outcome, success) = await action(await CurrentActor.GetAsync());
            await LoadAsync();
            return outcome;
        });
        if (result is not null)
        {
            Snackbar.Add(success!, Severity.Success);
        }
    }

    /// <summary>"Denied by Inline, statement NoDeletes" / "Allowed by …" / the evaluator's reason for an implicit deny.</summary>
    public static string DecidedBy(RecentDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.DecidingStatement is { } statement
            ? $"{(decision.Allowed ? "Allowed" : "Denied")} by {DecidingStatements.Describe(statement)}"
            : decision.Reason;
    }

    public static string DecisionText(Decision decision) => decision switch
    {
        Decision.Allow => "Allowed",
        Decision.ExplicitDeny => "Explicitly denied",
        Decision.ImplicitDeny => "Implicitly denied",
        _ => "Error",
    };

    private static Color DecisionColor(Decision decision) => decision == Decision.Allow ? Color.Success : Color.Error;

    private static Color ProblemColor(AttendeeProblem problem) => problem is AttendeeProblem.LockedOut or AttendeeProblem.Disabled or AttendeeProblem.Deleted ? Color.Error : Color.Warning;

    private string Ago(DateTimeOffset at)
    {
        var elapsed = Clock.GetUtcNow() - at;
        return elapsed < TimeSpan.FromMinutes(1) ? $"{Math.Max(0, (int)elapsed.TotalSeconds)} s ago"
            : elapsed < TimeSpan.FromHours(1) ? $"{(int)elapsed.TotalMinutes} min ago"
            : Format.Time(at);
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
