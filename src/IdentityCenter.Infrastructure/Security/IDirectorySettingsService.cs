using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Security;

namespace IdentityCenter.Infrastructure.Security;

/// <summary>
/// The directory-wide settings kept in the database: password policy, MFA settings, lockout and
/// portal session duration. Reads are served from an in-process cache refreshed on every update.
/// Field names in errors are the record property names (for example MinimumPasswordLength).
/// </summary>
public interface IDirectorySettingsService
{
    /// <summary>Every setting at once (one cached read).</summary>
    Task<DirectorySettingsSnapshot> GetAllAsync(CancellationToken cancellationToken = default);

    Task<PasswordPolicy> GetPasswordPolicyAsync(CancellationToken cancellationToken = default);

    /// <summary>Saves the policy (use <see cref="PasswordPolicy.IdentityCenterDirectory"/> for the preset). Audited as UpdatePasswordPolicy.</summary>
    Task<OperationResult> UpdatePasswordPolicyAsync(PasswordPolicy policy, Actor actor, CancellationToken cancellationToken = default);

    Task<MfaSettings> GetMfaSettingsAsync(CancellationToken cancellationToken = default);

    /// <summary>Audited as UpdateMfaSettings.</summary>
    Task<OperationResult> UpdateMfaSettingsAsync(MfaSettings settings, Actor actor, CancellationToken cancellationToken = default);

    Task<SignInSettings> GetSignInSettingsAsync(CancellationToken cancellationToken = default);

    /// <summary>Lockout threshold/duration and session duration. Audited as UpdateSignInSettings.</summary>
    Task<OperationResult> UpdateSignInSettingsAsync(SignInSettings settings, Actor actor, CancellationToken cancellationToken = default);
}
