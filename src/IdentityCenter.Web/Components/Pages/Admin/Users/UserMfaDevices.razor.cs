using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Users;

/// <summary>
/// The logic of <c>UserMfaDevices.razor</c>: removes a device through <see cref="IMfaDeviceService.RemoveDeviceAsync"/> after
/// a confirmation, once the authorizer allows it again on the server; a refusal or failure shows above the devices, and
/// <see cref="Changed"/> lets the page load the new list.
/// </summary>
public partial class UserMfaDevices
{
    [Inject]
    private IMfaDeviceService MfaDevices { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ConsoleAccess Access { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Removing a device: busy state and the refusal or failure shown above the devices.</summary>
    [Inject]
    private OperationState Change { get; set; } = default!;

    /// <summary>The user whose devices these are.</summary>
    [Parameter, EditorRequired]
    public UserDetail User { get; set; } = default!;

    /// <summary>The user's devices (<see cref="IMfaDeviceService.ListDevicesAsync"/>).</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<MfaDeviceInfo> Devices { get; set; } = [];

    /// <summary>The console actions the page found the administrator may perform on this user: removing needs <see cref="ConsoleActions.DeleteMfaDevice"/>.</summary>
    [Parameter]
    public IReadOnlySet<string> Allowed { get; set; } = new HashSet<string>();

    /// <summary>Called after a device was removed.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    private bool CanRemove => Allowed.Contains(ConsoleActions.DeleteMfaDevice);

    private async Task RemoveAsync(MfaDeviceInfo device)
    {
        var userId = User.Id;
        if (!await Dialogs.ConfirmAsync("Remove MFA device", $"Remove the authenticator app \"{device.FriendlyName}\" of {User.UserName}? They will need another device, or to register one, to sign in.", "Remove device"))
        {
            return;
        }

        if (await Change.RunAsync(async () => await Access.RefusalAsync(ConsoleActions.DeleteMfaDevice, userId: userId)
                ?? await MfaDevices.RemoveDeviceAsync(userId, device.Id, await CurrentActor.GetAsync())) is not null)
        {
            Snackbar.Add($"Device \"{device.FriendlyName}\" removed.", Severity.Success);
            await Changed.InvokeAsync();
        }
    }
}
