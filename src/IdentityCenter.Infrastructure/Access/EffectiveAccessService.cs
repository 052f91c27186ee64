using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Infrastructure.Access.Internal;
using IdentityCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using CoreMembership = IdentityCenter.Core.Assignments.GroupMembership;

namespace IdentityCenter.Infrastructure.Access;

internal sealed class EffectiveAccessService(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    AccessModelCache cache) : IEffectiveAccessService
{
    public async Task<UserEffectiveAccess?> GetUserAccessAsync(string userId, CancellationToken cancellationToken = default)
    {
        var snapshot = await cache.GetAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.UserName }).FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }

        var groups = await db.GroupMemberships.AsNoTracking().Where(m => m.UserId == userId)
            .Select(m => new { m.GroupId, m.Group!.DisplayName }).ToListAsync(cancellationToken);
        var groupNames = groups.ToDictionary(g => g.GroupId, g => g.DisplayName, StringComparer.Ordinal);
        var effective = UserAccessResolver.Resolve(snapshot.Assignments, userId, groupNames.Keys);
        var accounts = effective
            .GroupBy(e => e.AccountId, StringComparer.Ordinal)
            .Select(g => new EffectiveAccount(
                g.Key,
                snapshot.AccountName(g.Key),
                g.Select(e => Role(snapshot, e, groupNames)).OfType<EffectiveRole>().OrderBy(r => r.PermissionSetName, StringComparer.OrdinalIgnoreCase).ToList()))
            .OrderBy(a => a.AccountName, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new UserEffectiveAccess(userId, user.UserName ?? userId, accounts);
    }

    private static EffectiveRole? Role(AccessSnapshot snapshot, EffectiveAssignment e, Dictionary<string, string> groupNames)
    {
        if (!snapshot.PermissionSets.TryGetValue(e.PermissionSetId, out var entry)
            || RolePolicies.Compose(snapshot, e.AccountId, e.PermissionSetId) is not { } sources)
        {
            return null;
        }

        var role = snapshot.FindRole(e.AccountId, e.PermissionSetId);
        var status = role is { IsProvisioned: true }
            ? (role.ProvisionedVersion >= entry.Model.Version ? ProvisioningStatus.LatestProvisioned : ProvisioningStatus.LatestNotProvisioned)
            : ProvisioningStatus.NotProvisioned;
        return new EffectiveRole(
            e.PermissionSetId,
            entry.Model.Name,
            role?.RoleName,
            role?.RoleName is { } name ? PermissionSetNaming.RoleArn(e.AccountId, snapshot.Region, name) : null,
            status,
            e.IsDirect,
            e.ViaGroupIds.Select(g => new GroupRef(g, groupNames.GetValueOrDefault(g) ?? g)).ToList(),
            sources);
    }

    public async Task<AccessMatrixResult> GetMatrixAsync(MatrixQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var snapshot = await cache.GetAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        MatrixPage page;
        if (query.RowType == PrincipalType.User)
        {
            var users = await db.Users.AsNoTracking().OrderBy(u => u.NormalizedUserName)
                .Select(u => new MatrixPrincipal(u.Id, u.UserName ?? u.Id)).ToListAsync(cancellationToken);
            var memberships = await db.GroupMemberships.AsNoTracking()
                .Select(m => new CoreMembership(m.GroupId, m.UserId)).ToListAsync(cancellationToken);
            var index = AssignmentIndex.Build(snapshot.AssignmentCreatedAt.Keys, memberships);
            page = EffectiveAccessMatrix.Build(index, users, snapshot.PermissionSetNames, query);
        }
        else
        {
            var groups = await db.Groups.AsNoTracking().OrderBy(g => g.NormalizedDisplayName)
                .Select(g => new MatrixPrincipal(g.Id, g.DisplayName)).ToListAsync(cancellationToken);
            page = EffectiveAccessMatrix.Build(snapshot.Assignments, groups, snapshot.PermissionSetNames, query);
        }

        return new AccessMatrixResult(page, page.AccountIds.ToDictionary(a => a, snapshot.AccountName, StringComparer.Ordinal));
    }
}
