using MudBlazor;

namespace IdentityCenter.Web.Components.Layout;

/// <summary>
/// The product's colours, shared by every layout. The light palette's status colours and secondary text are darker than
/// MudBlazor's defaults so text in them, and white text on them, meets WCAG AA contrast (4.5:1; checked by axe in the
/// browser tests): our former secondary #e07b00 and MudBlazor's info #2196f3, error #f44336, success #00c853, warning #ff9800 and 54 % grey do not.
/// </summary>
internal static class IdentityCenterTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fa8",
            Secondary = "#a15c00",
            AppbarBackground = "#16324f",
            Info = "#1565c0",
            Error = "#c62828",
            Success = "#2e7d32",
            Warning = "#b45309",
            TextSecondary = "rgba(0,0,0,0.6)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#6ea8fe",
            Secondary = "#ffb24d",
            AppbarBackground = "#0d1b2a",
        },
    };
}
