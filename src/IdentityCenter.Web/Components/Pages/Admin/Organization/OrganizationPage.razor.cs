using IdentityCenter.Core;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Organization;

/// <summary>
/// The logic of <c>OrganizationPage.razor</c>: loads the organization, keeps the selected node, and runs the node's
/// actions (delete OU, move or remove an account, attach or detach a policy) through <see cref="IOrganizationService"/>.
/// The tree (<see cref="OrganizationTreeItems"/>), the node form (<see cref="OrganizationNodeForm"/>), the attached policies
/// (<see cref="AttachedPoliciesPanel"/>) and the first-run form (<see cref="CreateOrganizationForm"/>) are components.
/// </summary>
public partial class OrganizationPage
{
    private OrganizationView? _view;
    private string? _selectedId;
    private IReadOnlyList<OrganizationPolicyInfo> _attached = [];
    private IReadOnlyList<OrganizationPolicyInfo> _allPolicies = [];
    private OrganizationFormMode? _form;

    [Inject]
    private IOrganizationService Organization { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The selected node's actions and reloads: busy state and the failure shown above the details.</summary>
    [Inject]
    private OperationState Actions { get; set; } = default!;

    /// <summary>Loading the organization: a progress bar meanwhile, the failure instead of the tree.</summary>
    [Inject]
    private OperationState Load { get; set; } = default!;

    private OrganizationTreeNode? Selected => _view?.Nodes.FirstOrDefault(n => n.Id == _selectedId);

    private AccountInfo? SelectedAccount => _view?.Accounts.FirstOrDefault(a => a.Id == _selectedId);

    private static string TypeText(OrganizationTargetType type) => type switch
    {
        OrganizationTargetType.Root => "Root",
        OrganizationTargetType.OrganizationalUnit => "Organizational unit",
        _ => "Account",
    };

    protected override async Task OnInitializedAsync() =>
        await Load.TryAsync(ReloadAsync, unavailable: "The organization could not be loaded. Try again in a moment.");

    private async Task ReloadAsync()
    {
        _view = await Organization.GetOrganizationAsync();
        if (_view is null)
        {
            return;
        }

        _allPolicies = await Organization.ListPoliciesAsync();
        if (Selected is null)
        {
            _selectedId = _view.Organization.RootId;
        }

        _attached = await Organization.ListPoliciesForTargetAsync(_selectedId!);
    }

    private async Task SelectAsync(string? id)
    {
        if (id is null || id == _selectedId)
        {
            return;
        }

        _selectedId = id;
        _form = null;
        await Actions.TryAsync(async () => _attached = await Organization.ListPoliciesForTargetAsync(id));
    }

    private async Task OnOrganizationCreatedAsync()
    {
        Snackbar.Add("Organization created.", Severity.Success);
        await ReloadWithErrorAsync();
    }

    private async Task OnFormSavedAsync(string message)
    {
        _form = null;
        Snackbar.Add(message, Severity.Success);
        await ReloadWithErrorAsync();
    }

    private async Task ReloadWithErrorAsync() => await Actions.RefreshAsync(ReloadAsync);

    private async Task DeleteUnitAsync()
    {
        var node = Selected!;
        if (await Dialogs.ConfirmAsync("Delete OU", $"Delete the OU {node.Name}? Only an empty OU can be deleted.", "Delete"))
        {
            var parent = node.ParentId;
            await RunAsync(async actor => (await Organization.DeleteOrganizationalUnitAsync(node.Id, actor), $"OU {node.Name} deleted."));
            if (_view?.Nodes.All(n => n.Id != node.Id) == true)
            {
                await SelectAsync(parent);
            }
        }
    }

    private async Task RemoveAccountAsync()
    {
        var account = SelectedAccount!;
        if (await Dialogs.ConfirmAsync("Remove account", $"Remove {account.Name} ({account.Id}) from the organization? Accounts that still have assignments cannot be removed: remove the assignments first.", "Remove"))
        {
            await RunAsync(async actor => (await Organization.RemoveAccountAsync(account.Id, actor), $"Account {account.Name} removed."));
        }
    }

    private async Task MoveAccountAsync()
    {
        var account = SelectedAccount!;
        var parameters = new DialogParameters<MoveAccountDialog>
        {
            { d => d.AccountId, account.Id },
            { d => d.AccountName, account.Name },
            { d => d.CurrentParentName, account.ParentName },
            { d => d.Destinations, MoveAccountDialog.DestinationsFor(_view!, account) },
        };
        var reference = await Dialogs.ShowAsync<MoveAccountDialog>("Move account", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var chosen = await reference.Result;
        if (chosen is { Canceled: false, Data: string destination })
        {
            var name = _view!.Nodes.FirstOrDefault(n => n.Id == destination)?.Name ?? destination;
            await RunAsync(async actor => (await Organization.MoveAccountAsync(account.Id, destination, actor), $"{account.Name} moved to {name}."));
        }
    }

    private async Task AttachAsync(string policyId)
    {
        var target = _selectedId!;
        await RunAsync(async actor => (await Organization.AttachPolicyAsync(policyId, target, actor), "Policy attached."));
    }

    private async Task DetachAsync(OrganizationPolicyInfo policy)
    {
        if (await Dialogs.ConfirmAsync("Detach policy", $"Detach {policy.Name} from {Selected?.Name}? A level without any SCP denies everything below it.", "Detach"))
        {
            var target = _selectedId!;
            await RunAsync(async actor => (await Organization.DetachPolicyAsync(policy.Id, target, actor), $"{policy.Name} detached."));
        }
    }

    /// <summary>Runs one action on the selected node: a snackbar and a reload when it succeeds, its errors above the details when not.</summary>
    private async Task RunAsync(Func<Core.Audit.Actor, Task<(OperationResult Result, string Success)>> write)
    {
        string? success = null;
        var result = await Actions.RunAsync(async () =>
        {
            (var outcome, success) = await write(await CurrentActor.GetAsync());
            return outcome;
        });
        if (result is not null)
        {
            Snackbar.Add(success!, Severity.Success);
            await Actions.RefreshAsync(ReloadAsync);
        }
    }
}
