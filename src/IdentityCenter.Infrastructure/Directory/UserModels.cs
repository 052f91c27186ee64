using IdentityCenter.Core.Directory;

namespace IdentityCenter.Infrastructure.Directory;

public enum UserStatusFilter
{
    All,
    Enabled,
    Disabled,
}

public enum UserSortField
{
    UserName,
    DisplayName,
    Email,
    CreatedAt,
    Status,
}

/// <summary>
/// A users-list request. <see cref="Search"/> matches the start of the user name, display name or
/// email, case-insensitively. <see cref="PageIndex"/> is zero-based; <see cref="PageSize"/> is 1-200.
/// </summary>
public sealed record UserQuery(
    string? Search = null,
    UserStatusFilter Status = UserStatusFilter.All,
    UserSortField SortBy = UserSortField.UserName,
    bool Descending = false,
    int PageIndex = 0,
    int PageSize = 25);

/// <summary>A row of the users list.</summary>
public sealed record UserSummary(
    string Id,
    string UserName,
    string DisplayName,
    string? Email,
    bool Enabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSignInAt);

/// <summary>Everything the user detail page shows about the user itself (groups, devices, sessions and events come from their services).</summary>
public sealed record UserDetail(
    string Id,
    string UserName,
    string DisplayName,
    string? GivenName,
    string? FamilyName,
    string? Email,
    bool Enabled,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    DateTimeOffset? PasswordChangedAt,
    bool MustChangePassword,
    bool PasswordExpired,
    DateTimeOffset? LockedOutUntil,
    DateTimeOffset? LastSignInAt,
    bool IsAdministrator,
    int MfaDeviceCount)
{
    public UserProfile Profile => new(DisplayName, GivenName, FamilyName, Email);
}

/// <summary>A new user: the user name (fixed for life) and profile.</summary>
public sealed record CreateUserRequest(string UserName, string DisplayName, string? GivenName = null, string? FamilyName = null, string? Email = null)
{
    public UserProfile Profile => new(DisplayName, GivenName, FamilyName, Email);
}

/// <summary>A created user and its one-time password: show it once; it is not stored anywhere in clear.</summary>
public sealed record CreatedUser(UserDetail User, string OneTimePassword);
