using IdentityCenter.Core;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;

namespace IdentityCenter.Web.Components.Pages.Admin.Organization;

/// <summary>What <see cref="OrganizationNodeForm"/> does with the selected node.</summary>
public enum OrganizationFormMode
{
    CreateUnit,
    RenameUnit,
    CreateAccount,
    EditAccount,
}

/// <summary>
/// The logic of <c>OrganizationNodeForm.razor</c>: one call to <see cref="IOrganizationService"/> per save; the service's
/// field errors show next to their fields, anything else above the buttons; <see cref="Saved"/> gets the success message.
/// </summary>
public partial class OrganizationNodeForm
{
    private static readonly string[] Fields = ["Name", "Email", "AccountId", "Id"];

    private string? _name;
    private string? _email;
    private string? _accountId;
    private AccountStatus _status;
    private (OrganizationFormMode, string)? _startedFor;

    [Inject]
    private IOrganizationService Organization { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private OperationState Save { get; set; } = default!;

    [Parameter, EditorRequired]
    public OrganizationFormMode Mode { get; set; }

    /// <summary>The selected node: the parent of a new OU or account, or the OU or account edited.</summary>
    [Parameter, EditorRequired]
    public OrganizationTreeNode Node { get; set; } = default!;

    /// <summary>The account edited (<see cref="OrganizationFormMode.EditAccount"/>), whose values the form starts with.</summary>
    [Parameter]
    public AccountInfo? Account { get; set; }

    /// <summary>Called after a successful save with the message to show.</summary>
    [Parameter]
    public EventCallback<string> Saved { get; set; }

    [Parameter]
    public EventCallback Cancelled { get; set; }

    private string Title => Mode switch
    {
        OrganizationFormMode.CreateUnit => $"New OU in {Node.Name}",
        OrganizationFormMode.RenameUnit => "Rename OU",
        OrganizationFormMode.CreateAccount => $"New account in {Node.Name}",
        _ => "Edit account",
    };

    /// <summary>Starts with the edited node's values, and afresh whenever another node or mode is chosen.</summary>
    protected override void OnParametersSet()
    {
        if (_startedFor == (Mode, Node.Id))
        {
            return;
        }

        _startedFor = (Mode, Node.Id);
        Save.Clear();
        _accountId = null;
        (_name, _email, _status) = Mode switch
        {
            OrganizationFormMode.RenameUnit => (Node.Name, null, default),
            OrganizationFormMode.EditAccount when Account is not null => (Account.Name, Account.Email, Account.Status),
            _ => ((string?)null, (string?)null, default(AccountStatus)),
        };
    }

    private async Task SubmitAsync()
    {
        var name = _name?.Trim() ?? "";
        var email = _email?.Trim() ?? "";
        var result = await Save.RunAsync(async () =>
        {
            var actor = await CurrentActor.GetAsync();
            OperationResult saved = Mode switch
            {
                OrganizationFormMode.CreateUnit => await Organization.CreateOrganizationalUnitAsync(Node.Id, name, actor),
                OrganizationFormMode.RenameUnit => await Organization.RenameOrganizationalUnitAsync(Node.Id, name, actor),
                OrganizationFormMode.CreateAccount => await Organization.CreateAccountAsync(
                    new AccountInput(name, email, Node.Id, string.IsNullOrWhiteSpace(_accountId) ? null : _accountId.Trim()), actor),
                _ => await Organization.UpdateAccountAsync(Node.Id, new AccountUpdate(name, email, _status), actor),
            };
            return saved;
        });
        if (result is not null)
        {
            await Saved.InvokeAsync(Mode switch
            {
                OrganizationFormMode.CreateUnit => $"OU {name} created.",
                OrganizationFormMode.RenameUnit => "OU renamed.",
                OrganizationFormMode.CreateAccount => $"Account {name} created.",
                _ => "Account saved.",
            });
        }
    }
}
