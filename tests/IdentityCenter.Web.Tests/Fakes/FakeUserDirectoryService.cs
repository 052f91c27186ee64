using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Directory;

namespace IdentityCenter.Web.Tests.Fakes;

/// <summary>An in-memory user directory that records every call, with filtering, sorting and paging done like the real service.</summary>
public sealed class FakeUserDirectoryService : IUserDirectoryService
{
    public List<UserDetail> Store { get; } = [];

    public List<UserQuery> Queries { get; } = [];

    public List<(string Method, string UserId, Actor Actor)> Calls { get; } = [];

    public List<CreateUserRequest> CreateRequests { get; } = [];

    /// <summary>When set, the next write returns this result instead of succeeding.</summary>
    public OperationResult? NextFailure { get; set; }

    public string NextPassword { get; set; } = "Tmp#Pass-1234";

    /// <summary>When set, reads, creates, resets and profile updates throw it, as a storage failure would.</summary>
    public Exception? StorageFailure { get; set; }

    /// <summary>When set, searching users (<see cref="ListUsersAsync"/>) throws it, as a database that does not answer would.</summary>
    public Exception? SearchFailure { get; set; }

    public static UserDetail NewUser(string id, string userName, string displayName, string? email = null, bool enabled = true, DateTimeOffset? lockedOutUntil = null) =>
        new(id, userName, displayName, null, null, email, enabled, new DateTimeOffset(2026, 1, 2, 3, 4, 0, TimeSpan.Zero), "admin",
            new DateTimeOffset(2026, 1, 2, 3, 4, 0, TimeSpan.Zero), "admin", null, false, false, lockedOutUntil, null, false, 0);

    public Task<PagedResult<UserSummary>> ListUsersAsync(UserQuery query, CancellationToken cancellationToken = default)
    {
        Queries.Add(query);
        if (SearchFailure is { } failure)
        {
            return Task.FromException<PagedResult<UserSummary>>(failure);
        }

        IEnumerable<UserDetail> users = Store;
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            users = users.Where(u => Starts(u.UserName, query.Search) || Starts(u.DisplayName, query.Search) || Starts(u.Email, query.Search));
        }

        users = query.Status switch
        {
            UserStatusFilter.Enabled => users.Where(u => u.Enabled),
            UserStatusFilter.Disabled => users.Where(u => !u.Enabled),
            _ => users,
        };
        Func<UserDetail, object?> key = query.SortBy switch
        {
            UserSortField.DisplayName => u => u.DisplayName,
            UserSortField.Email => u => u.Email,
            UserSortField.CreatedAt => u => u.CreatedAt,
            UserSortField.Status => u => u.Enabled,
            _ => u => u.UserName,
        };
        var list = (query.Descending ? users.OrderByDescending(key) : users.OrderBy(key)).ToList();
        var items = list.Skip(query.PageIndex * query.PageSize).Take(query.PageSize)
            .Select(u => new UserSummary(u.Id, u.UserName, u.DisplayName, u.Email, u.Enabled, u.CreatedAt, u.LastSignInAt)).ToList();
        return Task.FromResult(new PagedResult<UserSummary>(items, list.Count, query.PageIndex, query.PageSize));
    }

    public Task<IReadOnlyList<UserDetail>> GetUsersAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default) =>
        StorageFailure is { } failure ? Task.FromException<IReadOnlyList<UserDetail>>(failure) : Task.FromResult<IReadOnlyList<UserDetail>>(Store.Where(u => userIds.Contains(u.Id)).ToList());

    public Task<UserDetail?> GetUserAsync(string userId, CancellationToken cancellationToken = default) =>
        StorageFailure is { } failure ? Task.FromException<UserDetail?>(failure) : Task.FromResult(Store.FirstOrDefault(u => u.Id == userId));

    public Task<IReadOnlyList<UserDetail>> ListUserDetailsAsync(string? afterUserName, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<UserDetail>>([.. Store.OrderBy(u => u.UserName, StringComparer.OrdinalIgnoreCase)
            .Where(u => afterUserName is null || string.Compare(u.UserName, afterUserName, StringComparison.OrdinalIgnoreCase) > 0).Take(limit)]);

    public Task<UserDetail?> FindByUserNameAsync(string userName, CancellationToken cancellationToken = default) =>
        Task.FromResult(Store.FirstOrDefault(u => string.Equals(u.UserName, userName, StringComparison.OrdinalIgnoreCase)));

    public Task<OperationResult<CreatedUser>> CreateUserAsync(CreateUserRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        CreateRequests.Add(request);
        Calls.Add((nameof(CreateUserAsync), "", actor));
        if (StorageFailure is { } storage)
        {
            return Task.FromException<OperationResult<CreatedUser>>(storage);
        }

        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure.As<CreatedUser>());
        }

        if (Store.Any(u => string.Equals(u.UserName, request.UserName, StringComparison.OrdinalIgnoreCase)))
        {
            return Task.FromResult(OperationResult.Conflict("UserName", $"A user named '{request.UserName}' already exists.").As<CreatedUser>());
        }

        var user = NewUser("id-" + request.UserName, request.UserName, request.DisplayName, request.Email);
        Store.Add(user);
        return Task.FromResult(OperationResult.Ok(new CreatedUser(user, NextPassword)));
    }

    public Task<OperationResult<UserDetail>> UpdateUserAsync(string userId, UserProfile profile, Actor actor, CancellationToken cancellationToken = default)
    {
        Calls.Add((nameof(UpdateUserAsync), userId, actor));
        if (StorageFailure is { } storage)
        {
            return Task.FromException<OperationResult<UserDetail>>(storage);
        }

        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure.As<UserDetail>());
        }

        var index = Store.FindIndex(u => u.Id == userId);
        Store[index] = Store[index] with { DisplayName = profile.DisplayName, GivenName = profile.GivenName, FamilyName = profile.FamilyName, Email = profile.Email };
        return Task.FromResult(OperationResult.Ok(Store[index]));
    }

    public Task<OperationResult> SetEnabledAsync(string userId, bool enabled, Actor actor, CancellationToken cancellationToken = default)
    {
        Calls.Add((enabled ? "Enable" : "Disable", userId, actor));
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure);
        }

        var index = Store.FindIndex(u => u.Id == userId);
        Store[index] = Store[index] with { Enabled = enabled };
        return Task.FromResult(OperationResult.Success);
    }

    public Task<OperationResult> DeleteUserAsync(string userId, Actor actor, CancellationToken cancellationToken = default)
    {
        Calls.Add((nameof(DeleteUserAsync), userId, actor));
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure);
        }

        Store.RemoveAll(u => u.Id == userId);
        return Task.FromResult(OperationResult.Success);
    }

    public Task<OperationResult<string>> ResetPasswordAsync(string userId, Actor actor, CancellationToken cancellationToken = default)
    {
        Calls.Add((nameof(ResetPasswordAsync), userId, actor));
        if (StorageFailure is { } storage)
        {
            return Task.FromException<OperationResult<string>>(storage);
        }

        return Task.FromResult(TakeFailure() is { } failure ? failure.As<string>() : OperationResult.Ok(NextPassword));
    }

    public Task<OperationResult> UnlockAsync(string userId, Actor actor, CancellationToken cancellationToken = default)
    {
        Calls.Add((nameof(UnlockAsync), userId, actor));
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure);
        }

        var index = Store.FindIndex(u => u.Id == userId);
        Store[index] = Store[index] with { LockedOutUntil = null };
        return Task.FromResult(OperationResult.Success);
    }

    private OperationResult? TakeFailure()
    {
        var failure = NextFailure;
        NextFailure = null;
        return failure;
    }

    private static bool Starts(string? value, string search) =>
        value is not null && value.StartsWith(search.Trim(), StringComparison.OrdinalIgnoreCase);
}
