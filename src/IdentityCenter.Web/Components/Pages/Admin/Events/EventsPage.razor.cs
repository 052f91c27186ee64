using System.Globalization;
using IdentityCenter.Core;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Events;
using IdentityCenter.Web.Components.Admin;

namespace IdentityCenter.Web.Components.Pages.Admin.Events;

/// <summary>
/// The logic of <c>EventsPage.razor</c>: the events list, the create form (validation by the service) and its event
/// templates (save the form as a template, start from one, delete one; <see cref="IWorkshopEventTemplateService"/>).
/// </summary>
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
    private IReadOnlyList<WorkshopEventTemplate> _templates = [];
    private string? _templateId;
    private string? _templateMessage;
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
        _templates = await Templates.ListAsync();
        await LoadEventsAsync();
    }

    private async Task LoadEventsAsync()
    {
        _loading = true;
        _events = await Events.ListAsync();
        _loading = false;
    }

    /// <summary>The form as the service's input; null (with <see cref="_errors"/> set) when a time is not one.</summary>
    private WorkshopEventInput? ReadForm()
    {
        var errors = new List<FieldError>();
        var starts = ParseTime(_form.StartsAt, "StartsAt", "start", errors);
        var ends = ParseTime(_form.EndsAt, "EndsAt", "end", errors);
        if (errors.Count > 0)
        {
            _errors = errors;
            return null;
        }

        return new WorkshopEventInput(
            _form.Name ?? "", starts, ends, _form.AttendeeCount, _form.UserNamePrefix ?? "",
            _form.GroupIds.ToList(), _form.PermissionSetIds.ToList(), _form.AccountMode,
            _form.AccountMode == WorkshopAccountMode.SharedAccount ? _form.SharedAccountId : null,
            _form.AccountMode == WorkshopAccountMode.AccountPerAttendee ? _form.ParentOrganizationalUnitId : null,
            _form.AccountMode == WorkshopAccountMode.SharedAccount ? _form.AssignmentScope : WorkshopAssignmentScope.PerAttendee,
            _form.WithAuthenticator);
    }

    private async Task CreateAsync()
    {
        _templateMessage = null;
        if (ReadForm() is not { } input)
        {
            return;
        }

        _busy = true;
        _errors = [];
        try
        {
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

    /// <summary>Saves the form's settings (not its dates: the length in hours) as a template named after the event.</summary>
    private async Task SaveTemplateAsync()
    {
        _templateMessage = null;
        if (ReadForm() is not { } input)
        {
            return;
        }

        _busy = true;
        _errors = [];
        try
        {
            var result = await Templates.SaveAsync(input, await CurrentActor.GetAsync());
            if (!result.Succeeded)
            {
                _errors = result.Errors;
                return;
            }

            _templates = await Templates.ListAsync();
            _templateId = result.Value!.Id;
            _templateMessage = $"Saved the template {result.Value.Name} ({result.Value.DurationHours} h).";
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Fills the form from the chosen template: its settings, and the end at the form's start plus the template's length.</summary>
    private void StartFromTemplate(string? templateId)
    {
        _templateId = templateId;
        _templateMessage = null;
        if (_templates.FirstOrDefault(t => t.Id == templateId) is not { } template)
        {
            return;
        }

        var errors = new List<FieldError>();
        var starts = ParseTime(_form.StartsAt, "StartsAt", "start", errors);
        if (errors.Count > 0)
        {
            var now = Clock.GetUtcNow().UtcDateTime;
            starts = new DateTimeOffset(new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc).AddHours(1));
        }

        var input = template.ToInput(starts);
        _form.Name = input.Name;
        _form.StartsAt = input.StartsAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
        _form.EndsAt = input.EndsAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
        _form.AttendeeCount = input.AttendeeCount;
        _form.UserNamePrefix = input.UserNamePrefix;
        _form.GroupIds = input.GroupIds.Where(id => _groups.Any(g => g.Id == id)).ToList();
        _form.PermissionSetIds = input.PermissionSetIds.Where(id => _permissionSets.Any(p => p.Id == id)).ToList();
        _form.AccountMode = input.AccountMode;
        _form.SharedAccountId = input.SharedAccountId;
        _form.ParentOrganizationalUnitId = input.ParentOrganizationalUnitId;
        _form.AssignmentScope = input.AssignmentScope;
        _form.WithAuthenticator = input.WithAuthenticator;
        _errors = [];
        _templateMessage = $"The form now holds the template {template.Name}; choose the start and create the event.";
    }

    /// <summary>Deletes the chosen template after the administrator confirms.</summary>
    private async Task DeleteTemplateAsync()
    {
        _templateMessage = null;
        if (_templates.FirstOrDefault(t => t.Id == _templateId) is not { } template)
        {
            return;
        }

        if (!await Dialogs.ConfirmAsync("Delete template", $"Delete the event template {template.Name}? Events created from it stay as they are.", "Delete template"))
        {
            return;
        }

        var result = await Templates.DeleteAsync(template.Id, await CurrentActor.GetAsync());
        if (!result.Succeeded)
        {
            _errors = result.Errors;
            return;
        }

        _templates = await Templates.ListAsync();
        _templateId = null;
        _templateMessage = $"Deleted the template {template.Name}.";
    }

    private string TemplateHelp => _templates.Count == 0
        ? "No templates yet: fill the form and save it as a template."
        : "Fills the form with the template's settings; the end follows the start.";

    private string TemplateName(string? id) => _templates.FirstOrDefault(t => t.Id == id)?.Name ?? "";

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
