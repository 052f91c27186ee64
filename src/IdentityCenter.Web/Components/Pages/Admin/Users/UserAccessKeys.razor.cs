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
    private bool _busy;
    private string? _error;

    [Parameter, EditorRequired]
    public string UserId { get; set; } = "";

    /// <summary>For the messages ("Delete the access key … of frank?").</summary>
    [Parameter]
    public string UserName { get; set; } = "";

    [Inject]
    private IAccessKeyService Keys { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            _keys = await Keys.ListAsync(UserId);
        }
        catch (Exception ex) when (AdminErrors.IsInfrastructure(ex))
        {
            _error = "The access keys could not be loaded: the directory database did not answer. Reload the page in a moment.";
        }
    }

    private static string LastUsed(AccessKeyInfo key) => key.LastUsedAt is { } at
        ? $"{Format.Time(at)} · {key.LastUsedService} in {key.LastUsedRegion}"
        : "never";

    private async Task CreateAsync()
    {
        CreatedAccessKey? created = null;
        await RunAsync(async actor =>
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

        await RunAsync(async actor => (await Keys.SetStatusAsync(UserId, key.AccessKeyId, status, actor), $"{key.AccessKeyId} is {status.ToString().ToLowerInvariant()}."));
    }

    private async Task DeleteAsync(AccessKeyInfo key)
    {
        if (await Dialogs.ConfirmAsync("Delete access key", $"Delete {key.AccessKeyId} of {UserName}? Anything still using it stops working, and it cannot be recovered. Consider making it inactive first to find out.", "Delete"))
        {
            await RunAsync(async actor => (await Keys.DeleteAsync(UserId, key.AccessKeyId, actor), $"{key.AccessKeyId} deleted."));
        }
    }

    /// <summary>One write with the acting administrator: reports the outcome and reloads the keys.</summary>
    private async Task RunAsync(Func<Actor, Task<(OperationResult Result, string SuccessMessage)>> action)
    {
        if (_busy)
        {
            return;
        }

        _busy = true;
        _error = null;
        try
        {
            var (result, message) = await action(await CurrentActor.GetAsync());
            if (result.Succeeded)
            {
                Snackbar.Add(message, Severity.Success);
            }
            else
            {
                _error = result.Summary;
                Snackbar.Add(result.Summary, Severity.Error);
            }

            _keys = await Keys.ListAsync(UserId);
        }
        catch (Exception ex) when (AdminErrors.IsInfrastructure(ex))
        {
            _error = AdminErrors.Unavailable;
            Snackbar.Add(AdminErrors.Unavailable, Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }
}
