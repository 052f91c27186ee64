namespace IdentityCenter.Web.Aws.IdentityStore;

/// <summary>The identitystore 2020-06-15 operations at <c>/aws/...</c> (see <see cref="Microsoft.AspNetCore.Routing.AwsAdministrationEndpoints"/>).</summary>
public static class IdentityStoreApi
{
    public static AwsJsonService Service { get; } = AwsJsonService.IdentityStore(new Dictionary<string, AwsJsonOperation>(StringComparer.Ordinal)
    {
        ["CreateUser"] = IdentityStoreUsers.CreateUserAsync,
        ["DescribeUser"] = IdentityStoreUsers.DescribeUserAsync,
        ["UpdateUser"] = IdentityStoreUsers.UpdateUserAsync,
        ["DeleteUser"] = IdentityStoreUsers.DeleteUserAsync,
        ["ListUsers"] = IdentityStoreUsers.ListUsersAsync,
        ["GetUserId"] = IdentityStoreUsers.GetUserIdAsync,
        ["CreateGroup"] = IdentityStoreGroups.CreateGroupAsync,
        ["DescribeGroup"] = IdentityStoreGroups.DescribeGroupAsync,
        ["UpdateGroup"] = IdentityStoreGroups.UpdateGroupAsync,
        ["DeleteGroup"] = IdentityStoreGroups.DeleteGroupAsync,
        ["ListGroups"] = IdentityStoreGroups.ListGroupsAsync,
        ["GetGroupId"] = IdentityStoreGroups.GetGroupIdAsync,
        ["CreateGroupMembership"] = IdentityStoreMemberships.CreateGroupMembershipAsync,
        ["DescribeGroupMembership"] = IdentityStoreMemberships.DescribeGroupMembershipAsync,
        ["DeleteGroupMembership"] = IdentityStoreMemberships.DeleteGroupMembershipAsync,
        ["ListGroupMemberships"] = IdentityStoreMemberships.ListGroupMembershipsAsync,
        ["ListGroupMembershipsForMember"] = IdentityStoreMemberships.ListGroupMembershipsForMemberAsync,
        ["GetGroupMembershipId"] = IdentityStoreMemberships.GetGroupMembershipIdAsync,
        ["IsMemberInGroups"] = IdentityStoreMemberships.IsMemberInGroupsAsync,
    });
}
