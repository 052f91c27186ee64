using Microsoft.JSInterop;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Portal;

/// <summary>Copies text to the browser's clipboard and says whether it worked (the copy buttons of the portal).</summary>
internal static class Clipboard
{
    public static async Task CopyAsync(IJSRuntime js, ISnackbar snackbar, string text)
    {
        try
        {
            await js.InvokeVoidAsync("navigator.clipboard.writeText", text);
            snackbar.Add("Copied", Severity.Success);
        }
        catch (JSException)
        {
            snackbar.Add("The browser did not allow copying; select the text and copy it by hand.", Severity.Warning);
        }
    }
}
