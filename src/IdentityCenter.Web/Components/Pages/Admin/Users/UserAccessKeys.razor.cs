using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.UserAccessKeys;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Users;

/// <summary>A user's access keys on their admin page (see the markup for what it offers).</summary>
public partial class UserAccessKeys
{
    private const int MaxKeys = IdentityCenter.Core.Credentials.AccessKeys.MaxLongTermKeysPerUser;

    private IReadOnlyList<AccessKeyInfo> _keys = [];
    private HashSet<string> _allowed = [];

    [Parameter, EditorRequired]
    public string UserId { get; set; } = "";

    /// <summary>For the messages ("Delete the access key … of frank?").</summary>
    [Parameter]
    public string UserName { get; set; } = "";

    /// <summary>On <c>/account</c>: the signed-in user's own keys (the wording says "you").</summary>
    [Parameter]
    public bool SelfService { get; set; }

    [Inject]
    private IAccessKeyService Keys { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ConsoleAccess Access { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Loading the keys and what the signed-in person may do with them; its failure is shown even when the section is not.</summary>
    [Inject]
    private OperationState Load { get; set; } = default!;

    /// <summary>Every change of a key: busy state and the refusal or failure shown above the keys.</summary>
    [Inject]
    private OperationState Change { get; set; } = default!;

    /// <summary>Whether the signed-in administrator's policies let them see these keys (the section is not shown otherwise).</summary>
    private bool Visible => _allowed.Contains(ListAction);

    private const string ListAction = "iam:ListAccessKeys";
    private const string CreateAction = "iam:CreateAccessKey";
    private const string UpdateAction = "iam:UpdateAccessKey";
    private const string DeleteAction = "iam:DeleteAccessKey";

    protected override Task OnParametersSetAsync() => Load.TryAsync(async () =>
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in new[] { ListAction, CreateAction, UpdateAction, DeleteAction })
        {
            if ((await Access.AuthorizeAccessKeysAsync(action, UserId, UserName)).IsAllowed)
            {
                allowed.Add(action);
            }
        }

        _allowed = allowed;
        _keys = Visible ? await Keys.ListAsync(UserId) : [];
    }, "The access keys could not be loaded: the directory database did not answer. Reload the page in a moment.");

    private static string LastUsed(AccessKeyInfo key) => key.LastUsedAt is { } at
        ? $"{Format.Time(at)} · {key.LastUsedService} in {key.LastUsedRegion}"
        : "never";

    private async Task CreateAsync()
    {
        CreatedAccessKey? created = null;
        await RunAsync(CreateAction, async actor =>
        {
            var result = await Keys.CreateAsync(UserId, actor);
            created = result.Value;
            return (result, "Access key created.");
        });

        if (created is not null)
        {
            var parameters = new DialogParameters<AccessKeyCreatedDialog>
            {
                { d => d.AccessKeyId, created.Key.AccessKeyId },
                { d => d.SecretAccessKey, created.SecretAccessKey },
                { d => d.UserName, UserName },
            };
            var options = new DialogOptions { CloseOnEscapeKey = false, BackdropClick = false, MaxWidth = MaxWidth.Small, FullWidth = true };
            await Dialogs.ShowAsync<AccessKeyCreatedDialog>("Access key created", parameters, options);
        }
    }

    private async Task SetStatusAsync(AccessKeyInfo key, AccessKeyStatus status)
    {
        if (status == AccessKeyStatus.Inactive
            && !await Dialogs.ConfirmAsync("Make access key inactive", $"Make {key.AccessKeyId} of {UserName} inactive? Requests signed with it are refused from now on, until it is made active again.", "Make inactive", Color.Warning))
        {
            return;
        }

        await RunAsync(UpdateAction, async actor => (await Keys.SetStatusAsync(UserId, key.AccessKeyId, status, actor), $"{key.AccessKeyId} is {status.ToString().ToLowerInvariant()}."));
    }

    private async Task DeleteAsync(AccessKeyInfo key)
    {
        if (await Dialogs.ConfirmAsync("Delete access key", $"Delete {key.AccessKeyId} of {UserName}? Anything still using it stops working, and it cannot be recovered. Consider making it inactive first to find out.", "Delete"))
        {
            await RunAsync(DeleteAction, async actor => (await Keys.DeleteAsync(UserId, key.AccessKeyId, actor), $"{key.AccessKeyId} deleted."));
        }
    }

    /// <summary>
    /// One write with the acting administrator, decided again on the server by the shared evaluator (<paramref name="iamAction"/>
    /// on this user's keys): reports the outcome or the refusal and reloads the keys.
    /// </summary>
    private async Task RunAsync(string iamAction, Func<Actor, Task<(OperationResult Result, string SuccessMessage)>> action)
    {
        string? success = null;
        var result = await Change.RunAsync(async () =>
        {
            var decision = await Access.AuthorizeAccessKeysAsync(iamAction, UserId, UserName);
            if (!decision.IsAllowed)
            {
                return OperationResult.Forbidden(decision.AccessDeniedMessage);
            }

            (var outcome, success) = await action(await CurrentActor.GetAsync());
            _keys = await Keys.ListAsync(UserId);
            return outcome;
        });
        if (result is not null)
        {
            Snackbar.Add(success!, Severity.Success);
        }
    }
}
