namespace IdentityCenter.Infrastructure.Access;

/// <summary>The three kinds of sso-admin requests whose status is asked for later by request id.</summary>
public enum SsoAdminOperationKind
{
    /// <summary>CreateAccountAssignment (DescribeAccountAssignmentCreationStatus).</summary>
    AccountAssignmentCreation,

    /// <summary>DeleteAccountAssignment (DescribeAccountAssignmentDeletionStatus).</summary>
    AccountAssignmentDeletion,

    /// <summary>ProvisionPermissionSet (DescribePermissionSetProvisioningStatus).</summary>
    PermissionSetProvisioning,
}

/// <summary>
/// The status of one sso-admin request, as AWS reports it: <see cref="Status"/> is <c>IN_PROGRESS</c>, <c>FAILED</c> or
/// <c>SUCCEEDED</c>; <see cref="TargetId"/> is the account (null when a provisioning targeted all provisioned accounts);
/// principal type (<c>USER</c>/<c>GROUP</c>) and id are set for assignment requests.
/// </summary>
public sealed record SsoAdminOperation(
    string RequestId,
    SsoAdminOperationKind Kind,
    string Status,
    string? FailureReason,
    string? TargetId,
    string PermissionSetArn,
    string? PrincipalType,
    string? PrincipalId,
    DateTimeOffset CreatedAt);

/// <summary>
/// Keeps the statuses of sso-admin requests in the database, so that every instance of IdentityCenter answers the
/// Describe…Status and List…Status operations alike, also after a restart. The operations themselves run through
/// <see cref="IAssignmentService"/> and <see cref="IPermissionSetService"/> (which audit them); this only records their outcome.
/// </summary>
public interface ISsoAdminOperationLog
{
    /// <summary>Records <paramref name="operation"/> (its request id must be new), made by <paramref name="userName"/>.</summary>
    Task RecordAsync(SsoAdminOperation operation, string userName, CancellationToken cancellationToken = default);

    /// <summary>The request of that kind with that id, or null.</summary>
    Task<SsoAdminOperation?> FindAsync(SsoAdminOperationKind kind, string requestId, CancellationToken cancellationToken = default);

    /// <summary>Requests of one kind, newest first, optionally only those with <paramref name="status"/>.</summary>
    Task<IReadOnlyList<SsoAdminOperation>> ListAsync(SsoAdminOperationKind kind, string? status, CancellationToken cancellationToken = default);
}
