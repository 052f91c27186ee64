using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;

namespace IdentityCenter.Infrastructure.Security;

/// <summary>A user's own password: status and change (self-service and the forced change after a one-time password).</summary>
public interface IPasswordService
{
    Task<PasswordStatus?> GetStatusAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes the password after checking the current one. Enforces the policy from the database
    /// (field NewPassword, one message per violated rule, history included); wrong current password
    /// is reported on field CurrentPassword. Refused (Forbidden) when the policy does not let users
    /// change passwords, unless a change is required. Audited as UpdatePassword; never logs the password.
    /// Ends every other sign-in session of the user: all but <paramref name="keepSessionId"/> (the session
    /// making the change; null ends them all). Call <c>SignInManager.RefreshSignInAsync</c> afterwards to
    /// drop the must-change claim and carry the new security stamp.
    /// </summary>
    Task<OperationResult> ChangePasswordAsync(string userId, string currentPassword, string newPassword, Actor actor, string? keepSessionId = null, CancellationToken cancellationToken = default);
}
