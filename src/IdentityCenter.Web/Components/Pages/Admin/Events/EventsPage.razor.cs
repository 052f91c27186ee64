using System.Globalization;
using IdentityCenter.Core;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Events;
using IdentityCenter.Web.Components.Admin;

namespace IdentityCenter.Web.Components.Pages.Admin.Events;

/// <summary>The logic of <c>EventsPage.razor</c>: the events list and the create form (validation by the service).</summary>
public partial class EventsPage
{
    internal const string TimeFormat = "yyyy-MM-ddTHH:mm";

    private static readonly string[] KnownFields =
        ["Name", "StartsAt", "EndsAt", "AttendeeCount", "UserNamePrefix", "GroupIds", "PermissionSetIds", "SharedAccountId", "ParentOrganizationalUnitId", "AssignmentScope"];

    /// <summary>The form's fields as the page binds them (times as the datetime-local input's text, UTC).</summary>
    internal sealed class Form
    {
        public string? Name { get; set; }

        public string? StartsAt { get; set; }

        public string? EndsAt { get; set; }

        public int AttendeeCount { get; set; } = 30;

        public string? UserNamePrefix { get; set; }

        public IReadOnlyCollection<string> GroupIds { get; set; } = [];

        public IReadOnlyCollection<string> PermissionSetIds { get; set; } = [];

        public WorkshopAccountMode AccountMode { get; set; }

        public string? SharedAccountId { get; set; }

        public string? ParentOrganizationalUnitId { get; set; }

        public WorkshopAssignmentScope AssignmentScope { get; set; }

        public bool WithAuthenticator { get; set; }
    }

    private readonly Form _form = new();
    private IReadOnlyList<WorkshopEventSummary> _events = [];
    private IReadOnlyList<GroupSummary> _groups = [];
    private IReadOnlyList<PermissionSetSummary> _permissionSets = [];
    private IReadOnlyList<AccountInfo> _accounts = [];
    private IReadOnlyList<OrganizationalUnitInfo> _units = [];
    private IReadOnlyList<FieldError> _errors = [];
    private WorkshopEventProgress? _progress;
    private bool _loading = true;
    private bool _busy;

    private string PrefixHelp => string.IsNullOrWhiteSpace(_form.UserNamePrefix)
        ? "Attendees are named prefix001, prefix002…"
        : $"Attendees: {_form.UserNamePrefix.Trim()}001 … {_form.UserNamePrefix.Trim()}{Math.Max(1, _form.AttendeeCount):000}";

    private IEnumerable<string> GeneralErrors => _errors.Where(e => !KnownFields.Contains(e.Field)).Select(e => e.Message);

    protected override async Task OnInitializedAsync()
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var start = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc).AddHours(1);
        _form.StartsAt = start.ToString(TimeFormat, CultureInfo.InvariantCulture);
        _form.EndsAt = start.AddHours(8).ToString(TimeFormat, CultureInfo.InvariantCulture);
        _groups = (await Groups.ListGroupsAsync(new GroupQuery(PageSize: 200))).Items.Where(g => !g.IsBuiltIn).ToList();
        _permissionSets = await PermissionSets.ListAsync();
        _accounts = await Organizations.ListAccountsAsync();
        _units = (await Organizations.GetOrganizationAsync())?.OrganizationalUnits ?? [];
        await LoadEventsAsync();
    }

    private async Task LoadEventsAsync()
    {
        _loading = true;
        _events = await Events.ListAsync();
        _loading = false;
    }

    private async Task CreateAsync()
    {
        var errors = new List<FieldError>();
        var starts = ParseTime(_form.StartsAt, "StartsAt", "start", errors);
        var ends = ParseTime(_form.EndsAt, "EndsAt", "end", errors);
        if (errors.Count > 0)
        {
            _errors = errors;
            return;
        }

        _busy = true;
        _errors = [];
        try
        {
            var input = new WorkshopEventInput(
                _form.Name ?? "", starts, ends, _form.AttendeeCount, _form.UserNamePrefix ?? "",
                _form.GroupIds.ToList(), _form.PermissionSetIds.ToList(), _form.AccountMode,
                _form.AccountMode == WorkshopAccountMode.SharedAccount ? _form.SharedAccountId : null,
                _form.AccountMode == WorkshopAccountMode.AccountPerAttendee ? _form.ParentOrganizationalUnitId : null,
                _form.AccountMode == WorkshopAccountMode.SharedAccount ? _form.AssignmentScope : WorkshopAssignmentScope.PerAttendee,
                _form.WithAuthenticator);

            // Reports arrive on the service's threads: show them through the renderer's dispatcher.
            var progress = new Progress<WorkshopEventProgress>(p => _ = InvokeAsync(() =>
            {
                _progress = p;
                StateHasChanged();
            }));
            var result = await Events.CreateAsync(input, await CurrentActor.GetAsync(), progress);
            if (!result.Succeeded)
            {
                _errors = result.Errors;
                _progress = null;
                return;
            }

            Cards.Keep(result.Value!.EventId, result.Value.Cards);
            Navigation.NavigateTo($"/admin/events/{result.Value.EventId}/cards");
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>A datetime-local value (UTC); adds a field error saying the form expected when it is not one.</summary>
    internal static DateTimeOffset ParseTime(string? text, string field, string what, List<FieldError> errors)
    {
        if (DateTime.TryParseExact(text, [TimeFormat, TimeFormat + ":ss"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return new DateTimeOffset(value, TimeSpan.Zero);
        }

        errors.Add(new FieldError(field, $"Enter the {what} as a date and time in UTC, for example 2026-12-08T09:00."));
        return default;
    }

    private static string Status(WorkshopEventSummary e) => e switch
    {
        { UsersDeletedAt: not null } => "Ended, users deleted",
        { EndedAt: { } ended } => "Ended " + Format.Time(ended),
        _ => "Running until " + Format.Time(e.EndsAt),
    };

    private string GroupName(string id) => _groups.FirstOrDefault(g => g.Id == id)?.DisplayName ?? id;

    private string PermissionSetName(string id) => _permissionSets.FirstOrDefault(p => p.Id == id)?.Name ?? id;

    private string AccountName(string id) => _accounts.FirstOrDefault(a => a.Id == id)?.Name ?? id;
}
