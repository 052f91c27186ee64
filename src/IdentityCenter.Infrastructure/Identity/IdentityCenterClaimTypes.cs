namespace IdentityCenter.Infrastructure.Identity;

/// <summary>Claims IdentityCenter adds to the sign-in cookie.</summary>
public static class IdentityCenterClaimTypes
{
    /// <summary>The <c>UserSession</c> id of this sign-in.</summary>
    public const string SessionId = "ic:sid";

    /// <summary>"true" while the user must replace a one-time or expired password (send them to the change-password page).</summary>
    public const string MustChangePassword = "ic:must_change_password";

    /// <summary>"true" while the user must register an authenticator app before going on.</summary>
    public const string MfaEnrollmentRequired = "ic:mfa_enrollment_required";

    /// <summary>"true" for members of the built-in administrators group.</summary>
    public const string Administrator = "ic:admin";

    /// <summary>
    /// The id of a built-in administrative group the user is in (one claim per group; <see cref="BuiltInGroups.Administrative"/>).
    /// Refreshed with the principal by the security-stamp check, as <see cref="Administrator"/> is.
    /// </summary>
    public const string AdministrativeGroup = "ic:admin_group";

    /// <summary>"true" when this sign-in used a second factor (a code now, or a trusted device that was verified with one).</summary>
    public const string MfaAuthenticated = "ic:mfa";

    /// <summary>
    /// "true" on the anonymous state a circuit turns to when its session ended because the user signed out
    /// (in this tab or another): the page then goes where signing out goes, not to sign in again.
    /// </summary>
    public const string SignedOut = "ic:signed_out";

    public const string TrueValue = "true";
}
