using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Settings;

/// <summary>
/// The logic of <c>MfaSettingsPage.razor</c>: loads the MFA and sign-in settings into two forms and saves each through
/// <see cref="IDirectorySettingsService"/>; the sign-in form is checked first with <see cref="SignInSettings.Validate"/>
/// (the rule the service applies). Each form shows its own errors.
/// </summary>
public partial class MfaSettingsPage
{
    private static readonly string[] SignInFields =
    [
        nameof(SignInSettings.LockoutThreshold), nameof(SignInSettings.LockoutDuration), nameof(SignInSettings.SessionDuration),
    ];

    private MfaForm? _mfa;
    private SignInForm? _signIn;

    public enum DurationUnit
    {
        Minutes,
        Hours,
        Days,
    }

    [Inject]
    private IDirectorySettingsService Settings { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private OperationState MfaSave { get; set; } = default!;

    [Inject]
    private OperationState SignInSave { get; set; } = default!;

    /// <summary>Loading the settings: the failure shows instead of the forms.</summary>
    [Inject]
    private OperationState Load { get; set; } = default!;

    private bool Busy => MfaSave.Busy || SignInSave.Busy;

    protected override async Task OnInitializedAsync() =>
        await Load.TryAsync(async () =>
        {
            var all = await Settings.GetAllAsync();
            _mfa = new MfaForm { Mode = all.Mfa.Mode, WithoutDevice = all.Mfa.WithoutDevice, DeviceManagement = all.Mfa.DeviceManagement };
            _signIn = SignInForm.From(all.SignIn);
        }, unavailable: "The settings could not be loaded: the directory database did not answer. Reload the page in a moment.");

    private async Task SaveMfaAsync()
    {
        if (_mfa is null || Busy)
        {
            return;
        }

        var settings = new MfaSettings(_mfa.Mode, _mfa.WithoutDevice, _mfa.DeviceManagement);
        if (await MfaSave.RunAsync(async () => await Settings.UpdateMfaSettingsAsync(settings, await CurrentActor.GetAsync())) is not null)
        {
            Snackbar.Add("MFA settings saved.", Severity.Success);
        }
    }

    private async Task SaveSignInAsync()
    {
        if (_signIn is null || Busy)
        {
            return;
        }

        var settings = _signIn.ToSettings();
        if (SignInSave.Check(settings.Validate())
            && await SignInSave.RunAsync(async () => await Settings.UpdateSignInSettingsAsync(settings, await CurrentActor.GetAsync())) is not null)
        {
            Snackbar.Add("Sign-in settings saved.", Severity.Success);
        }
    }

    private sealed class MfaForm
    {
        public MfaMode Mode { get; set; }
        public MfaNoDevicePolicy WithoutDevice { get; set; }
        public MfaDeviceManagement DeviceManagement { get; set; }
    }

    private sealed class SignInForm
    {
        public int LockoutThreshold { get; set; }
        public int LockoutMinutes { get; set; }
        public int SessionAmount { get; set; }
        public DurationUnit SessionUnit { get; set; }

        public static SignInForm From(SignInSettings s)
        {
            var session = s.SessionDuration;
            var (amount, unit) = session.TotalMinutes % (24 * 60) == 0 ? ((int)session.TotalDays, DurationUnit.Days)
                : session.TotalMinutes % 60 == 0 ? ((int)session.TotalHours, DurationUnit.Hours)
                : ((int)session.TotalMinutes, DurationUnit.Minutes);
            return new SignInForm
            {
                LockoutThreshold = s.LockoutThreshold,
                LockoutMinutes = (int)Math.Round(s.LockoutDuration.TotalMinutes),
                SessionAmount = amount,
                SessionUnit = unit,
            };
        }

        // Absurd numbers are clamped only so TimeSpan cannot overflow; validation still reports them as out of range.
        public SignInSettings ToSettings() => new()
        {
            LockoutThreshold = LockoutThreshold,
            LockoutDuration = TimeSpan.FromMinutes(Math.Clamp(LockoutMinutes, -1_000_000, 1_000_000)),
            SessionDuration = SessionUnit switch
            {
                DurationUnit.Days => TimeSpan.FromDays(Math.Clamp(SessionAmount, -1_000_000, 1_000_000)),
                DurationUnit.Hours => TimeSpan.FromHours(Math.Clamp(SessionAmount, -1_000_000, 1_000_000)),
                _ => TimeSpan.FromMinutes(Math.Clamp(SessionAmount, -1_000_000, 1_000_000)),
            },
        };
    }
}
