using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;

namespace IdentityCenter.Infrastructure.Directory;

/// <summary>
/// Users of the directory, for the admin pages. Every write validates with field-level messages
/// (fields: UserName, DisplayName, GivenName, FamilyName, Email), runs in one transaction and writes
/// an audit event naming <c>actor</c>.
/// </summary>
public interface IUserDirectoryService
{
    /// <summary>Server-side search, status filter, sort and paging; stays fast at 100,000 users.</summary>
    Task<PagedResult<UserSummary>> ListUsersAsync(UserQuery query, CancellationToken cancellationToken = default);

    Task<UserDetail?> GetUserAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The users of <paramref name="userIds"/> that exist, with their details, in one query (views of many users at once, such as
    /// the room view of a workshop event); unknown ids are left out, the order is not defined.
    /// </summary>
    Task<IReadOnlyList<UserDetail>> GetUsersAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default);

    /// <summary>Case-insensitive lookup by user name.</summary>
    Task<UserDetail?> FindByUserNameAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> (1-200) users with their details, in user-name order (case-insensitive), after the user named
    /// <paramref name="afterUserName"/> (null: from the first). Keyset paging for the APIs: a page boundary stays put while
    /// users are added or deleted.
    /// </summary>
    Task<IReadOnlyList<UserDetail>> ListUserDetailsAsync(string? afterUserName, int limit, CancellationToken cancellationToken = default);

    /// <summary>Creates an enabled user with a generated one-time password that must be changed at first sign-in. Conflict when the user name is taken.</summary>
    Task<OperationResult<CreatedUser>> CreateUserAsync(CreateUserRequest request, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Updates the profile (not the user name).</summary>
    Task<OperationResult<UserDetail>> UpdateUserAsync(string userId, UserProfile profile, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Enables or disables a user. Disabling ends every session at once. An administrator cannot disable themselves.</summary>
    Task<OperationResult> SetEnabledAsync(string userId, bool enabled, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Deletes the user, their memberships, devices and sessions. Refused for oneself and for the last administrator.</summary>
    Task<OperationResult> DeleteUserAsync(string userId, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Sets a new generated one-time password (returned once), ends the user's sessions and clears any lockout or hard expiry.</summary>
    Task<OperationResult<string>> ResetPasswordAsync(string userId, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Clears a lockout before it runs out.</summary>
    Task<OperationResult> UnlockAsync(string userId, Actor actor, CancellationToken cancellationToken = default);
}
