using IdentityCenter.Core;
using IdentityCenter.Infrastructure.Events;
using IdentityCenter.Web.Components.Admin;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Events;

/// <summary>The logic of <c>EventDetailPage.razor</c>: one event, its attendees, new cards, End and Delete (each asked first).</summary>
public partial class EventDetailPage
{
    [Parameter]
    public string EventId { get; set; } = "";

    private WorkshopEventDetail? _event;
    private List<BreadcrumbItem> _breadcrumbs = [];
    private bool _loading = true;
    private bool _withAuthenticator;

    private bool IsRunning => _event is { EndedAt: null };

    private string StatusText => _event switch
    {
        { UsersDeletedAt: { } deleted } => $"Ended {Format.Time(_event.EndedAt, "")}; users and accounts deleted {Format.Time(deleted)}",
        { EndedAt: { } ended } => $"Ended {Format.Time(ended)}: every attendee is disabled and their credentials are revoked",
        _ => "Running: attendees can sign in",
    };

    private string AccountsText => _event!.AccountMode == WorkshopAccountMode.AccountPerAttendee
        ? $"One per attendee, in OU {_event.OrganizationalUnitId}"
        : _event.SharedAccountId is { } shared ? $"Shared account {shared} ({(_event.AssignmentScope == WorkshopAssignmentScope.PerGroup ? "assigned to the groups" : "assigned to each attendee")})" : "None";

    protected override async Task OnParametersSetAsync()
    {
        _breadcrumbs = [new BreadcrumbItem("Workshop events", "/admin/events"), new BreadcrumbItem(EventId, null, disabled: true)];
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        _event = await Events.GetAsync(EventId);
        _withAuthenticator = _event?.WithAuthenticator ?? false;
        _loading = false;
    }

    private async Task EndAsync()
    {
        if (!await Dialogs.ConfirmAsync("End the event?",
                $"Every one of the {_event!.Attendees.Count} attendees is disabled and every credential they hold stops working within a second. This cannot be undone.",
                "End event"))
        {
            return;
        }

        await RunAsync(async actor => await Events.EndAsync(EventId, actor), "The event has ended; every attendee is disabled.");
    }

    private async Task DeleteAsync()
    {
        if (!await Dialogs.ConfirmAsync("Delete the event's users and accounts?",
                $"The {_event!.Attendees.Count} attendees are deleted with their memberships, devices and assignments{(_event.AccountMode == WorkshopAccountMode.AccountPerAttendee ? ", and their accounts and the event's OU are removed" : "")}. The audit log keeps what they did.",
                "Delete"))
        {
            return;
        }

        await RunAsync(async actor => await Events.DeleteAsync(EventId, actor), "The event's users and accounts were deleted.");
    }

    private async Task RegenerateAllAsync()
    {
        if (!await Dialogs.ConfirmAsync("New cards for everyone?",
                "Every attendee gets a new one-time password (the printed cards stop working) and is signed out.", "Make new cards", Color.Warning))
        {
            return;
        }

        await RegenerateAsync(null);
    }

    private Task RegenerateOneAsync(WorkshopAttendee attendee) => RegenerateAsync([attendee.UserId]);

    private async Task RegenerateAsync(IReadOnlyCollection<string>? userIds)
    {
        var result = await Change.RunAsync(async () => await Events.RegenerateCardsAsync(EventId, userIds, _withAuthenticator, await CurrentActor.GetAsync()));
        if (result?.Value is { } cards)
        {
            Cards.Keep(EventId, cards);
            Navigation.NavigateTo($"/admin/events/{EventId}/cards" + (userIds is null ? "" : "?new=" + Uri.EscapeDataString(string.Join(',', userIds))));
        }
    }

    private async Task RunAsync(Func<IdentityCenter.Core.Audit.Actor, Task<IdentityCenter.Core.Directory.OperationResult>> action, string done)
    {
        if (await Change.RunAsync(async () => await action(await CurrentActor.GetAsync())) is not null)
        {
            Snackbar.Add(done, Severity.Success);
            await Change.RefreshAsync(LoadAsync);
        }
    }
}
