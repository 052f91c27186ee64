using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Users;

/// <summary>
/// The logic of <c>CreateUserDialog.razor</c>: checks the names with <see cref="DirectoryNames"/> (the service's rules),
/// creates the user through <see cref="IUserDirectoryService"/> when the console's access allows it, then shows the
/// one-time password; errors show next to their fields, others above them.
/// </summary>
public partial class CreateUserDialog
{
    private static readonly string[] KnownFields =
    [
        nameof(CreateUserRequest.UserName), nameof(CreateUserRequest.DisplayName), nameof(CreateUserRequest.GivenName),
        nameof(CreateUserRequest.FamilyName), nameof(CreateUserRequest.Email),
    ];

    private string? _userName;
    private string? _displayName;
    private string? _givenName;
    private string? _familyName;
    private string? _email;
    private CreatedUser? _created;
    private MudButton? _done;
    private bool _focusDone;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private IUserDirectoryService Users { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ConsoleAccess Access { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private OperationState Create { get; set; } = default!;

    private async Task CreateAsync()
    {
        var request = new CreateUserRequest(_userName?.Trim() ?? "", _displayName?.Trim() ?? "", Blank(_givenName), Blank(_familyName), Blank(_email));
        if (Create.Busy || !Create.Check(DirectoryNames.ValidateUserName(request.UserName).Concat(DirectoryNames.ValidateProfile(request.Profile)).ToList()))
        {
            return;
        }

        var result = await Create.RunAsync(async () =>
        {
            var decision = await Access.AuthorizeAsync(ConsoleActions.CreateUser);
            return decision.IsAllowed
                ? await Users.CreateUserAsync(request, await CurrentActor.GetAsync())
                : OperationResult.Forbidden(decision.AccessDeniedMessage).As<CreatedUser>();
        });
        if (result?.Value is { } created)
        {
            _created = created;
            _focusDone = true;
            Snackbar.Add($"User {created.User.UserName} created.", Severity.Success);
        }
    }

    /// <summary>The Create button the focus was on is gone once the user exists: the focus moves to Done, inside the dialog.</summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusDone && _done is not null)
        {
            _focusDone = false;
            await _done.FocusAsync();
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private void Cancel() => Dialog.Cancel();

    private void Done() => Dialog.Close(DialogResult.Ok(_created!.User));

    private void OpenUser()
    {
        var id = _created!.User.Id;
        Dialog.Close(DialogResult.Ok(_created.User));
        Navigation.NavigateTo($"/admin/users/{Uri.EscapeDataString(id)}");
    }
}
