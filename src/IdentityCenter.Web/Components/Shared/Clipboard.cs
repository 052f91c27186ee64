using Microsoft.JSInterop;
using MudBlazor;

namespace IdentityCenter.Web.Components.Shared;

/// <summary>Copies text to the browser's clipboard and says whether it worked (every copy button of the portal and the admin console).</summary>
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
