namespace IdentityCenter.Infrastructure.Access;

/// <summary>
/// What a user may use right now: the accounts and roles (permission sets) assigned to them directly
/// or through groups. Computed live on every call (from an index the access-model services keep up to
/// date), so a new assignment shows without signing out and a removed one disappears at once.
/// Implemented by the access-model layer; consumed by the portal, the portal API and credential issue.
/// </summary>
public interface IEntitlementService
{
    /// <summary>Accounts the user has at least one role in, ordered by name.</summary>
    Task<IReadOnlyList<EntitledAccount>> ListAccountsAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>The user's roles in one account, ordered by name; empty when none (or unknown account).</summary>
    Task<IReadOnlyList<EntitledRole>> ListRolesAsync(string userId, string accountId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Everything needed to issue credentials for (account, role name = permission set name), or a
    /// reason it cannot be done: <see cref="RoleResolution.AccountNotFound"/>, <see cref="RoleResolution.RoleNotFound"/>
    /// (no such permission set provisioned in the account) or <see cref="RoleResolution.NotAssigned"/>.
    /// </summary>
    Task<RoleResolutionResult> ResolveRoleAsync(string userId, string accountId, string roleName, CancellationToken cancellationToken = default);
}

public sealed record EntitledAccount(string AccountId, string AccountName, string EmailAddress);

public sealed record EntitledRole(
    string AccountId,
    string RoleName,
    string PermissionSetId,
    string? Description,
    string? RelayState,
    TimeSpan SessionDuration,
    bool Direct,
    IReadOnlyList<string> ViaGroups);

public enum RoleResolution
{
    Granted,
    AccountNotFound,
    RoleNotFound,
    NotAssigned,
}

/// <summary>
/// A role the user may assume. <see cref="GrantingPrincipalIds"/> are the user id and/or group ids whose
/// assignments grant it (for per-assignment revocation); <see cref="PrincipalTags"/> come from the
/// instance's access control attributes (ABAC) and become <c>aws:PrincipalTag/&lt;key&gt;</c>.
/// </summary>
public sealed record RoleGrant(
    string AccountId,
    string AccountName,
    string PermissionSetId,
    string PermissionSetName,
    int PermissionSetVersion,
    string RoleName,
    string RoleArn,
    TimeSpan SessionDuration,
    string? RelayState,
    string OrganizationId,
    IReadOnlyList<string> OrganizationPaths,
    IReadOnlyList<string> GrantingPrincipalIds,
    IReadOnlyDictionary<string, string> PrincipalTags);

public sealed record RoleResolutionResult(RoleResolution Outcome, RoleGrant? Grant)
{
    public static RoleResolutionResult Failed(RoleResolution outcome) => new(outcome, null);

    public static RoleResolutionResult Granted(RoleGrant grant) => new(RoleResolution.Granted, grant);
}
