using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Directory;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Organization;

/// <summary>The logic of <c>MoveAccountDialog.razor</c>: the destinations an account can move to, and the chosen one (the page runs the move).</summary>
public partial class MoveAccountDialog
{
    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter]
    public string AccountId { get; set; } = "";

    [Parameter]
    public string AccountName { get; set; } = "";

    [Parameter]
    public string CurrentParentName { get; set; } = "";

    /// <summary>(id, label with indentation) of the root and every OU except the current parent.</summary>
    [Parameter]
    public IReadOnlyList<(string Id, string Label)> Destinations { get; set; } = [];

    /// <summary>Where <paramref name="account"/> can move in <paramref name="view"/>: the root and every OU but its current parent, indented by depth.</summary>
    public static IReadOnlyList<(string Id, string Label)> DestinationsFor(OrganizationView view, AccountInfo account)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(account);
        return view.Nodes
            .Where(n => n.Type != OrganizationTargetType.Account && n.Id != account.ParentId)
            .Select(n => (n.Id, new string('\u00A0', n.Depth * 2) + n.Name))
            .ToList();
    }

    private string? _destination;
    private string? _error;

    private void Confirm()
    {
        if (string.IsNullOrEmpty(_destination))
        {
            _error = "Choose where the account moves.";
            return;
        }

        Dialog.Close(DialogResult.Ok(_destination));
    }
}
