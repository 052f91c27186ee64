using IdentityCenter.Infrastructure.Events;

namespace IdentityCenter.Web.Components.Pages.Admin.Events;

/// <summary>
/// The cards of the last create or regenerate, per circuit (scoped), so the cards page can print them after the
/// event pages navigate there. Only in memory: a reload or another browser tab has none (the one-time passwords are
/// never stored in clear); regenerating makes new ones.
/// </summary>
public sealed class WorkshopCardsHolder
{
    private readonly Dictionary<string, IReadOnlyList<WorkshopCard>> _cards = new(StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="cards"/> for the event, merged over earlier cards of the same attendees.</summary>
    public void Keep(string eventId, IReadOnlyList<WorkshopCard> cards)
    {
        ArgumentNullException.ThrowIfNull(cards);
        var merged = _cards.TryGetValue(eventId, out var earlier)
            ? earlier.Where(e => cards.All(c => c.UserId != e.UserId)).Concat(cards).OrderBy(c => c.UserName, StringComparer.Ordinal).ToList()
            : cards.ToList();
        _cards[eventId] = merged;
    }

    public IReadOnlyList<WorkshopCard> Get(string eventId) => _cards.GetValueOrDefault(eventId) ?? [];
}
