using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Settings;

/// <summary>
/// The logic of <c>PasswordPolicyPage.razor</c>: loads the policy into a form, checks it with
/// <see cref="PasswordPolicy.Validate"/> (the rule the service applies) and saves it through <see cref="IDirectorySettingsService"/>;
/// errors show next to their fields.
/// </summary>
public partial class PasswordPolicyPage
{
    private static readonly string[] KnownFields =
    [
        nameof(PasswordPolicy.MinimumPasswordLength), nameof(PasswordPolicy.MaximumPasswordLength),
        nameof(PasswordPolicy.MaxPasswordAge), nameof(PasswordPolicy.PasswordReusePrevention), nameof(PasswordPolicy.HardExpiry),
    ];

    private PolicyForm? _form;

    [Inject]
    private IDirectorySettingsService Settings { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private OperationState Save { get; set; } = default!;

    /// <summary>Loading the policy (on opening and on Discard changes): the failure shows instead of the form.</summary>
    [Inject]
    private OperationState Load { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        Save.Clear();
        await Load.TryAsync(async () => _form = PolicyForm.From(await Settings.GetPasswordPolicyAsync()),
            unavailable: "The password policy could not be loaded: the directory database did not answer. Reload the page in a moment.");
    }

    private void ApplyPreset()
    {
        Save.Clear();
        _form = PolicyForm.From(PasswordPolicy.IdentityCenterDirectory);
        Snackbar.Add("Identity Center directory preset applied to the form. Save to put it into effect.", Severity.Info);
    }

    private async Task SaveAsync()
    {
        if (_form is null || Save.Busy)
        {
            return;
        }

        var policy = _form.ToPolicy();
        if (Save.Check(policy.Validate())
            && await Save.RunAsync(async () => await Settings.UpdatePasswordPolicyAsync(policy, await CurrentActor.GetAsync())) is not null)
        {
            Snackbar.Add("Password policy saved.", Severity.Success);
        }
    }

    /// <summary>The editable form: "never" and "off" are switches so the numbers keep their last value while hidden.</summary>
    private sealed class PolicyForm
    {
        public int MinimumPasswordLength { get; set; }
        public int MaximumPasswordLength { get; set; }
        public bool RequireSymbols { get; set; }
        public bool RequireNumbers { get; set; }
        public bool RequireUppercaseCharacters { get; set; }
        public bool RequireLowercaseCharacters { get; set; }
        public bool AllowUsersToChangePassword { get; set; }
        public bool ExpirePasswords { get; set; }
        public int MaxPasswordAge { get; set; } = 90;
        public bool PreventReuse { get; set; }
        public int PasswordReusePrevention { get; set; } = 3;
        public bool HardExpiry { get; set; }

        public static PolicyForm From(PasswordPolicy p) => new()
        {
            MinimumPasswordLength = p.MinimumPasswordLength,
            MaximumPasswordLength = p.MaximumPasswordLength,
            RequireSymbols = p.RequireSymbols,
            RequireNumbers = p.RequireNumbers,
            RequireUppercaseCharacters = p.RequireUppercaseCharacters,
            RequireLowercaseCharacters = p.RequireLowercaseCharacters,
            AllowUsersToChangePassword = p.AllowUsersToChangePassword,
            ExpirePasswords = p.MaxPasswordAge is not null,
            MaxPasswordAge = p.MaxPasswordAge ?? 90,
            PreventReuse = p.PasswordReusePrevention is not null,
            PasswordReusePrevention = p.PasswordReusePrevention ?? 3,
            HardExpiry = p.HardExpiry,
        };

        public PasswordPolicy ToPolicy() => new()
        {
            MinimumPasswordLength = MinimumPasswordLength,
            MaximumPasswordLength = MaximumPasswordLength,
            RequireSymbols = RequireSymbols,
            RequireNumbers = RequireNumbers,
            RequireUppercaseCharacters = RequireUppercaseCharacters,
            RequireLowercaseCharacters = RequireLowercaseCharacters,
            AllowUsersToChangePassword = AllowUsersToChangePassword,
            MaxPasswordAge = ExpirePasswords ? MaxPasswordAge : null,
            PasswordReusePrevention = PreventReuse ? PasswordReusePrevention : null,
            HardExpiry = ExpirePasswords && HardExpiry,
        };
    }
}
