using IdentityCenter.Infrastructure.Events;
using IdentityCenter.Infrastructure.Security;

namespace IdentityCenter.Web.Components.Pages.Admin.Events;

/// <summary>One printable card: the texts and the QR codes as PNG data URIs (the authenticator's is null without one).</summary>
public sealed record PrintableCard(string UserName, string OneTimePassword, string? AuthenticatorSecret, string? AuthenticatorQr);

/// <summary>Turns sign-in cards into sheets of <see cref="CardsPerSheet"/> for the print page.</summary>
public static class WorkshopCardSheets
{
    /// <summary>Two columns of four on A4 and on Letter.</summary>
    public const int CardsPerSheet = 8;

    /// <summary>The portal's address for the cards: the console's base address and <c>start</c>.</summary>
    public static string PortalUrl(string baseUri) => baseUri.TrimEnd('/') + "/start";

    /// <summary>A PNG data URI of the QR code of <paramref name="text"/> (small: one per card, hundreds a page).</summary>
    public static string QrDataUri(string text) => "data:image/png;base64," + Convert.ToBase64String(QrCodes.Png(text, pixelsPerModule: 4));

    public static IReadOnlyList<IReadOnlyList<PrintableCard>> Sheets(IReadOnlyList<WorkshopCard> cards)
    {
        ArgumentNullException.ThrowIfNull(cards);
        return cards
            .Select(c => new PrintableCard(c.UserName, c.OneTimePassword, c.AuthenticatorSecret, c.AuthenticatorUri is null ? null : QrDataUri(c.AuthenticatorUri)))
            .Chunk(CardsPerSheet)
            .Select(sheet => (IReadOnlyList<PrintableCard>)sheet)
            .ToList();
    }
}
