namespace IdentityCenter.Infrastructure.Directory;

/// <summary>A groups-list request; <see cref="Search"/> matches the start of the display name.</summary>
public sealed record GroupQuery(string? Search = null, bool Descending = false, int PageIndex = 0, int PageSize = 25);

public sealed record GroupSummary(string Id, string DisplayName, string? Description, int MemberCount, bool IsBuiltIn, DateTimeOffset CreatedAt);

public sealed record GroupDetail(
    string Id,
    string DisplayName,
    string? Description,
    bool IsBuiltIn,
    int MemberCount,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    string UpdatedBy);

/// <summary>The editable fields of a group (fields: DisplayName, Description).</summary>
public sealed record GroupInput(string DisplayName, string? Description);

public sealed record GroupMember(string MembershipId, string UserId, string UserName, string DisplayName, string? Email, bool Enabled, DateTimeOffset AddedAt);

/// <summary>A group the user belongs to (user detail page).</summary>
public sealed record UserGroup(string GroupId, string DisplayName, string MembershipId, bool IsBuiltIn);

/// <summary>A search hit in the add-members dialog; <see cref="IsMember"/> lets the dialog grey out users already in the group.</summary>
public sealed record MemberCandidate(string UserId, string UserName, string DisplayName, string? Email, bool IsMember);

/// <summary>A membership of a user in a group, with its id (a UUID) and when it was made.</summary>
public sealed record GroupMembershipDetail(string MembershipId, string GroupId, string UserId, DateTimeOffset CreatedAt);
