using IdentityCenter.Infrastructure.Directory;

namespace IdentityCenter.Web.Aws.IdentityStore;

/// <summary>The model's <c>Name</c> (the parts IdentityCenter stores).</summary>
internal sealed record NameShape(string? GivenName, string? FamilyName);

/// <summary>The model's <c>Email</c> (IdentityCenter stores one address per user, without type or primary flag).</summary>
internal sealed record EmailShape(string Value);

/// <summary>The model's <c>User</c> and <c>DescribeUserResponse</c> (timestamps in epoch seconds).</summary>
internal sealed record UserShape(
    string IdentityStoreId,
    string UserId,
    string UserName,
    NameShape? Name,
    string DisplayName,
    IReadOnlyList<EmailShape>? Emails,
    string UserStatus,
    double CreatedAt,
    string CreatedBy,
    double UpdatedAt,
    string UpdatedBy)
{
    public static UserShape From(string identityStoreId, UserDetail user) => new(
        identityStoreId,
        user.Id,
        user.UserName,
        user.GivenName is null && user.FamilyName is null ? null : new NameShape(user.GivenName, user.FamilyName),
        user.DisplayName,
        user.Email is null ? null : [new EmailShape(user.Email)],
        user.Enabled ? "ENABLED" : "DISABLED",
        IdentityStoreErrors.Epoch(user.CreatedAt),
        user.CreatedBy,
        IdentityStoreErrors.Epoch(user.UpdatedAt),
        user.UpdatedBy);
}

/// <summary>The model's <c>Group</c> and <c>DescribeGroupResponse</c>.</summary>
internal sealed record GroupShape(
    string GroupId,
    string DisplayName,
    string? Description,
    double CreatedAt,
    double UpdatedAt,
    string CreatedBy,
    string UpdatedBy,
    string IdentityStoreId)
{
    public static GroupShape From(string identityStoreId, GroupDetail group) => new(
        group.Id, group.DisplayName, group.Description, IdentityStoreErrors.Epoch(group.CreatedAt), IdentityStoreErrors.Epoch(group.UpdatedAt),
        group.CreatedBy, group.UpdatedBy, identityStoreId);
}

/// <summary>The model's <c>MemberId</c> union (a user).</summary>
internal sealed record MemberIdShape(string UserId);

/// <summary>The model's <c>GroupMembership</c> and <c>DescribeGroupMembershipResponse</c>.</summary>
internal sealed record GroupMembershipShape(string IdentityStoreId, string MembershipId, string GroupId, MemberIdShape MemberId, double CreatedAt)
{
    public static GroupMembershipShape From(string identityStoreId, GroupMembershipDetail membership) => new(
        identityStoreId, membership.MembershipId, membership.GroupId, new MemberIdShape(membership.UserId), IdentityStoreErrors.Epoch(membership.CreatedAt));
}
