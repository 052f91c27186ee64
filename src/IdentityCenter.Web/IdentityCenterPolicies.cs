namespace IdentityCenter.Web;

/// <summary>
/// Authorization policy names, registered by <c>AddIdentityCenterAuthentication</c> (Hosting/) and used by the pages and
/// endpoints of this host. In the root namespace, so every page, endpoint and code-behind sees them without a using.
/// </summary>
public static class IdentityCenterPolicies
{
    /// <summary>Member of the administrators group, signed in with MFA, with no pending password change or enrolment. Use for /admin.</summary>
    public const string Administrator = "IdentityCenter.Administrator";

    /// <summary>
    /// Prefix of the per-action administration policies: <c>AdministrativeAction + "identitystore:ListUsers"</c> admits a
    /// signed-in user (MFA, no pending step) whose administration documents allow that IAM action on the instance's
    /// resource for the service (decided by <c>IAdministrativeAuthorizer</c>).
    /// </summary>
    public const string AdministrativeAction = "IdentityCenter.AdminAction:";

    /// <summary>Signed in with no pending password change or MFA enrolment. Use for /account and the portal.</summary>
    public const string SignedIn = "IdentityCenter.SignedIn";
}
