using IdentityCenter.Infrastructure.Events;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Events;

/// <summary>
/// The logic of <c>EventCardsPage.razor</c>: the cards the last create or regenerate made in this circuit
/// (<see cref="WorkshopCardsHolder"/>), eight a sheet, with the portal's QR code and, when pre-enrolled, the authenticator's.
/// </summary>
public partial class EventCardsPage
{
    [Parameter]
    public string EventId { get; set; } = "";

    /// <summary>Only these attendees' cards (comma-separated user ids), after regenerating some.</summary>
    [SupplyParameterFromQuery(Name = "new")]
    public string? OnlyUserIds { get; set; }

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    private WorkshopEventDetail? _event;
    private List<BreadcrumbItem> _breadcrumbs = [];
    private IReadOnlyList<WorkshopCard> _cards = [];
    private IReadOnlyList<IReadOnlyList<PrintableCard>> _sheets = [];
    private string _portalUrl = "";
    private string _portalQr = "";
    private string _paper = "A4";

    private bool HasAuthenticators => _cards.Any(c => c.AuthenticatorSecret is not null);

    protected override async Task OnParametersSetAsync()
    {
        _breadcrumbs =
        [
            new BreadcrumbItem("Workshop events", "/admin/events"),
            new BreadcrumbItem(EventId, $"/admin/events/{EventId}"),
            new BreadcrumbItem("Cards", null, disabled: true),
        ];
        _event = await Events.GetAsync(EventId);
        var only = OnlyUserIds?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        _cards = Cards.Get(EventId).Where(c => only is null || only.Contains(c.UserId)).ToList();
        _portalUrl = WorkshopCardSheets.PortalUrl(Navigation.BaseUri);
        _portalQr = WorkshopCardSheets.QrDataUri(_portalUrl);
        _sheets = WorkshopCardSheets.Sheets(_cards);
    }

    private async Task PrintAsync() => await JS.InvokeVoidAsync("print");
}
