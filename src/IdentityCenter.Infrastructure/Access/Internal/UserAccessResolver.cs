using IdentityCenter.Core.Assignments;
using IdentityCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using CoreMembership = IdentityCenter.Core.Assignments.GroupMembership;

namespace IdentityCenter.Infrastructure.Access.Internal;

/// <summary>
/// A user's effective assignments: the cached assignment index plus the user's group memberships read
/// live (one indexed query), resolved by Core's <see cref="AssignmentIndex"/>.
/// </summary>
internal sealed class UserAccessResolver(IDbContextFactory<IdentityCenterDbContext> contexts, AccessModelCache cache)
{
    /// <summary>The extra ABAC paths that come from the user row itself.</summary>
    public static readonly IReadOnlyList<string> BuiltInPaths =
        ["userName", "displayName", "name.givenName", "name.familyName", "emails[primary eq true].value"];

    public async Task<(AccessSnapshot Snapshot, IReadOnlyList<EffectiveAssignment> Assignments)> ResolveAsync(string userId, CancellationToken cancellationToken)
    {
        var snapshot = await cache.GetAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // A disabled (or deleted) user is entitled to nothing, whatever is still assigned.
        if (!await db.Users.AsNoTracking().AnyAsync(u => u.Id == userId && u.Enabled, cancellationToken))
        {
            return (snapshot, []);
        }

        var groupIds = await db.GroupMemberships.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(cancellationToken);
        return (snapshot, Resolve(snapshot.Assignments, userId, groupIds));
    }

    public static IReadOnlyList<EffectiveAssignment> Resolve(AssignmentIndex assignments, string userId, IReadOnlyCollection<string> groupIds)
    {
        var relevant = new List<AccountAssignment>(assignments.GetAssignmentsForPrincipal(PrincipalType.User, userId));
        foreach (var groupId in groupIds)
        {
            relevant.AddRange(assignments.GetAssignmentsForPrincipal(PrincipalType.Group, groupId));
        }

        if (relevant.Count == 0)
        {
            return [];
        }

        return AssignmentIndex.Build(relevant, groupIds.Select(g => new CoreMembership(g, userId))).ResolveUser(userId);
    }

    /// <summary>Every attribute path → value for the user (built-in ones from the user row, then the extra ones); null when the user does not exist.</summary>
    public static async Task<Dictionary<string, string?>?> LoadUserAttributesAsync(IdentityCenterDbContext db, string userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.UserName, u.DisplayName, u.GivenName, u.FamilyName, u.Email })
            .FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["userName"] = user.UserName,
            ["displayName"] = user.DisplayName,
            ["name.givenName"] = user.GivenName,
            ["name.familyName"] = user.FamilyName,
            ["emails[primary eq true].value"] = user.Email,
        };
        var extra = await db.UserAccessAttributes.AsNoTracking().Where(a => a.UserId == userId).ToListAsync(cancellationToken);
        foreach (var attribute in extra)
        {
            values[attribute.Path] = attribute.Value;
        }

        return values;
    }

    public async Task<PrincipalTagMapping> GetPrincipalTagsAsync(AccessSnapshot snapshot, string userId, CancellationToken cancellationToken)
    {
        if (snapshot.Attributes.Count == 0)
        {
            return new PrincipalTagMapping(new Dictionary<string, string>(), []);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var values = await LoadUserAttributesAsync(db, userId, cancellationToken) ?? [];
        return AccessControlAttributeMapper.Map(snapshot.Attributes, new UserAttributes(values));
    }
}
