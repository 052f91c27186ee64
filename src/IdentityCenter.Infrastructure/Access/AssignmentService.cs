using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Infrastructure.Access.Internal;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities.Access;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Access;

internal sealed class AssignmentService(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    AccessModelCache cache,
    Provisioning provisioning,
    UserAccessResolver resolver,
    ICredentialRevocation revocation,
    TimeProvider timeProvider) : IAssignmentService
{
    private const string Source = AccessAuditEventNames.SsoSource;

    public async Task<OperationResult<AssignmentCreated>> CreateAsync(AssignmentRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await ApplyPlanAsync([request.AccountId], [(request.PrincipalType, request.PrincipalId)], [request.PermissionSetId], actor, cancellationToken);
        if (!result.Succeeded)
        {
            return result.As<AssignmentCreated>();
        }

        return result.Value!.Created.Count == 0
            ? OperationResult.Conflict("", $"That {request.PrincipalType.ToString().ToLowerInvariant()} already has this permission set in account {request.AccountId}.").As<AssignmentCreated>()
            : OperationResult.Ok(result.Value.Created[0]);
    }

    public async Task<OperationResult> DeleteAsync(AssignmentRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var now = timeProvider.GetUtcNow();
        var type = AssignmentPrincipalTypes.ToAws(request.PrincipalType);
        StagedRevocations revoked;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var record = await db.AccountAssignments.FirstOrDefaultAsync(
                a => a.AccountId == request.AccountId && a.PermissionSetId == request.PermissionSetId && a.PrincipalType == type && a.PrincipalId == request.PrincipalId,
                cancellationToken);
            if (record is null)
            {
                return OperationResult.NotFound("That account assignment does not exist.");
            }

            revoked = await revocation.StageAsync(db, actor, cancellationToken);
            Remove(db, record, now, actor, revoked);
            await db.SaveChangesAsync(cancellationToken);
            await AccessModelCache.BumpAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        cache.Invalidate();
        revoked.Publish();
        return OperationResult.Success;
    }

    public async Task<OperationResult<int>> DeletePrincipalAssignmentsAsync(PrincipalType type, string principalId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        StagedRevocations revoked;
        int removed;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            revoked = await revocation.StageAsync(db, actor, cancellationToken);
            removed = await RemovePrincipalAssignmentsAsync(db, type, principalId, actor, timeProvider.GetUtcNow(), revoked, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await AccessModelCache.BumpAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        cache.Invalidate();
        revoked.Publish();
        return OperationResult.Ok(removed);
    }

    /// <summary>
    /// Removes every assignment of the principal inside the caller's unit of work: audited as
    /// DeleteAccountAssignment, each revoking what it granted through <paramref name="revoked"/>.
    /// The caller saves, commits, then invalidates the access model cache.
    /// </summary>
    internal static async Task<int> RemovePrincipalAssignmentsAsync(IdentityCenterDbContext db, PrincipalType type, string principalId, Actor actor, DateTimeOffset now, StagedRevocations revoked, CancellationToken cancellationToken)
    {
        var aws = AssignmentPrincipalTypes.ToAws(type);
        var records = await db.AccountAssignments.Where(a => a.PrincipalType == aws && a.PrincipalId == principalId).ToListAsync(cancellationToken);
        foreach (var record in records)
        {
            Remove(db, record, now, actor, revoked);
        }

        return records.Count;
    }

    /// <summary>One removed assignment: the row, its DeleteAccountAssignment event and the revocation of what it granted, all in the caller's unit of work.</summary>
    internal static void Remove(IdentityCenterDbContext db, AccountAssignmentRecord record, DateTimeOffset now, Actor actor, StagedRevocations revoked)
    {
        var type = AssignmentPrincipalTypes.Parse(record.PrincipalType);
        db.AccountAssignments.Remove(record);
        AccessAudit.Record(db, now, actor, Source, AccessAuditEventNames.DeleteAccountAssignment,
            RequestOf(new AssignmentRequest(record.AccountId, record.PermissionSetId, type, record.PrincipalId)),
            targetUserId: type == PrincipalType.User ? record.PrincipalId : null);
        revoked.Assignment(record.AccountId, record.PermissionSetId, record.PrincipalId);
    }

    public async Task<AssignmentWizardPlan> PlanAsync(
        IReadOnlyCollection<string> accountIds,
        IReadOnlyCollection<(PrincipalType Type, string Id)> principals,
        IReadOnlyCollection<string> permissionSetIds,
        CancellationToken cancellationToken = default)
    {
        var snapshot = await cache.GetAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var names = await PrincipalNamesAsync(db, principals, cancellationToken);
        var problems = Check(snapshot, snapshot.Tree, accountIds, principals, permissionSetIds, names);
        var plan = AssignmentRules.Plan(accountIds, principals, permissionSetIds, snapshot.Assignments);
        return new AssignmentWizardPlan(
            plan.ToCreate.Select(a => ToInfo(snapshot, a, names, default)).ToList(),
            plan.AlreadyAssigned.Select(a => ToInfo(snapshot, a, names, snapshot.AssignmentCreatedAt.GetValueOrDefault(a))).ToList(),
            problems);
    }

    public async Task<OperationResult<AssignmentBatchResult>> ApplyPlanAsync(
        IReadOnlyCollection<string> accountIds,
        IReadOnlyCollection<(PrincipalType Type, string Id)> principals,
        IReadOnlyCollection<string> permissionSetIds,
        Actor actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        ArgumentNullException.ThrowIfNull(principals);
        ArgumentNullException.ThrowIfNull(permissionSetIds);
        ArgumentNullException.ThrowIfNull(actor);
        if (accountIds.Count == 0 || principals.Count == 0 || permissionSetIds.Count == 0)
        {
            return OperationResult.Invalid("", "Choose at least one account, one user or group, and one permission set.").As<AssignmentBatchResult>();
        }

        return await ApplyPlansAsync([new AssignmentPlanRequest(accountIds, principals, permissionSetIds)], actor, cancellationToken);
    }

    /// <summary>
    /// Several plans (each accounts × principals × permission sets) in one transaction, against one snapshot, with one
    /// save and one cache invalidation (the workshop seed's assignments); nothing when any part is invalid.
    /// </summary>
    internal async Task<OperationResult<AssignmentBatchResult>> ApplyPlansAsync(IReadOnlyList<AssignmentPlanRequest> requests, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(actor);
        var snapshot = await cache.GetAsync(cancellationToken);
        OperationResult<AssignmentBatchResult> result;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            result = await StagePlansAsync(db, snapshot, snapshot.Tree, requests, actor, cancellationToken);
            if (!result.Succeeded)
            {
                return result;
            }

            await db.SaveChangesAsync(cancellationToken);
            await AccessModelCache.BumpAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        cache.Invalidate();
        return result;
    }

    /// <summary>
    /// The work of <see cref="ApplyPlansAsync"/> inside the caller's transaction: checks every plan against
    /// <paramref name="tree"/> (the caller's, which may hold accounts created in the same transaction), stages the new
    /// assignments with their provisioning and audit events; nothing is staged when any part is invalid. The caller
    /// saves, bumps the access model (<see cref="AccessModelCache.BumpAsync"/>), commits and invalidates the cache.
    /// </summary>
    internal async Task<OperationResult<AssignmentBatchResult>> StagePlansAsync(
        IdentityCenterDbContext db, AccessSnapshot snapshot, OrganizationTree? tree, IReadOnlyList<AssignmentPlanRequest> requests, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(actor);
        var now = timeProvider.GetUtcNow();
        var created = new List<AssignmentCreated>();
        var already = 0;
        var names = await PrincipalNamesAsync(db, requests.SelectMany(r => r.Principals).Distinct().ToList(), cancellationToken);
        var problems = requests.SelectMany(r => Check(snapshot, tree, r.AccountIds, r.Principals, r.PermissionSetIds, names)).Distinct().ToList();
        if (problems.Count > 0)
        {
            return OperationResult.Invalid(problems).As<AssignmentBatchResult>();
        }

        // The plan is made against the database inside the transaction, not the cache.
        var accountIds = requests.SelectMany(r => r.AccountIds).Distinct(StringComparer.Ordinal).ToList();
        var permissionSetIds = requests.SelectMany(r => r.PermissionSetIds).Distinct(StringComparer.Ordinal).ToList();
        var existing = new List<AccountAssignment>();
        foreach (var chunk in accountIds.Chunk(500))
        {
            existing.AddRange((await db.AccountAssignments.AsNoTracking()
                .Where(a => chunk.Contains(a.AccountId) && permissionSetIds.Contains(a.PermissionSetId))
                .Select(a => new { a.AccountId, a.PermissionSetId, a.PrincipalType, a.PrincipalId })
                .ToListAsync(cancellationToken))
                .Select(a => new AccountAssignment(a.AccountId, a.PermissionSetId, AssignmentPrincipalTypes.Parse(a.PrincipalType), a.PrincipalId)));
        }

        var index = AssignmentIndex.Build(existing, []);
        var toCreate = new List<AccountAssignment>();
        var planned = new HashSet<AccountAssignment>();
        foreach (var request in requests)
        {
            var plan = AssignmentRules.Plan(request.AccountIds, request.Principals, request.PermissionSetIds, index);
            already += plan.AlreadyAssigned.Count;
            toCreate.AddRange(plan.ToCreate.Where(planned.Add));
        }

        var provisioned = new Dictionary<(string, string), ProvisioningOutcome>();
        var sets = new Dictionary<string, PermissionSet>(StringComparer.Ordinal);
        foreach (var assignment in toCreate)
        {
            db.AccountAssignments.Add(new AccountAssignmentRecord
            {
                AccountId = assignment.AccountId,
                PermissionSetId = assignment.PermissionSetId,
                PrincipalType = AssignmentPrincipalTypes.ToAws(assignment.PrincipalType),
                PrincipalId = assignment.PrincipalId,
                CreatedAt = now,
                CreatedBy = actor.UserName,
            });

            // AWS provisions the permission set into the account as part of CreateAccountAssignment.
            var key = (assignment.AccountId, assignment.PermissionSetId);
            if (!provisioned.TryGetValue(key, out var outcome))
            {
                var role = await db.ProvisionedRoles.AsNoTracking().FirstOrDefaultAsync(r => r.AccountId == key.AccountId && r.PermissionSetId == key.PermissionSetId, cancellationToken);
                if (!sets.TryGetValue(key.PermissionSetId, out var set))
                {
                    set = PermissionSetMapping.ToModel(await db.PermissionSets.AsNoTracking().SingleAsync(p => p.Id == key.PermissionSetId, cancellationToken));
                    sets[key.PermissionSetId] = set;
                }

                if (role is { RoleName: not null } && role.ProvisionedVersion >= set.Version && role.ProvisionedDefinitionJson is not null)
                {
                    outcome = ProvisioningOutcome.Success(new ProvisionedRole(set.Id, key.AccountId, role.RoleName,
                        PermissionSetNaming.RoleArn(key.AccountId, snapshot.Region, role.RoleName), role.ProvisionedVersion, role.ProvisionedAt ?? now));
                }
                else
                {
                    outcome = await provisioning.ProvisionAsync(db, set, key.AccountId, cancellationToken);
                    Provisioning.Audit(db, now, actor, set, "AWS_ACCOUNT", [outcome]);
                }

                provisioned[key] = outcome;
            }

            AccessAudit.Record(db, now, actor, Source, AccessAuditEventNames.CreateAccountAssignment,
                RequestOf(new AssignmentRequest(assignment.AccountId, assignment.PermissionSetId, assignment.PrincipalType, assignment.PrincipalId)),
                new Dictionary<string, string?> { ["status"] = outcome.Succeeded ? "SUCCEEDED" : "FAILED", ["failureReason"] = outcome.FailureReason },
                targetUserId: assignment.PrincipalType == PrincipalType.User ? assignment.PrincipalId : null,
                targetUserName: assignment.PrincipalType == PrincipalType.User ? names.GetValueOrDefault(assignment.PrincipalId) : null);
            created.Add(new AssignmentCreated(ToInfo(snapshot, assignment, names, now), outcome));
        }

        return OperationResult.Ok(new AssignmentBatchResult(created, already));
    }

    public async Task<IReadOnlyList<AssignmentInfo>> ListForAccountAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var snapshot = await cache.GetAsync(cancellationToken);
        return await ToInfosAsync(snapshot, snapshot.Assignments.GetAssignmentsForAccount(accountId), cancellationToken);
    }

    public async Task<IReadOnlyList<AssignmentInfo>> ListForPermissionSetAsync(string permissionSetId, CancellationToken cancellationToken = default)
    {
        var snapshot = await cache.GetAsync(cancellationToken);
        return await ToInfosAsync(snapshot, snapshot.Assignments.GetAssignmentsForPermissionSet(permissionSetId), cancellationToken);
    }

    public async Task<IReadOnlyList<AssignmentInfo>> ListForPrincipalAsync(PrincipalType type, string principalId, CancellationToken cancellationToken = default)
    {
        var snapshot = await cache.GetAsync(cancellationToken);
        return await ToInfosAsync(snapshot, snapshot.Assignments.GetAssignmentsForPrincipal(type, principalId), cancellationToken);
    }

    public async Task<IReadOnlyList<UserAssignmentInfo>> ListEffectiveForUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        var (snapshot, effective) = await resolver.ResolveAsync(userId, cancellationToken);
        var groupIds = effective.SelectMany(e => e.ViaGroupIds).Distinct().ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groupNames = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.DisplayName, cancellationToken);
        return effective
            .Select(e => new UserAssignmentInfo(
                e.AccountId, snapshot.AccountName(e.AccountId), e.PermissionSetId, snapshot.PermissionSetName(e.PermissionSetId), e.IsDirect,
                e.ViaGroupIds.Select(g => new GroupRef(g, groupNames.GetValueOrDefault(g) ?? g)).ToList()))
            .OrderBy(e => e.AccountName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(e => e.PermissionSetName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private async Task<IReadOnlyList<AssignmentInfo>> ToInfosAsync(AccessSnapshot snapshot, IReadOnlyList<AccountAssignment> assignments, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var names = await PrincipalNamesAsync(db, assignments.Select(a => (a.PrincipalType, a.PrincipalId)).Distinct().ToList(), cancellationToken);
        return assignments
            .Select(a => ToInfo(snapshot, a, names, snapshot.AssignmentCreatedAt.GetValueOrDefault(a)))
            .OrderBy(a => a.AccountName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(a => a.PermissionSetName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(a => a.PrincipalType)
            .ThenBy(a => a.PrincipalName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>User id → user name and group id → display name, for the principals that exist.</summary>
    internal static async Task<Dictionary<string, string>> PrincipalNamesAsync(IdentityCenterDbContext db, IReadOnlyCollection<(PrincipalType Type, string Id)> principals, CancellationToken cancellationToken)
    {
        var userIds = principals.Where(p => p.Type == PrincipalType.User).Select(p => p.Id).Distinct().ToList();
        var groupIds = principals.Where(p => p.Type == PrincipalType.Group).Select(p => p.Id).Distinct().ToList();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in userIds.Chunk(500))
        {
            foreach (var u in await db.Users.AsNoTracking().Where(u => chunk.Contains(u.Id)).Select(u => new { u.Id, u.UserName }).ToListAsync(cancellationToken))
            {
                names[u.Id] = u.UserName ?? u.Id;
            }
        }

        foreach (var chunk in groupIds.Chunk(500))
        {
            foreach (var g in await db.Groups.AsNoTracking().Where(g => chunk.Contains(g.Id)).Select(g => new { g.Id, g.DisplayName }).ToListAsync(cancellationToken))
            {
                names[g.Id] = g.DisplayName;
            }
        }

        return names;
    }

    private static List<FieldError> Check(
        AccessSnapshot snapshot,
        OrganizationTree? tree,
        IReadOnlyCollection<string> accountIds,
        IReadOnlyCollection<(PrincipalType Type, string Id)> principals,
        IReadOnlyCollection<string> permissionSetIds,
        Dictionary<string, string> names)
    {
        var problems = new List<FieldError>();
        problems.AddRange(accountIds.Where(a => tree?.FindAccount(a) is null)
            .Select(a => new FieldError("AccountIds", $"Account {a} is not in the organization.")));
        problems.AddRange(principals.Where(p => !names.ContainsKey(p.Id))
            .Select(p => new FieldError("Principals", $"There is no {p.Type.ToString().ToLowerInvariant()} with id {p.Id}.")));
        problems.AddRange(permissionSetIds.Where(p => !snapshot.PermissionSets.ContainsKey(p))
            .Select(p => new FieldError("PermissionSetIds", $"Permission set {p} does not exist.")));
        return problems;
    }

    private static AssignmentInfo ToInfo(AccessSnapshot snapshot, AccountAssignment a, Dictionary<string, string> names, DateTimeOffset createdAt) =>
        new(a.AccountId, snapshot.AccountName(a.AccountId), a.PermissionSetId, snapshot.PermissionSetName(a.PermissionSetId),
            a.PrincipalType, a.PrincipalId, names.GetValueOrDefault(a.PrincipalId) ?? a.PrincipalId, createdAt);

    private static Dictionary<string, string?> RequestOf(AssignmentRequest r) => new()
    {
        ["targetId"] = r.AccountId,
        ["targetType"] = "AWS_ACCOUNT",
        ["permissionSetId"] = r.PermissionSetId,
        ["principalType"] = AssignmentPrincipalTypes.ToAws(r.PrincipalType),
        ["principalId"] = r.PrincipalId,
    };
}
