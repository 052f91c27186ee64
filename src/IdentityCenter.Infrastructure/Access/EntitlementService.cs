using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Infrastructure.Access.Internal;

namespace IdentityCenter.Infrastructure.Access;

/// <summary>
/// The portal's view of a user's access, live: assignments from the cached index (replaced on every
/// change), memberships read per call. Only roles provisioned in ACTIVE accounts are usable.
/// </summary>
internal sealed class EntitlementService(UserAccessResolver resolver) : IEntitlementService
{
    public async Task<IReadOnlyList<EntitledAccount>> ListAccountsAsync(string userId, CancellationToken cancellationToken = default)
    {
        var (snapshot, assignments) = await resolver.ResolveAsync(userId, cancellationToken);
        return Usable(snapshot, assignments)
            .Select(a => a.AccountId)
            .Distinct(StringComparer.Ordinal)
            .Select(id => snapshot.Tree!.FindAccount(id)!)
            .OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .Select(a => new EntitledAccount(a.Id, a.Name, a.Email))
            .ToList();
    }

    public async Task<IReadOnlyList<EntitledRole>> ListRolesAsync(string userId, string accountId, CancellationToken cancellationToken = default)
    {
        var (snapshot, assignments) = await resolver.ResolveAsync(userId, cancellationToken);
        return Usable(snapshot, assignments)
            .Where(a => a.AccountId == accountId)
            .Select(a =>
            {
                var set = snapshot.PermissionSets[a.PermissionSetId].Model;
                var role = snapshot.FindRole(accountId, a.PermissionSetId)!;
                return new EntitledRole(accountId, set.Name, set.Id, set.Description, set.RelayState, role.Definition!.SessionDuration, a.IsDirect, a.ViaGroupIds);
            })
            .OrderBy(r => r.RoleName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public async Task<RoleResolutionResult> ResolveRoleAsync(string userId, string accountId, string roleName, CancellationToken cancellationToken = default)
    {
        var (snapshot, assignments) = await resolver.ResolveAsync(userId, cancellationToken);
        var account = snapshot.Tree?.FindAccount(accountId);
        if (account is null || account.Status != AccountStatus.Active)
        {
            return RoleResolutionResult.Failed(RoleResolution.AccountNotFound);
        }

        if (!snapshot.PermissionSetIdsByName.TryGetValue(roleName, out var permissionSetId)
            || snapshot.FindRole(accountId, permissionSetId) is not { IsProvisioned: true } role)
        {
            return RoleResolutionResult.Failed(RoleResolution.RoleNotFound);
        }

        var effective = assignments.FirstOrDefault(a => a.AccountId == accountId && a.PermissionSetId == permissionSetId);
        if (effective is null)
        {
            return RoleResolutionResult.Failed(RoleResolution.NotAssigned);
        }

        var set = snapshot.PermissionSets[permissionSetId].Model;
        var tags = await resolver.GetPrincipalTagsAsync(snapshot, userId, cancellationToken);
        var path = snapshot.Tree!.GetOrganizationPath(accountId);
        return RoleResolutionResult.Granted(new RoleGrant(
            accountId,
            account.Name,
            permissionSetId,
            set.Name,
            role.ProvisionedVersion,
            role.RoleName!,
            PermissionSetNaming.RoleArn(accountId, snapshot.Region, role.RoleName!),
            role.Definition!.SessionDuration,
            set.RelayState,
            snapshot.Tree.OrganizationId,
            path is null ? [] : [path],
            effective.GrantingPrincipalIds(userId),
            tags.Tags));
    }

    private static IEnumerable<EffectiveAssignment> Usable(AccessSnapshot snapshot, IReadOnlyList<EffectiveAssignment> assignments) =>
        assignments.Where(a =>
            snapshot.Tree?.FindAccount(a.AccountId) is { Status: AccountStatus.Active }
            && snapshot.PermissionSets.ContainsKey(a.PermissionSetId)
            && snapshot.FindRole(a.AccountId, a.PermissionSetId) is { IsProvisioned: true });
}
