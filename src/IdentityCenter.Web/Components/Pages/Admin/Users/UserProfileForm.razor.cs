using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Users;

/// <summary>
/// The logic of <c>UserProfileForm.razor</c>: checks the profile with the validator the service runs
/// (<see cref="DirectoryNames.ValidateProfile"/>), then saves it through <see cref="IUserDirectoryService.UpdateUserAsync"/>
/// once the authorizer allows it again on the server. Errors show next to their fields, the others above the profile;
/// a reload of the user by the page keeps what the administrator is typing.
/// </summary>
public partial class UserProfileForm
{
    /// <summary>The profile fields, whose errors show next to them (the others above the profile).</summary>
    private static readonly string[] ProfileFields = ["DisplayName", "GivenName", "FamilyName", "Email"];

    private UserDetail? _shown;
    private string? _displayName;
    private string? _givenName;
    private string? _familyName;
    private string? _email;

    [Inject]
    private IUserDirectoryService Users { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ConsoleAccess Access { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Checking and saving the profile: busy state, errors next to the fields (the others above the profile).</summary>
    [Inject]
    private OperationState Save { get; set; } = default!;

    /// <summary>The user shown; a new value (the page reloaded it) replaces the form's values unless they are being edited.</summary>
    [Parameter, EditorRequired]
    public UserDetail User { get; set; } = default!;

    /// <summary>The console actions the page found the administrator may perform on this user: saving needs <see cref="ConsoleActions.UpdateUser"/>.</summary>
    [Parameter]
    public IReadOnlySet<string> Allowed { get; set; } = new HashSet<string>();

    /// <summary>Called after the profile was saved.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    private bool CanSave => Allowed.Contains(ConsoleActions.UpdateUser);

    private (string?, string?, string?, string?) FormValues => (_displayName, _givenName, _familyName, _email);

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(User, _shown))
        {
            return;
        }

        // Keep what the administrator is typing when the page reloads the same user for another change.
        var edited = _shown is not null && FormValues != (_shown.DisplayName, _shown.GivenName, _shown.FamilyName, _shown.Email);
        if (_shown?.Id != User.Id || !edited)
        {
            Fill(User);
        }

        if (_shown?.Id != User.Id)
        {
            Save.Clear();
        }

        _shown = User;
    }

    private void Fill(UserDetail user) => (_displayName, _givenName, _familyName, _email) = (user.DisplayName, user.GivenName, user.FamilyName, user.Email);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private async Task SaveAsync()
    {
        var userId = User.Id;
        var profile = new UserProfile(_displayName?.Trim() ?? "", Blank(_givenName), Blank(_familyName), Blank(_email));
        if (Save.Busy || !Save.Check(DirectoryNames.ValidateProfile(profile)))
        {
            return;
        }

        if (await Save.RunAsync(async () => (await Access.RefusalAsync(ConsoleActions.UpdateUser, userId: userId))?.As<UserDetail>()
                ?? await Users.UpdateUserAsync(userId, profile, await CurrentActor.GetAsync())) is { Value: { } saved })
        {
            // The form shows what was saved (trimmed); the page's reload then finds it unedited.
            Fill(saved);
            _shown = saved;
            Snackbar.Add("Profile saved.", Severity.Success);
            await Changed.InvokeAsync();
        }
    }
}
