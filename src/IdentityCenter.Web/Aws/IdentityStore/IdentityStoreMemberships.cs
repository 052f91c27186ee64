using IdentityCenter.Core.Administration;
using IdentityCenter.Infrastructure.Directory;

namespace IdentityCenter.Web.Aws.IdentityStore;

/// <summary>
/// The membership operations (CreateGroupMembership, DescribeGroupMembership, DeleteGroupMembership, ListGroupMemberships,
/// ListGroupMembershipsForMember, GetGroupMembershipId, IsMemberInGroups) over <see cref="IGroupDirectoryService"/>.
/// A membership's id is the id IdentityCenter gives it when the user joins the group (a UUID). Changes on a membership
/// are authorized on the group and the user as well, so the administrative groups' protection applies to them.
/// </summary>
internal static class IdentityStoreMemberships
{
    public static async Task<AwsJsonResult> CreateGroupMembershipAsync(AwsJsonCall call)
    {
        var input = new IdentityStoreInput(call.Input);
        var storeId = input.IdentityStoreId();
        var groupId = input.ResourceId("GroupId")!;
        var userId = input.MemberUserId()!;
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        if (await IdentityStoreErrors.AuthorizeInStoreAsync(call, storeId, scope => AdministrationArns.DirectoryResources("identitystore:CreateGroupMembership", scope, userId, groupId), userId) is { } refused)
        {
            return AwsJsonResult.Fail(refused);
        }

        var groups = call.Service<IGroupDirectoryService>();
        if (await groups.GetGroupAsync(groupId, call.CancellationToken) is null)
        {
            return AwsJsonResult.Fail(IdentityStoreGroups.GroupNotFound(groupId));
        }

        if (await call.Service<IUserDirectoryService>().GetUserAsync(userId, call.CancellationToken) is null)
        {
            return AwsJsonResult.Fail(IdentityStoreUsers.UserNotFound(userId));
        }

        if (await groups.FindMembershipAsync(groupId, userId, call.CancellationToken) is { } existing)
        {
            return AwsJsonResult.Fail(IdentityStoreErrors.Conflict(IdentityStoreErrors.UniquenessViolation,
                $"User {userId} is already a member of group {groupId} (membership {existing.MembershipId})."));
        }

        var added = await groups.AddMembersAsync(groupId, [userId], call.Actor, call.CancellationToken);
        if (!added.Succeeded)
        {
            return AwsJsonResult.Fail(IdentityStoreErrors.FromResult(added, IdentityStoreErrors.GroupType, groupId));
        }

        var membership = await groups.FindMembershipAsync(groupId, userId, call.CancellationToken);
        return membership is null
            ? AwsJsonResult.Fail(IdentityStoreErrors.Conflict(IdentityStoreErrors.ConcurrentModification, $"The membership of user {userId} in group {groupId} was removed by another change as it was made. Try again."))
            : AwsJsonResult.Ok(new { MembershipId = membership.MembershipId, IdentityStoreId = storeId });
    }

    public static async Task<AwsJsonResult> DescribeGroupMembershipAsync(AwsJsonCall call)
    {
        var input = new IdentityStoreInput(call.Input);
        var storeId = input.IdentityStoreId();
        var membershipId = input.ResourceId("MembershipId")!;
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        if (await IdentityStoreErrors.AuthorizeInStoreAsync(call, storeId, scope => [AdministrationArns.IdentityStore(scope), AdministrationArns.GroupMembership(membershipId)]) is { } refused)
        {
            return AwsJsonResult.Fail(refused);
        }

        var membership = await call.Service<IGroupDirectoryService>().GetMembershipAsync(membershipId, call.CancellationToken);
        return membership is null ? AwsJsonResult.Fail(MembershipNotFound(membershipId)) : AwsJsonResult.Ok(GroupMembershipShape.From(storeId, membership));
    }

    public static async Task<AwsJsonResult> DeleteGroupMembershipAsync(AwsJsonCall call)
    {
        var input = new IdentityStoreInput(call.Input);
        var storeId = input.IdentityStoreId();
        var membershipId = input.ResourceId("MembershipId")!;
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        // The group and the user are resources of the decision too (a membership of an administrative group is one).
        var groups = call.Service<IGroupDirectoryService>();
        var membership = await groups.GetMembershipAsync(membershipId, call.CancellationToken);
        if (await IdentityStoreErrors.AuthorizeInStoreAsync(call, storeId, scope => membership is null
                ? [AdministrationArns.IdentityStore(scope), AdministrationArns.GroupMembership(membershipId)]
                : [AdministrationArns.IdentityStore(scope), AdministrationArns.GroupMembership(membershipId), AdministrationArns.Group(membership.GroupId), AdministrationArns.User(membership.UserId)],
                membership?.UserId) is { } refused)
        {
            return AwsJsonResult.Fail(refused);
        }

        if (membership is null)
        {
            return AwsJsonResult.Fail(MembershipNotFound(membershipId));
        }

        var removed = await groups.RemoveMemberAsync(membership.GroupId, membership.UserId, call.Actor, call.CancellationToken);
        return removed.Succeeded ? AwsJsonResult.Ok() : AwsJsonResult.Fail(IdentityStoreErrors.FromResult(removed, IdentityStoreErrors.GroupMembershipType, membershipId));
    }

    public static async Task<AwsJsonResult> ListGroupMembershipsAsync(AwsJsonCall call)
    {
        var input = new IdentityStoreInput(call.Input);
        var storeId = input.IdentityStoreId();
        var groupId = input.ResourceId("GroupId")!;
        var maxResults = input.MaxResults(IdentityStoreUsers.DefaultPageSize);
        var nextToken = input.NextToken();
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        if (await IdentityStoreErrors.AuthorizeInStoreAsync(call, storeId, scope => [AdministrationArns.IdentityStore(scope), AdministrationArns.AllGroupMemberships, AdministrationArns.Group(groupId)]) is { } refused)
        {
            return AwsJsonResult.Fail(refused);
        }

        if (await call.Service<IGroupDirectoryService>().GetGroupAsync(groupId, call.CancellationToken) is null)
        {
            return AwsJsonResult.Fail(IdentityStoreGroups.GroupNotFound(groupId));
        }

        return await PageAsync(call, storeId, groupId, null, maxResults, nextToken);
    }

    public static async Task<AwsJsonResult> ListGroupMembershipsForMemberAsync(AwsJsonCall call)
    {
        var input = new IdentityStoreInput(call.Input);
        var storeId = input.IdentityStoreId();
        var userId = input.MemberUserId()!;
        var maxResults = input.MaxResults(IdentityStoreUsers.DefaultPageSize);
        var nextToken = input.NextToken();
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        if (await IdentityStoreErrors.AuthorizeInStoreAsync(call, storeId, scope => [AdministrationArns.IdentityStore(scope), AdministrationArns.AllGroupMemberships, AdministrationArns.User(userId)], userId) is { } refused)
        {
            return AwsJsonResult.Fail(refused);
        }

        if (await call.Service<IUserDirectoryService>().GetUserAsync(userId, call.CancellationToken) is null)
        {
            return AwsJsonResult.Fail(IdentityStoreUsers.UserNotFound(userId));
        }

        return await PageAsync(call, storeId, null, userId, maxResults, nextToken);
    }

    public static async Task<AwsJsonResult> GetGroupMembershipIdAsync(AwsJsonCall call)
    {
        var input = new IdentityStoreInput(call.Input);
        var storeId = input.IdentityStoreId();
        var groupId = input.ResourceId("GroupId")!;
        var userId = input.MemberUserId()!;
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        if (await IdentityStoreErrors.AuthorizeInStoreAsync(call, storeId, scope => [AdministrationArns.IdentityStore(scope), AdministrationArns.AllGroupMemberships, AdministrationArns.Group(groupId), AdministrationArns.User(userId)], userId) is { } refused)
        {
            return AwsJsonResult.Fail(refused);
        }

        var membership = await call.Service<IGroupDirectoryService>().FindMembershipAsync(groupId, userId, call.CancellationToken);
        return membership is null
            ? AwsJsonResult.Fail(IdentityStoreErrors.NotFound(IdentityStoreErrors.GroupMembershipType, null, $"User {userId} is not a member of group {groupId}."))
            : AwsJsonResult.Ok(new { MembershipId = membership.MembershipId, IdentityStoreId = storeId });
    }

    public static async Task<AwsJsonResult> IsMemberInGroupsAsync(AwsJsonCall call)
    {
        var input = new IdentityStoreInput(call.Input);
        var storeId = input.IdentityStoreId();
        var userId = input.MemberUserId()!;
        var groupIds = input.ResourceIds("GroupIds", 1, 100);
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        if (await IdentityStoreErrors.AuthorizeInStoreAsync(call, storeId, scope => [AdministrationArns.IdentityStore(scope), AdministrationArns.AllGroupMemberships, AdministrationArns.User(userId)], userId) is { } refused)
        {
            return AwsJsonResult.Fail(refused);
        }

        if (await call.Service<IUserDirectoryService>().GetUserAsync(userId, call.CancellationToken) is null)
        {
            return AwsJsonResult.Fail(IdentityStoreUsers.UserNotFound(userId));
        }

        var memberOf = (await call.Service<IGroupDirectoryService>().GetGroupsForUserAsync(userId, call.CancellationToken))
            .Select(g => g.GroupId).ToHashSet(StringComparer.Ordinal);
        return AwsJsonResult.Ok(new
        {
            Results = groupIds.Select(g => new { GroupId = g, MemberId = new MemberIdShape(userId), MembershipExists = memberOf.Contains(g) }).ToList(),
        });
    }

    private static async Task<AwsJsonResult> PageAsync(AwsJsonCall call, string storeId, string? groupId, string? userId, int maxResults, string? nextToken)
    {
        string? after = null;
        if (nextToken is not null && !AwsNextToken.TryDecode(call.Operation, nextToken, out after))
        {
            return AwsJsonResult.Fail(IdentityStoreUsers.InvalidNextToken(call.Operation));
        }

        var page = await call.Service<IGroupDirectoryService>().ListMembershipsAsync(groupId, userId, after, maxResults + 1, call.CancellationToken);
        var shown = page.Take(maxResults).Select(m => GroupMembershipShape.From(storeId, m)).ToList();
        return AwsJsonResult.Ok(new
        {
            GroupMemberships = shown,
            NextToken = page.Count > maxResults ? AwsNextToken.Encode(call.Operation, shown[^1].MembershipId) : null,
        });
    }

    private static AwsError MembershipNotFound(string membershipId) =>
        IdentityStoreErrors.NotFound(IdentityStoreErrors.GroupMembershipType, membershipId, $"Group membership {membershipId} does not exist (it may have been deleted).");
}
