namespace IdentityCenter.Core.Assignments;

public enum PrincipalType
{
    User,
    Group,
}

/// <summary>One account assignment: a user or group gets a permission set in an account.</summary>
public sealed record AccountAssignment(string AccountId, string PermissionSetId, PrincipalType PrincipalType, string PrincipalId);

/// <summary>A user's membership of a group.</summary>
public sealed record GroupMembership(string GroupId, string UserId);

/// <summary>
/// One (account, permission set) a user can use, marked with how: directly, through one or more
/// groups, or both. Each pair appears once however many assignments grant it.
/// </summary>
public sealed record EffectiveAssignment(string AccountId, string PermissionSetId, bool IsDirect, IReadOnlyList<string> ViaGroupIds)
{
    public bool IsThroughGroup => ViaGroupIds.Count > 0;

    /// <summary>
    /// The principals whose assignments grant this pair (the user's id when direct, then the group
    /// ids); credentials carry these so removing one assignment can revoke them precisely.
    /// </summary>
    public IReadOnlyList<string> GrantingPrincipalIds(string userId) =>
        IsDirect ? [userId, .. ViaGroupIds] : ViaGroupIds;
}
