using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Credentials;

/// <summary>
/// The logic of <c>RevokeCredentialsPage.razor</c>: after a destructive confirmation, revokes the role credentials issued
/// before now, of one user or of everyone, through <see cref="ICredentialRevocation"/>.
/// </summary>
public partial class RevokeCredentialsPage
{
    private UserSummary? _user;

    [Inject]
    private ICredentialRevocation Revocation { get; set; } = default!;

    [Inject]
    private IUserDirectoryService Users { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private OperationState Revoke { get; set; } = default!;

    private async Task<IEnumerable<UserSummary>> SearchAsync(string? text, CancellationToken cancellationToken) =>
        (await Users.ListUsersAsync(new UserQuery(Search: text, PageSize: 20), cancellationToken)).Items;

    private async Task RevokeUserAsync()
    {
        if (_user is not { } user
            || !await Dialogs.ConfirmAsync("Revoke credentials", $"Revoke every role credential {user.UserName} got before now?", "Revoke"))
        {
            return;
        }

        if (await Revoke.TryAsync(async () => await Revocation.RevokeUserAsync(user.Id, await CurrentActor.GetAsync())))
        {
            Snackbar.Add($"Revoked the credentials of {user.UserName} issued before now.", Severity.Success);
        }
    }

    private async Task RevokeAllAsync()
    {
        if (!await Dialogs.ConfirmAsync("Revoke all credentials", "Revoke every role credential issued before now, for everyone?", "Revoke all"))
        {
            return;
        }

        if (await Revoke.TryAsync(async () => await Revocation.RevokeAllAsync(await CurrentActor.GetAsync())))
        {
            Snackbar.Add("Revoked every credential issued before now.", Severity.Success);
        }
    }
}
