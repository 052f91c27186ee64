using IdentityCenter.Infrastructure.Sessions;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities;
using IdentityCenter.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Directory;

public sealed class GroupDirectoryService(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    SessionStateCache sessionCache,
    ICredentialRevocation credentials,
    IEnumerable<IPrincipalDeletionHandler> deletionHandlers,
    TimeProvider timeProvider) : IGroupDirectoryService
{
    public async Task<PagedResult<GroupSummary>> ListGroupsAsync(GroupQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var pageIndex = Math.Max(0, query.PageIndex);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groups = db.Groups.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = UserDirectoryService.ContainsPattern(DirectoryNames.Normalize(query.Search));
            groups = groups.Where(g => EF.Functions.Like(g.NormalizedDisplayName, pattern, "\\"));
        }

        var total = await groups.CountAsync(cancellationToken);
        var ordered = query.Descending ? groups.OrderByDescending(g => g.NormalizedDisplayName) : groups.OrderBy(g => g.NormalizedDisplayName);
        var items = await ordered.Skip(pageIndex * pageSize).Take(pageSize)
            .Select(g => new GroupSummary(g.Id, g.DisplayName, g.Description, g.Memberships.Count, g.IsBuiltIn, g.CreatedAt))
            .ToListAsync(cancellationToken);
        return new(items, total, pageIndex, pageSize);
    }

    public async Task<GroupDetail?> GetGroupAsync(string groupId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Groups.AsNoTracking().Where(g => g.Id == groupId)
            .Select(g => new GroupDetail(g.Id, g.DisplayName, g.Description, g.IsBuiltIn, g.Memberships.Count, g.CreatedAt, g.CreatedBy, g.UpdatedAt, g.UpdatedBy))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<GroupDetail>> ListGroupDetailsAsync(string? afterDisplayName, int limit, CancellationToken cancellationToken = default)
    {
        limit = Math.Clamp(limit, 1, 200);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groups = db.Groups.AsNoTracking();
        if (afterDisplayName is not null)
        {
            var after = DirectoryNames.Normalize(afterDisplayName);
            groups = groups.Where(g => g.NormalizedDisplayName.CompareTo(after) > 0);
        }

        return await groups.OrderBy(g => g.NormalizedDisplayName).Take(limit)
            .Select(g => new GroupDetail(g.Id, g.DisplayName, g.Description, g.IsBuiltIn, g.Memberships.Count, g.CreatedAt, g.CreatedBy, g.UpdatedAt, g.UpdatedBy))
            .ToListAsync(cancellationToken);
    }

    public async Task<GroupDetail?> FindByDisplayNameAsync(string displayName, CancellationToken cancellationToken = default)
    {
        var normalized = DirectoryNames.Normalize(displayName);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Groups.AsNoTracking().Where(g => g.NormalizedDisplayName == normalized)
            .Select(g => new GroupDetail(g.Id, g.DisplayName, g.Description, g.IsBuiltIn, g.Memberships.Count, g.CreatedAt, g.CreatedBy, g.UpdatedAt, g.UpdatedBy))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<GroupMembershipDetail?> GetMembershipAsync(string membershipId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.GroupMemberships.AsNoTracking().Where(m => m.Id == membershipId)
            .Select(m => new GroupMembershipDetail(m.Id, m.GroupId, m.UserId, m.CreatedAt))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<GroupMembershipDetail?> FindMembershipAsync(string groupId, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.GroupMemberships.AsNoTracking().Where(m => m.GroupId == groupId && m.UserId == userId)
            .Select(m => new GroupMembershipDetail(m.Id, m.GroupId, m.UserId, m.CreatedAt))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<GroupMembershipDetail>> ListMembershipsAsync(string? groupId, string? userId, string? afterMembershipId, int limit, CancellationToken cancellationToken = default)
    {
        limit = Math.Clamp(limit, 1, 200);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var memberships = db.GroupMemberships.AsNoTracking();
        if (groupId is not null)
        {
            memberships = memberships.Where(m => m.GroupId == groupId);
        }

        if (userId is not null)
        {
            memberships = memberships.Where(m => m.UserId == userId);
        }

        if (afterMembershipId is not null)
        {
            memberships = memberships.Where(m => m.Id.CompareTo(afterMembershipId) > 0);
        }

        return await memberships.OrderBy(m => m.Id).Take(limit)
            .Select(m => new GroupMembershipDetail(m.Id, m.GroupId, m.UserId, m.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<OperationResult<GroupDetail>> CreateGroupAsync(GroupInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var staged = await StageGroupAsync(db, input, actor, now, cancellationToken);
        if (!staged.Succeeded)
        {
            return staged.As<GroupDetail>();
        }

        var group = staged.Value!;
        if (!await TrySaveAsync(db, cancellationToken))
        {
            return NameTaken(group.DisplayName).As<GroupDetail>();
        }

        await transaction.CommitAsync(cancellationToken);
        return OperationResult.Ok(new GroupDetail(group.Id, group.DisplayName, group.Description, false, 0, now, actor.UserName, now, actor.UserName));
    }

    /// <summary>
    /// Validates a new group (the name free among the saved groups of the caller's transaction) and stages it with
    /// its CreateGroup audit event in the caller's unit of work. The caller saves (a unique index refusal means the
    /// name was taken concurrently) and commits. Shared with the environment import.
    /// </summary>
    internal static async Task<OperationResult<Group>> StageGroupAsync(IdentityCenterDbContext db, GroupInput input, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return OperationResult.Invalid(errors).As<Group>();
        }

        var name = input.DisplayName.Trim();
        var normalized = DirectoryNames.Normalize(name);
        if (await db.Groups.AnyAsync(g => g.NormalizedDisplayName == normalized, cancellationToken))
        {
            return NameTaken(name).As<Group>();
        }

        var group = new Group
        {
            DisplayName = name,
            NormalizedDisplayName = normalized,
            Description = NullIfBlank(input.Description),
            CreatedAt = now,
            CreatedBy = actor.UserName,
            UpdatedAt = now,
            UpdatedBy = actor.UserName,
        };
        db.Groups.Add(group);
        db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
            now, actor, AuditEventNames.CreateGroup,
            request: new Dictionary<string, string?> { ["displayName"] = group.DisplayName, ["description"] = group.Description },
            response: new Dictionary<string, string?> { ["groupId"] = group.Id })));
        return OperationResult.Ok(group);
    }

    private static OperationResult NameTaken(string name) =>
        OperationResult.Conflict("DisplayName", $"A group named '{name}' already exists. Group names are unique, ignoring case.");

    public async Task<OperationResult<GroupDetail>> UpdateGroupAsync(string groupId, GroupInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return OperationResult.Invalid(errors).As<GroupDetail>();
        }

        var now = timeProvider.GetUtcNow();
        var name = input.DisplayName.Trim();
        var normalized = DirectoryNames.Normalize(name);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var group = await db.Groups.FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        if (group is null)
        {
            return OperationResult.NotFound("That group does not exist (it may have been deleted).").As<GroupDetail>();
        }

        if (group.IsBuiltIn && group.NormalizedDisplayName != normalized)
        {
            return OperationResult.Invalid("DisplayName", "The built-in administrators group cannot be renamed.").As<GroupDetail>();
        }

        if (await db.Groups.AnyAsync(g => g.NormalizedDisplayName == normalized && g.Id != groupId, cancellationToken))
        {
            return OperationResult.Conflict("DisplayName", $"A group named '{name}' already exists. Group names are unique, ignoring case.").As<GroupDetail>();
        }

        var changes = new Dictionary<string, string?>();
        if (group.DisplayName != name)
        {
            changes["displayName"] = name;
        }

        var description = NullIfBlank(input.Description);
        if (group.Description != description)
        {
            changes["description"] = description;
        }

        group.DisplayName = name;
        group.NormalizedDisplayName = normalized;
        group.Description = description;
        if (changes.Count > 0)
        {
            group.UpdatedAt = now;
            group.UpdatedBy = actor.UserName;
            changes["groupId"] = group.Id;
            db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(now, actor, AuditEventNames.UpdateGroup, request: changes)));
            if (!await TrySaveAsync(db, cancellationToken))
            {
                return OperationResult.Conflict("DisplayName", $"A group named '{name}' already exists. Group names are unique, ignoring case.").As<GroupDetail>();
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return OperationResult.Ok((await GetGroupAsync(groupId, cancellationToken))!);
    }

    public async Task<OperationResult> DeleteGroupAsync(string groupId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var group = await db.Groups.FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        if (group is null)
        {
            return OperationResult.NotFound("That group does not exist (it may have been deleted already).");
        }

        if (group.IsBuiltIn)
        {
            return OperationResult.Forbidden("The built-in administrators group cannot be deleted.");
        }

        // One transaction: the group, its memberships, what refers to it (assignments), the revocations and the audit events.
        var deletion = new PrincipalDeletion(db, groupId, actor, now, await credentials.StageAsync(db, actor, cancellationToken));
        var members = await db.GroupMemberships.Where(m => m.GroupId == groupId).Select(m => m.UserId).ToListAsync(cancellationToken);
        foreach (var member in members)
        {
            deletion.Revocations.Membership(groupId, member);
        }

        foreach (var handler in deletionHandlers)
        {
            await handler.OnGroupDeletingAsync(deletion, cancellationToken);
        }

        await db.GroupMemberships.Where(m => m.GroupId == groupId).ExecuteDeleteAsync(cancellationToken);
        db.Groups.Remove(group);
        db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
            now, actor, AuditEventNames.DeleteGroup,
            request: new Dictionary<string, string?> { ["groupId"] = group.Id, ["displayName"] = group.DisplayName })));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        deletion.Committed();
        return OperationResult.Success;
    }

    public async Task<PagedResult<GroupMember>> ListMembersAsync(string groupId, string? search, int pageIndex, int pageSize, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, 200);
        pageIndex = Math.Max(0, pageIndex);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var members = db.GroupMemberships.AsNoTracking().Where(m => m.GroupId == groupId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = UserDirectoryService.ContainsPattern(DirectoryNames.Normalize(search));
            members = members.Where(m => EF.Functions.Like(m.User!.NormalizedUserName!, pattern, "\\")
                || EF.Functions.Like(m.User.NormalizedDisplayName, pattern, "\\")
                || EF.Functions.Like(m.User.NormalizedEmail!, pattern, "\\"));
        }

        var total = await members.CountAsync(cancellationToken);
        var items = await members.OrderBy(m => m.User!.NormalizedUserName)
            .Skip(pageIndex * pageSize).Take(pageSize)
            .Select(m => new GroupMember(m.Id, m.UserId, m.User!.UserName!, m.User.DisplayName, m.User.Email, m.User.Enabled, m.CreatedAt))
            .ToListAsync(cancellationToken);
        return new(items, total, pageIndex, pageSize);
    }

    public async Task<IReadOnlyList<MemberCandidate>> SearchCandidatesAsync(string groupId, string search, int limit = 20, CancellationToken cancellationToken = default)
    {
        limit = Math.Clamp(limit, 1, 100);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = UserDirectoryService.ContainsPattern(DirectoryNames.Normalize(search));
            users = users.Where(u => EF.Functions.Like(u.NormalizedUserName!, pattern, "\\")
                || EF.Functions.Like(u.NormalizedDisplayName, pattern, "\\")
                || EF.Functions.Like(u.NormalizedEmail!, pattern, "\\"));
        }

        return await users.OrderBy(u => u.NormalizedUserName).Take(limit)
            .Select(u => new MemberCandidate(u.Id, u.UserName!, u.DisplayName, u.Email, db.GroupMemberships.Any(m => m.GroupId == groupId && m.UserId == u.Id)))
            .ToListAsync(cancellationToken);
    }

    public async Task<OperationResult> AddMembersAsync(string groupId, IReadOnlyCollection<string> userIds, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentNullException.ThrowIfNull(actor);
        if (userIds.Count == 0)
        {
            return OperationResult.Invalid("UserIds", "Choose at least one user to add.");
        }

        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var group = await db.Groups.FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        if (group is null)
        {
            return OperationResult.NotFound("That group does not exist (it may have been deleted).");
        }

        var ids = userIds.Distinct(StringComparer.Ordinal).ToList();
        var users = await db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.UserName }).ToListAsync(cancellationToken);
        if (users.Count != ids.Count)
        {
            return OperationResult.NotFound("Some of the chosen users no longer exist. Search again and retry.");
        }

        var existing = await db.GroupMemberships.Where(m => m.GroupId == groupId && ids.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(cancellationToken);
        foreach (var user in users.Where(u => !existing.Contains(u.Id)))
        {
            StageMembership(db, groupId, group.DisplayName, user.Id, user.UserName, actor, now);
        }

        if (!await TrySaveAsync(db, cancellationToken))
        {
            return OperationResult.Conflict("", "Someone else changed this group's members at the same time. Reload and try again.");
        }

        await transaction.CommitAsync(cancellationToken);
        return OperationResult.Success;
    }

    /// <summary>
    /// One new membership and its AddMemberToGroup audit event in the caller's unit of work (saved by the caller);
    /// shared with the workshop events, which add hundreds of attendees in their own transaction.
    /// </summary>
    internal static void StageMembership(IdentityCenterDbContext db, string groupId, string groupDisplayName, string userId, string? userName, Actor actor, DateTimeOffset now)
    {
        var membership = new GroupMembership { GroupId = groupId, UserId = userId, CreatedAt = now };
        db.GroupMemberships.Add(membership);
        db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
            now, actor, AuditEventNames.AddMemberToGroup, userId, userName,
            request: new Dictionary<string, string?> { ["groupId"] = groupId, ["groupDisplayName"] = groupDisplayName, ["memberId.userId"] = userId },
            response: new Dictionary<string, string?> { ["membershipId"] = membership.Id })));
    }

    public async Task<OperationResult> RemoveMemberAsync(string groupId, string userId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var membership = await db.GroupMemberships.Include(m => m.Group).Include(m => m.User)
            .FirstOrDefaultAsync(m => m.GroupId == groupId && m.UserId == userId, cancellationToken);
        if (membership is null)
        {
            return OperationResult.NotFound("That user is not a member of this group.");
        }

        if (groupId == BuiltInGroups.AdministratorsId && await UserDirectoryService.IsLastEnabledAdministratorAsync(db, userId, cancellationToken))
        {
            return OperationResult.Conflict("", "This is the last enabled administrator. Add another administrator first.");
        }

        db.GroupMemberships.Remove(membership);
        db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
            now, actor, AuditEventNames.RemoveMemberFromGroup, userId, membership.User?.UserName,
            request: new Dictionary<string, string?> { ["groupId"] = groupId, ["groupDisplayName"] = membership.Group?.DisplayName, ["membershipId"] = membership.Id })));
        var revoked = await credentials.StageAsync(db, actor, cancellationToken);
        revoked.Membership(groupId, userId);

        // The administrator claim lives in the sign-in cookie: a removed administrator is signed out
        // everywhere at once, so no open page or cookie keeps administration rights.
        var ended = groupId == BuiltInGroups.AdministratorsId
            ? await UserSessionService.EndAllAsync(db, userId, SessionEndReasons.AdministratorRemoved, now, cancellationToken)
            : [];
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        sessionCache.Revoke(ended, now);
        revoked.Publish();
        return OperationResult.Success;
    }

    public async Task<IReadOnlyList<UserGroup>> GetGroupsForUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.GroupMemberships.AsNoTracking().Where(m => m.UserId == userId)
            .OrderBy(m => m.Group!.NormalizedDisplayName)
            .Select(m => new UserGroup(m.GroupId, m.Group!.DisplayName, m.Id, m.Group.IsBuiltIn))
            .ToListAsync(cancellationToken);
    }

    private static List<FieldError> Validate(GroupInput input) =>
    [
        .. DirectoryNames.ValidateGroupName(input.DisplayName),
        .. DirectoryNames.ValidateAttribute(input.Description, "Description", "description", required: false),
    ];

    /// <summary>Saves; false when a unique index refused the write (a concurrent request took the name).</summary>
    private static async Task<bool> TrySaveAsync(IdentityCenterDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
