using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.PermissionSets;

/// <summary>
/// The logic of <c>ProvisioningStatusPanel.razor</c>: re-provisions the permission set through
/// <see cref="IPermissionSetService.ProvisionAsync"/> into every account or one; a refusal or the accounts where it
/// failed show above the table, and <see cref="Provisioned"/> lets the page load the new state.
/// </summary>
public partial class ProvisioningStatusPanel
{
    [Inject]
    private IPermissionSetService PermissionSets { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private OperationState Provision { get; set; } = default!;

    /// <summary>The permission set and its state per account.</summary>
    [Parameter, EditorRequired]
    public PermissionSetDetail Detail { get; set; } = default!;

    /// <summary>Called after a provisioning run (also one that failed in some accounts): the state changed.</summary>
    [Parameter]
    public EventCallback Provisioned { get; set; }

    private async Task ProvisionAsync(string? accountId)
    {
        var id = Detail.PermissionSet.Id;
        if (await Provision.RunAsync(async () => await PermissionSets.ProvisionAsync(id, accountId, await CurrentActor.GetAsync())) is not { Value: { } report })
        {
            return;
        }

        var failed = report.Outcomes.Where(o => !o.Succeeded).ToList();
        if (failed.Count == 0)
        {
            Snackbar.Add($"Provisioned into {report.Outcomes.Count} account(s).", Severity.Success);
        }
        else
        {
            Provision.Fail($"Provisioning failed in {failed.Count} of {report.Outcomes.Count} account(s): {string.Join(" ", failed.Select(f => $"{f.AccountId}: {f.FailureReason}"))}");
        }

        await Provisioned.InvokeAsync();
    }

    private static string StatusText(ProvisionedAccountStatus status) => status.Status switch
    {
        ProvisioningStatus.LatestProvisioned => "Provisioned",
        ProvisioningStatus.LatestNotProvisioned => "Out of date",
        _ => status.FailureReason is null ? "Not provisioned" : "Failed",
    };

    private static Color StatusColor(ProvisionedAccountStatus status) => status.Status switch
    {
        ProvisioningStatus.LatestProvisioned => Color.Success,
        ProvisioningStatus.LatestNotProvisioned => Color.Warning,
        _ => Color.Error,
    };
}
