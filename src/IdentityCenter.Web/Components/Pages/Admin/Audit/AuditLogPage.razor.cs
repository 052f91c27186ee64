using System.Text.Json;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Endpoints;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Audit;

/// <summary>The logic of <c>AuditLogPage.razor</c> (markup there).</summary>
public partial class AuditLogPage
{
    [Inject]
    private IAuditLog AuditLog { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    /// <summary>Reading a page of events: the failure shows under the filters.</summary>
    [Inject]
    private OperationState Read { get; set; } = default!;

    private static readonly int[] PageSizes = [25, 50, 100, 200];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly Dictionary<string, object> DownloadAttribute = new() { ["download"] = "" };

    public enum TimeRange
    {
        LastHour,
        Last24Hours,
        Last7Days,
        Last30Days,
        AllTime,
        Custom,
    }

    public enum OutcomeFilter
    {
        Any,
        Success,
        Failure,
    }

    /// <summary>Pre-fills the user filter (the user detail page links here with ?user=name).</summary>
    [SupplyParameterFromQuery(Name = "user")]
    public string? UserQuery { get; set; }

    private MudDataGrid<AuditEvent> _grid = default!;
    private TimeRange _range = TimeRange.Last7Days;
    private DateTime? _fromDate;
    private DateTime? _toDate;
    private string? _eventName;
    private string? _user;
    private OutcomeFilter _outcome = OutcomeFilter.Any;
    private string? _filterError;

    protected override void OnInitialized()
    {
        if (!string.IsNullOrWhiteSpace(UserQuery))
        {
            _user = UserQuery.Trim();
            _range = TimeRange.AllTime;
        }
    }

    /// <summary>The filters as the service takes them; relative ranges end now.</summary>
    public AuditQuery CurrentFilter()
    {
        var now = Clock.GetUtcNow();
        DateTimeOffset? from = _range switch
        {
            TimeRange.LastHour => now.AddHours(-1),
            TimeRange.Last24Hours => now.AddDays(-1),
            TimeRange.Last7Days => now.AddDays(-7),
            TimeRange.Last30Days => now.AddDays(-30),
            TimeRange.Custom when _fromDate is { } d => new DateTimeOffset(DateTime.SpecifyKind(d.Date, DateTimeKind.Utc)),
            _ => null,
        };
        DateTimeOffset? to = _range == TimeRange.Custom && _toDate is { } t
            ? new DateTimeOffset(DateTime.SpecifyKind(t.Date, DateTimeKind.Utc)).AddDays(1)
            : null;
        AuditOutcome? outcome = _outcome switch
        {
            OutcomeFilter.Success => AuditOutcome.Success,
            OutcomeFilter.Failure => AuditOutcome.Failure,
            _ => null,
        };
        return new AuditQuery(from, to, string.IsNullOrWhiteSpace(_eventName) ? null : _eventName, string.IsNullOrWhiteSpace(_user) ? null : _user.Trim(), outcome);
    }

    private string ExportUrl(string format) => AuditExportQuery.BuildUrl(format, CurrentFilter());

    private async Task<GridData<AuditEvent>> LoadAsync(GridState<AuditEvent> state, CancellationToken cancellationToken)
    {
        var filter = CurrentFilter();
        if (filter.From is { } from && filter.To is { } to && to <= from)
        {
            _filterError = "The end date is before the start date; no events can match.";
            return new GridData<AuditEvent> { Items = [], TotalItems = 0 };
        }

        _filterError = null;
        GridData<AuditEvent> none = new() { Items = [], TotalItems = 0 };
        var shown = Read.Failure;
        try
        {
            return await Read.ReadAsync(async () =>
            {
                var page = await AuditLog.QueryAsync(filter with { PageIndex = state.Page, PageSize = state.PageSize }, cancellationToken);
                return new GridData<AuditEvent> { Items = page.Items, TotalItems = page.TotalCount };
            }, none, "The audit log could not be read. Try again in a moment.");
        }
        catch (OperationCanceledException)
        {
            // A newer request replaced this one; the grid shows that one's answer.
            return none;
        }
        finally
        {
            // The grid renders itself after a read; the failure's alert is the page's.
            if (!string.Equals(shown, Read.Failure, StringComparison.Ordinal))
            {
                StateHasChanged();
            }
        }
    }

    private static string ToJson(AuditEvent e) =>
        JsonSerializer.Serialize(IdentityCenter.Infrastructure.Audit.AuditLog.ToCloudTrailShape(e), Indented);

    private Task OnRangeChangedAsync(TimeRange value)
    {
        _range = value;
        return ReloadAsync();
    }

    private Task OnFromChangedAsync(DateTime? value)
    {
        _fromDate = value;
        return ReloadAsync();
    }

    private Task OnToChangedAsync(DateTime? value)
    {
        _toDate = value;
        return ReloadAsync();
    }

    private Task OnEventNameChangedAsync(string? value)
    {
        _eventName = value;
        return ReloadAsync();
    }

    private Task OnUserChangedAsync(string? value)
    {
        _user = value;
        return ReloadAsync();
    }

    private Task OnOutcomeChangedAsync(OutcomeFilter value)
    {
        _outcome = value;
        return ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        if (_grid.CurrentPage != 0)
        {
            _grid.NavigateTo(Page.First);
        }
        else
        {
            await _grid.ReloadServerData();
        }
    }
}
