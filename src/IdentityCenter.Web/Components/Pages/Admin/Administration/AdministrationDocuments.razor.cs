using IdentityCenter.Core.Administration;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Administration;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Administration;

/// <summary>A group's or user's administration documents on their admin page (see the markup for what it offers).</summary>
public partial class AdministrationDocuments
{
    private const string NameHelp = "Letters, digits and +=,.@_-; the same name replaces that document.";

    private static readonly IReadOnlyList<string> BuiltInNames = [.. AdministrationPolicies.All.Keys];

    private IReadOnlyList<AdministrationPolicyAttachment> _documents = [];
    private HashSet<string> _allowed = [];
    private string? _builtIn;
    private string? _customName;
    private string? _customText;
    private string? _shown;

    /// <summary>True for a group's page, false for a user's.</summary>
    [Parameter]
    public bool Group { get; set; }

    [Parameter, EditorRequired]
    public string PrincipalId { get; set; } = "";

    /// <summary>The group's display name or the user's user name (their IAM ARN and the messages use it).</summary>
    [Parameter, EditorRequired]
    public string PrincipalName { get; set; } = "";

    [Inject]
    private IAdministrationPolicyService Documents { get; set; } = default!;

    [Inject]
    private ConsoleAccess Access { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Loading and every change: the customer document's errors next to its fields, the others above the list.</summary>
    [Inject]
    private OperationState Change { get; set; } = default!;

    private static readonly string[] DocumentFields = ["Name", "Document"];

    private AdministrationPrincipalType Type => Group ? AdministrationPrincipalType.Group : AdministrationPrincipalType.User;

    private string ListAction => Group ? "iam:ListAttachedGroupPolicies" : "iam:ListAttachedUserPolicies";

    private string AttachAction => AdministrationPolicyAuditNames.For(Type, builtIn: true, add: true).Insert(0, "iam:");

    private string PutAction => AdministrationPolicyAuditNames.For(Type, builtIn: false, add: true).Insert(0, "iam:");

    private bool Visible => _allowed.Contains(ListAction);

    private string RemoveAction(AdministrationPolicyAttachment document) => AdministrationPolicyAuditNames.For(Type, document.IsBuiltIn, add: false).Insert(0, "iam:");

    protected override Task OnParametersSetAsync() => Change.TryAsync(async () =>
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in new[] { ListAction, AttachAction, PutAction, RemoveAction(Sample(builtIn: true)), RemoveAction(Sample(builtIn: false)) })
        {
            if ((await Access.AuthorizeAdministrationDocumentsAsync(action, Group, PrincipalId, PrincipalName)).IsAllowed)
            {
                allowed.Add(action);
            }
        }

        _allowed = allowed;
        _documents = Visible ? await Documents.ListAsync(Type, PrincipalId) : [];
    });

    private AdministrationPolicyAttachment Sample(bool builtIn) => new("", Type, PrincipalId, "", builtIn ? null : "{}", default, "");

    private void Toggle(AdministrationPolicyAttachment document) => _shown = _shown == document.Id ? null : document.Id;

    private Task<bool> AttachAsync() =>
        RunAsync(AttachAction, async actor => (await Documents.AttachBuiltInAsync(Type, PrincipalId, _builtIn ?? "", actor), $"{_builtIn} attached to {PrincipalName}."));

    private async Task PutAsync()
    {
        if (await RunAsync(PutAction, async actor => (await Documents.PutCustomAsync(Type, PrincipalId, _customName ?? "", _customText ?? "", actor), $"{_customName?.Trim()} saved for {PrincipalName}.")))
        {
            _customName = null;
            _customText = null;
        }
    }

    private async Task DetachAsync(AdministrationPolicyAttachment document)
    {
        var who = Group ? $"members of {PrincipalName}" : PrincipalName;
        if (await Dialogs.ConfirmAsync("Detach administration document", $"Detach {document.Name} from {PrincipalName}? {who} lose what it allows at once.", "Detach"))
        {
            await RunAsync(RemoveAction(document), async actor => (await Documents.DetachAsync(Type, PrincipalId, document.Id, actor), $"{document.Name} detached."));
        }
    }

    /// <summary>One change, decided again on the server by the shared evaluator (<paramref name="iamAction"/> on this group or user); reloads the list.</summary>
    private async Task<bool> RunAsync(string iamAction, Func<Actor, Task<(OperationResult Result, string SuccessMessage)>> action)
    {
        string? success = null;
        var result = await Change.RunAsync(async () =>
        {
            var decision = await Access.AuthorizeAdministrationDocumentsAsync(iamAction, Group, PrincipalId, PrincipalName);
            if (!decision.IsAllowed)
            {
                return OperationResult.Forbidden(decision.AccessDeniedMessage);
            }

            (var outcome, success) = await action(await CurrentActor.GetAsync());
            _documents = await Documents.ListAsync(Type, PrincipalId);
            return outcome;
        });
        if (result is null)
        {
            return false;
        }

        Snackbar.Add(success!, Severity.Success);
        return true;
    }
}
