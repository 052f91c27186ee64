using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Directory;

namespace IdentityCenter.Web.Tests.Fakes;

/// <summary>In-memory groups and memberships that record every call.</summary>
public sealed class FakeGroupDirectoryService : IGroupDirectoryService
{
    private static readonly DateTimeOffset Created = new(2026, 1, 2, 3, 4, 0, TimeSpan.Zero);

    public List<GroupDetail> Groups { get; } = [];

    /// <summary>Members by group id.</summary>
    public Dictionary<string, List<GroupMember>> Members { get; } = [];

    /// <summary>Users the candidate search can find.</summary>
    public List<MemberCandidate> Candidates { get; } = [];

    public List<GroupQuery> Queries { get; } = [];

    public List<string> CandidateSearches { get; } = [];

    public List<(string GroupId, IReadOnlyCollection<string> UserIds)> Added { get; } = [];

    public List<(string GroupId, string UserId)> Removed { get; } = [];

    public List<GroupInput> CreatedInputs { get; } = [];

    public List<string> Deleted { get; } = [];

    public OperationResult? NextFailure { get; set; }

    /// <summary>When set, reading a group and every write throw it, as a storage failure would.</summary>
    public Exception? StorageFailure { get; set; }

    public GroupDetail AddGroup(string id, string name, string? description = null, bool builtIn = false)
    {
        var group = new GroupDetail(id, name, description, builtIn, 0, Created, "admin", Created, "admin");
        Groups.Add(group);
        Members[id] = [];
        return group;
    }

    public void AddMember(string groupId, string userId, string userName) =>
        Members[groupId].Add(new GroupMember("m-" + userId, userId, userName, userName + " Display", userName + "@example.com", true, Created));

    public Task<PagedResult<GroupSummary>> ListGroupsAsync(GroupQuery query, CancellationToken cancellationToken = default)
    {
        Queries.Add(query);
        var list = Groups.Where(g => string.IsNullOrWhiteSpace(query.Search) || g.DisplayName.StartsWith(query.Search, StringComparison.OrdinalIgnoreCase))
            .OrderBy(g => g.DisplayName, StringComparer.OrdinalIgnoreCase).ToList();
        if (query.Descending)
        {
            list.Reverse();
        }

        var items = list.Skip(query.PageIndex * query.PageSize).Take(query.PageSize)
            .Select(g => new GroupSummary(g.Id, g.DisplayName, g.Description, Members[g.Id].Count, g.IsBuiltIn, g.CreatedAt)).ToList();
        return Task.FromResult(new PagedResult<GroupSummary>(items, list.Count, query.PageIndex, query.PageSize));
    }

    public Task<IReadOnlyList<GroupDetail>> ListGroupDetailsAsync(string? afterDisplayName, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<GroupDetail>>([.. Groups.OrderBy(g => g.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Where(g => afterDisplayName is null || string.Compare(g.DisplayName, afterDisplayName, StringComparison.OrdinalIgnoreCase) > 0).Take(limit)]);

    public Task<GroupDetail?> FindByDisplayNameAsync(string displayName, CancellationToken cancellationToken = default) =>
        Task.FromResult(Groups.FirstOrDefault(g => string.Equals(g.DisplayName, displayName, StringComparison.OrdinalIgnoreCase)));

    public Task<GroupMembershipDetail?> GetMembershipAsync(string membershipId, CancellationToken cancellationToken = default) =>
        Task.FromResult(AllMemberships().FirstOrDefault(m => m.MembershipId == membershipId));

    public Task<GroupMembershipDetail?> FindMembershipAsync(string groupId, string userId, CancellationToken cancellationToken = default) =>
        Task.FromResult(AllMemberships().FirstOrDefault(m => m.GroupId == groupId && m.UserId == userId));

    public Task<IReadOnlyList<GroupMembershipDetail>> ListMembershipsAsync(string? groupId, string? userId, string? afterMembershipId, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<GroupMembershipDetail>>([.. AllMemberships()
            .Where(m => (groupId is null || m.GroupId == groupId) && (userId is null || m.UserId == userId)
                && (afterMembershipId is null || string.CompareOrdinal(m.MembershipId, afterMembershipId) > 0))
            .OrderBy(m => m.MembershipId, StringComparer.Ordinal).Take(limit)]);

    private IEnumerable<GroupMembershipDetail> AllMemberships() =>
        Members.SelectMany(g => g.Value.Select(m => new GroupMembershipDetail(m.MembershipId, g.Key, m.UserId, m.AddedAt)));

    public Task<GroupDetail?> GetGroupAsync(string groupId, CancellationToken cancellationToken = default) =>
        StorageFailure is { } storage ? Task.FromException<GroupDetail?>(storage) : Task.FromResult(Groups.FirstOrDefault(g => g.Id == groupId) is { } g ? g with { MemberCount = Members[g.Id].Count } : null);

    public Task<OperationResult<GroupDetail>> CreateGroupAsync(GroupInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        CreatedInputs.Add(input);
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure.As<GroupDetail>());
        }

        if (Groups.Any(g => string.Equals(g.DisplayName, input.DisplayName, StringComparison.OrdinalIgnoreCase)))
        {
            return Task.FromResult(OperationResult.Conflict("DisplayName", $"A group named '{input.DisplayName}' already exists.").As<GroupDetail>());
        }

        return Task.FromResult(OperationResult.Ok(AddGroup("g-" + input.DisplayName, input.DisplayName, input.Description)));
    }

    public Task<OperationResult<GroupDetail>> UpdateGroupAsync(string groupId, GroupInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure.As<GroupDetail>());
        }

        var index = Groups.FindIndex(g => g.Id == groupId);
        Groups[index] = Groups[index] with { DisplayName = input.DisplayName, Description = input.Description };
        return Task.FromResult(OperationResult.Ok(Groups[index]));
    }

    public Task<OperationResult> DeleteGroupAsync(string groupId, Actor actor, CancellationToken cancellationToken = default)
    {
        Deleted.Add(groupId);
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure);
        }

        Groups.RemoveAll(g => g.Id == groupId);
        return Task.FromResult(OperationResult.Success);
    }

    public Task<PagedResult<GroupMember>> ListMembersAsync(string groupId, string? search, int pageIndex, int pageSize, CancellationToken cancellationToken = default)
    {
        var list = Members[groupId].Where(m => string.IsNullOrWhiteSpace(search) || m.UserName.StartsWith(search, StringComparison.OrdinalIgnoreCase))
            .OrderBy(m => m.UserName, StringComparer.OrdinalIgnoreCase).ToList();
        return Task.FromResult(new PagedResult<GroupMember>(list.Skip(pageIndex * pageSize).Take(pageSize).ToList(), list.Count, pageIndex, pageSize));
    }

    public Task<IReadOnlyList<MemberCandidate>> SearchCandidatesAsync(string groupId, string search, int limit = 20, CancellationToken cancellationToken = default)
    {
        CandidateSearches.Add(search);
        IReadOnlyList<MemberCandidate> hits = Candidates.Where(c => c.UserName.StartsWith(search ?? "", StringComparison.OrdinalIgnoreCase))
            .Select(c => c with { IsMember = Members[groupId].Any(m => m.UserId == c.UserId) }).Take(limit).ToList();
        return Task.FromResult(hits);
    }

    public Task<OperationResult> AddMembersAsync(string groupId, IReadOnlyCollection<string> userIds, Actor actor, CancellationToken cancellationToken = default)
    {
        Added.Add((groupId, userIds.ToList()));
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure);
        }

        foreach (var id in userIds)
        {
            var candidate = Candidates.First(c => c.UserId == id);
            AddMember(groupId, id, candidate.UserName);
        }

        return Task.FromResult(OperationResult.Success);
    }

    public Task<OperationResult> RemoveMemberAsync(string groupId, string userId, Actor actor, CancellationToken cancellationToken = default)
    {
        Removed.Add((groupId, userId));
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure);
        }

        Members[groupId].RemoveAll(m => m.UserId == userId);
        return Task.FromResult(OperationResult.Success);
    }

    public Task<IReadOnlyList<UserGroup>> GetGroupsForUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<UserGroup> groups = Groups.Where(g => Members[g.Id].Any(m => m.UserId == userId))
            .Select(g => new UserGroup(g.Id, g.DisplayName, "m-" + userId, g.IsBuiltIn)).ToList();
        return Task.FromResult(groups);
    }

    private OperationResult? TakeFailure()
    {
        if (StorageFailure is { } storage)
        {
            throw storage;
        }

        var failure = NextFailure;
        NextFailure = null;
        return failure;
    }
}
