namespace IdentityCenter.Infrastructure.Data.Entities.Access;

/// <summary>
/// The status of one asynchronous sso-admin request (an account assignment creation or deletion, or a permission set
/// provisioning), kept so that the Describe…Status and List…Status operations answer on every instance and after restarts.
/// </summary>
public sealed class SsoAdminOperationRecord
{
    /// <summary>The request id (a lowercase UUID) the operation answered with.</summary>
    public string RequestId { get; set; } = "";

    /// <summary><c>AccountAssignmentCreation</c>, <c>AccountAssignmentDeletion</c> or <c>PermissionSetProvisioning</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary><c>IN_PROGRESS</c>, <c>FAILED</c> or <c>SUCCEEDED</c>.</summary>
    public string Status { get; set; } = "";

    public string? FailureReason { get; set; }

    /// <summary>The account (TargetId / AccountId); null for a provisioning into all provisioned accounts.</summary>
    public string? TargetId { get; set; }

    public string PermissionSetArn { get; set; } = "";

    /// <summary><c>USER</c> or <c>GROUP</c> for assignment operations.</summary>
    public string? PrincipalType { get; set; }

    public string? PrincipalId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The user who made the request (for the audit trail's reader; the request itself is audited separately).</summary>
    public string CreatedBy { get; set; } = "";
}
