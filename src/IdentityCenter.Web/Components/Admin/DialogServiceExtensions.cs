using IdentityCenter.Web.Components.Shared;
using MudBlazor;

namespace IdentityCenter.Web.Components.Admin;

public static class DialogServiceExtensions
{
    /// <summary>Asks <paramref name="message"/> in a <see cref="ConfirmDialog"/>; true only when the administrator confirms.</summary>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string confirmText, Color confirmColor = Color.Error)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Title, title },
            { d => d.Message, message },
            { d => d.ConfirmText, confirmText },
            { d => d.ConfirmColor, confirmColor },
        };
        var reference = await dialogs.ShowAsync<ConfirmDialog>(title, parameters, new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await reference.Result;
        return result is { Canceled: false };
    }
}
