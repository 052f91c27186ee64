using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;

namespace IdentityCenter.Infrastructure.Directory;

/// <summary>Groups and memberships (users only, no nesting). Writes are transactional and audited.</summary>
public interface IGroupDirectoryService
{
    Task<PagedResult<GroupSummary>> ListGroupsAsync(GroupQuery query, CancellationToken cancellationToken = default);

    Task<GroupDetail?> GetGroupAsync(string groupId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> (1-200) groups in display-name order (case-insensitive), after the group named
    /// <paramref name="afterDisplayName"/> (null: from the first). Keyset paging for the APIs.
    /// </summary>
    Task<IReadOnlyList<GroupDetail>> ListGroupDetailsAsync(string? afterDisplayName, int limit, CancellationToken cancellationToken = default);

    /// <summary>Case-insensitive lookup by display name (group names are unique, ignoring case).</summary>
    Task<GroupDetail?> FindByDisplayNameAsync(string displayName, CancellationToken cancellationToken = default);

    /// <summary>One membership by its id, or null.</summary>
    Task<GroupMembershipDetail?> GetMembershipAsync(string membershipId, CancellationToken cancellationToken = default);

    /// <summary>The membership of <paramref name="userId"/> in <paramref name="groupId"/>, or null.</summary>
    Task<GroupMembershipDetail?> FindMembershipAsync(string groupId, string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> (1-200) memberships of a group (<paramref name="groupId"/>) and/or of a user
    /// (<paramref name="userId"/>), in membership-id order after <paramref name="afterMembershipId"/> (null: from the first).
    /// Keyset paging for the APIs.
    /// </summary>
    Task<IReadOnlyList<GroupMembershipDetail>> ListMembershipsAsync(string? groupId, string? userId, string? afterMembershipId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Conflict (field DisplayName) when another group has the same name, ignoring case.</summary>
    Task<OperationResult<GroupDetail>> CreateGroupAsync(GroupInput input, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>The built-in administrators group keeps its name; its description may change.</summary>
    Task<OperationResult<GroupDetail>> UpdateGroupAsync(string groupId, GroupInput input, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Deletes the group and its memberships; refused for the built-in administrators group.</summary>
    Task<OperationResult> DeleteGroupAsync(string groupId, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Members, sorted by user name; <paramref name="search"/> matches the start of user name, display name or email.</summary>
    Task<PagedResult<GroupMember>> ListMembersAsync(string groupId, string? search, int pageIndex, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>Users whose user name, display name or email starts with <paramref name="search"/>, for the add-members dialog.</summary>
    Task<IReadOnlyList<MemberCandidate>> SearchCandidatesAsync(string groupId, string search, int limit = 20, CancellationToken cancellationToken = default);

    /// <summary>Adds users (existing members are skipped); one audit event per added user.</summary>
    Task<OperationResult> AddMembersAsync(string groupId, IReadOnlyCollection<string> userIds, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Removes one member. Refused when it would leave the administrators group empty.</summary>
    Task<OperationResult> RemoveMemberAsync(string groupId, string userId, Actor actor, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<UserGroup>> GetGroupsForUserAsync(string userId, CancellationToken cancellationToken = default);
}
