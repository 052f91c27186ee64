using MudBlazor;

namespace IdentityCenter.Web.Components.Layout;

/// <summary>The product's colours, shared by every layout.</summary>
internal static class IdentityCenterTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fa8",
            Secondary = "#e07b00",
            AppbarBackground = "#16324f",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#6ea8fe",
            Secondary = "#ffb24d",
            AppbarBackground = "#0d1b2a",
        },
    };
}
