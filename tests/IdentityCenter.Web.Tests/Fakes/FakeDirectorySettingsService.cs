using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Security;

namespace IdentityCenter.Web.Tests.Fakes;

/// <summary>Settings kept in memory; updates validate like the real service and are recorded.</summary>
public sealed class FakeDirectorySettingsService : IDirectorySettingsService
{
    public PasswordPolicy PasswordPolicy { get; set; } = new();

    public MfaSettings Mfa { get; set; } = MfaSettings.Default;

    public SignInSettings SignIn { get; set; } = SignInSettings.Default;

    public List<PasswordPolicy> SavedPolicies { get; } = [];

    public List<MfaSettings> SavedMfa { get; } = [];

    public List<SignInSettings> SavedSignIn { get; } = [];

    /// <summary>When set, reading the settings (all of them, or the password policy) throws it, as a database that does not answer would.</summary>
    public Exception? ReadFailure { get; set; }

    public Task<DirectorySettingsSnapshot> GetAllAsync(CancellationToken cancellationToken = default) =>
        ReadFailure is { } failure ? Task.FromException<DirectorySettingsSnapshot>(failure) : Task.FromResult(new DirectorySettingsSnapshot(PasswordPolicy, Mfa, SignIn));

    public Task<PasswordPolicy> GetPasswordPolicyAsync(CancellationToken cancellationToken = default) =>
        ReadFailure is { } failure ? Task.FromException<PasswordPolicy>(failure) : Task.FromResult(PasswordPolicy);

    public Task<OperationResult> UpdatePasswordPolicyAsync(PasswordPolicy policy, Actor actor, CancellationToken cancellationToken = default)
    {
        SavedPolicies.Add(policy);
        var errors = policy.Validate();
        if (errors.Count > 0)
        {
            return Task.FromResult(OperationResult.Invalid(errors));
        }

        PasswordPolicy = policy;
        return Task.FromResult(OperationResult.Success);
    }

    public Task<MfaSettings> GetMfaSettingsAsync(CancellationToken cancellationToken = default) => Task.FromResult(Mfa);

    public Task<OperationResult> UpdateMfaSettingsAsync(MfaSettings settings, Actor actor, CancellationToken cancellationToken = default)
    {
        SavedMfa.Add(settings);
        Mfa = settings;
        return Task.FromResult(OperationResult.Success);
    }

    public Task<SignInSettings> GetSignInSettingsAsync(CancellationToken cancellationToken = default) => Task.FromResult(SignIn);

    public Task<OperationResult> UpdateSignInSettingsAsync(SignInSettings settings, Actor actor, CancellationToken cancellationToken = default)
    {
        SavedSignIn.Add(settings);
        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            return Task.FromResult(OperationResult.Invalid(errors));
        }

        SignIn = settings;
        return Task.FromResult(OperationResult.Success);
    }
}
