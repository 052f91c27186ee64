using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Generations;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Access.Internal;

/// <summary>
/// Holds the current <see cref="AccessSnapshot"/> (singleton). Writers bump <see cref="ChangeConcerns.AccessModel"/>
/// inside their transaction (<see cref="BumpAsync"/>) and call <see cref="Invalidate"/> after committing; the
/// next reader reloads. Other instances invalidate when the maintenance tick sees the bumped generation.
/// A load that raced with an invalidation is not kept.
/// </summary>
internal sealed class AccessModelCache(IDbContextFactory<IdentityCenterDbContext> contexts) : IDisposable, IChangeGenerationListener
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private AccessSnapshot? current;
    private long generation;

    public void Dispose() => gate.Dispose();

    string IChangeGenerationListener.Concern => ChangeConcerns.AccessModel;

    Task IChangeGenerationListener.OnChangedAsync(CancellationToken cancellationToken)
    {
        Invalidate();
        return Task.CompletedTask;
    }

    /// <summary>Announces an access-model change to every instance; call inside the transaction that makes it.</summary>
    public static Task BumpAsync(IdentityCenterDbContext db, CancellationToken cancellationToken) =>
        ChangeGenerations.BumpAsync(db, ChangeConcerns.AccessModel, cancellationToken);

    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        Volatile.Write(ref current, null);
    }

    public async ValueTask<AccessSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = Volatile.Read(ref current);
        if (snapshot is not null)
        {
            return snapshot;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            snapshot = Volatile.Read(ref current);
            if (snapshot is not null)
            {
                return snapshot;
            }

            var loadingGeneration = Interlocked.Read(ref generation);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            snapshot = await LoadAsync(db, loadingGeneration, cancellationToken);
            if (Interlocked.Read(ref generation) == loadingGeneration)
            {
                Volatile.Write(ref current, snapshot);
            }

            return snapshot;
        }
        finally
        {
            gate.Release();
        }
    }

    public static async Task<OrganizationTree?> LoadTreeAsync(IdentityCenterDbContext db, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (organization is null)
        {
            return null;
        }

        var units = await db.OrganizationalUnits.AsNoTracking().OrderBy(u => u.CreatedAt).ThenBy(u => u.Id).ToListAsync(cancellationToken);
        var accounts = await db.Accounts.AsNoTracking().OrderBy(a => a.JoinedAt).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        var policies = await db.OrganizationPolicies.AsNoTracking().ToListAsync(cancellationToken);
        var attachments = await db.OrganizationPolicyAttachments.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync(cancellationToken);
        return BuildTree(organization, units, accounts, policies, attachments);
    }

    private static OrganizationTree BuildTree(
        Data.Entities.Access.OrganizationRecord organization,
        List<Data.Entities.Access.OrganizationalUnitRecord> units,
        List<Data.Entities.Access.AccountRecord> accounts,
        List<Data.Entities.Access.OrganizationPolicyRecord> policies,
        List<Data.Entities.Access.OrganizationPolicyAttachmentRecord> attachments)
    {
        var management = accounts.FirstOrDefault(a => a.Id == organization.ManagementAccountId)
            ?? throw new InvalidOperationException($"The management account {organization.ManagementAccountId} is missing from the database.");
        var tree = new OrganizationTree(organization.Id, organization.RootId, ToAccount(management), organization.RootName);

        // Parents before children: repeat passes until every OU is placed (depth is at most five).
        var pending = new List<Data.Entities.Access.OrganizationalUnitRecord>(units);
        while (pending.Count > 0)
        {
            var placed = pending.Where(u => u.ParentId == organization.RootId || tree.FindOrganizationalUnit(u.ParentId) is not null).ToList();
            if (placed.Count == 0)
            {
                break;
            }

            foreach (var unit in placed)
            {
                tree.AddOrganizationalUnit(unit.Id, unit.Name, unit.ParentId);
                pending.Remove(unit);
            }
        }

        foreach (var account in accounts.Where(a => a.Id != management.Id))
        {
            tree.AddAccount(ToAccount(account), account.ParentId);
        }

        foreach (var policy in policies.Where(p => !p.AwsManaged))
        {
            tree.PutPolicy(new OrganizationPolicy(policy.Id, policy.Name, ParseType(policy.Type), policy.Document, policy.Description));
        }

        // Defaults (FullAWSAccess, RCPFullAWSAccess) are attached by the tree itself; the stored
        // attachments are authoritative, so detach what is not stored and attach the rest in order.
        var stored = attachments.GroupBy(a => a.TargetId).ToDictionary(g => g.Key, g => g.Select(a => a.PolicyId).ToList(), StringComparer.Ordinal);
        foreach (var target in stored)
        {
            foreach (var policyId in target.Value)
            {
                tree.AttachPolicy(policyId, target.Key);
            }
        }

        foreach (var targetId in AllTargets(tree))
        {
            var wanted = stored.GetValueOrDefault(targetId) ?? [];
            if (wanted.Count > 0 && !wanted.Contains(OrganizationTree.FullAwsAccessPolicyId))
            {
                tree.DetachPolicy(OrganizationTree.FullAwsAccessPolicyId, targetId);
            }
        }

        return tree;
    }

    internal static IEnumerable<string> AllTargets(OrganizationTree tree) =>
        new[] { tree.RootId }.Concat(tree.OrganizationalUnits.Select(u => u.Id)).Concat(tree.Accounts.Select(a => a.Id));

    internal static OrganizationAccount ToAccount(Data.Entities.Access.AccountRecord a) =>
        new(a.Id, a.Name, a.Email, AccountStatusNames.TryParse(a.Status, out var status) ? status : AccountStatus.Active);

    internal static OrganizationPolicyType ParseType(string type) =>
        type == OrganizationPolicyType.ResourceControlPolicy.ToAwsString() ? OrganizationPolicyType.ResourceControlPolicy : OrganizationPolicyType.ServiceControlPolicy;

    /// <summary>
    /// The access model as <paramref name="db"/> sees it now, inside the caller's transaction (with what it saved but
    /// has not committed yet); never cached. For a change that builds on rows it created itself (the environment import).
    /// </summary>
    public static Task<AccessSnapshot> LoadUncachedAsync(IdentityCenterDbContext db, CancellationToken cancellationToken) =>
        LoadAsync(db, -1, cancellationToken);

    private static async Task<AccessSnapshot> LoadAsync(IdentityCenterDbContext db, long generation, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        OrganizationTree? tree = null;
        var accountMeta = new Dictionary<string, AccountMeta>(StringComparer.Ordinal);
        if (organization is not null)
        {
            var units = await db.OrganizationalUnits.AsNoTracking().OrderBy(u => u.CreatedAt).ThenBy(u => u.Id).ToListAsync(cancellationToken);
            var accounts = await db.Accounts.AsNoTracking().OrderBy(a => a.JoinedAt).ThenBy(a => a.Id).ToListAsync(cancellationToken);
            var policies = await db.OrganizationPolicies.AsNoTracking().ToListAsync(cancellationToken);
            var attachments = await db.OrganizationPolicyAttachments.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync(cancellationToken);
            tree = BuildTree(organization, units, accounts, policies, attachments);
            foreach (var a in accounts)
            {
                accountMeta[a.Id] = new AccountMeta(a.JoinedAt, a.IsWorkshop);
            }
        }

        var instance = await db.SsoInstances.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var sets = (await db.PermissionSets.AsNoTracking().ToListAsync(cancellationToken))
            .ToDictionary(p => p.Id, p => new PermissionSetEntry(PermissionSetMapping.ToModel(p), p.CreatedAt, p.UpdatedAt, p.IsWorkshop), StringComparer.Ordinal);
        // Many roles carry the same definition (one per permission set version): parse each text once.
        var definitions = new Dictionary<string, PermissionSet?>(StringComparer.Ordinal);
        PermissionSet? Definition(string? json) =>
            json is null ? null : definitions.TryGetValue(json, out var parsed) ? parsed : definitions[json] = PermissionSetMapping.FromDefinitionJson(json);
        var roles = (await db.ProvisionedRoles.AsNoTracking().ToListAsync(cancellationToken))
            .ToDictionary(
                r => (r.AccountId, r.PermissionSetId),
                r => new RoleState(r.AccountId, r.PermissionSetId, r.RoleName, r.ProvisionedVersion, r.ProvisionedAt, r.FailureReason, Definition(r.ProvisionedDefinitionJson)));
        var assignmentRows = await db.AccountAssignments.AsNoTracking()
            .Select(a => new { a.AccountId, a.PermissionSetId, a.PrincipalType, a.PrincipalId, a.CreatedAt })
            .ToListAsync(cancellationToken);
        var createdAt = new Dictionary<AccountAssignment, DateTimeOffset>(assignmentRows.Count);
        foreach (var a in assignmentRows)
        {
            createdAt[new AccountAssignment(a.AccountId, a.PermissionSetId, AssignmentPrincipalTypes.Parse(a.PrincipalType), a.PrincipalId)] = a.CreatedAt;
        }

        var customer = new CustomerManagedPolicySet();
        var defaults = await db.CustomerManagedPolicies.AsNoTracking()
            .SelectMany(p => p.Versions.Where(v => v.VersionId == p.DefaultVersionId), (p, v) => new { p.AccountId, p.Name, p.Path, v.Document })
            .ToListAsync(cancellationToken);
        foreach (var p in defaults)
        {
            customer.Add(p.AccountId, p.Name, p.Path, p.Document);
        }

        var attributes = (await db.AccessControlAttributes.AsNoTracking().OrderBy(a => a.Position).ToListAsync(cancellationToken))
            .ConvertAll(a => new AccessControlAttribute(a.Key, a.Source));

        return new AccessSnapshot
        {
            Generation = generation,
            Tree = tree,
            OrganizationCreatedAt = organization?.CreatedAt,
            AccountMeta = accountMeta,
            InstanceId = instance?.Id,
            Region = instance?.Region ?? SsoInstanceDefaults.Region,
            AutoReprovision = instance?.AutoReprovision ?? false,
            PermissionSets = sets,
            PermissionSetIdsByName = sets.Values.ToDictionary(s => s.Model.Name, s => s.Model.Id, StringComparer.Ordinal),
            Roles = roles,
            Assignments = AssignmentIndex.Build(createdAt.Keys, []),
            AssignmentCreatedAt = createdAt,
            CustomerPolicies = customer,
            Attributes = attributes,
        };
    }
}

internal static class SsoInstanceDefaults
{
    public const string Region = "us-east-1";
}

internal static class AssignmentPrincipalTypes
{
    public const string User = "USER";
    public const string Group = "GROUP";

    public static PrincipalType Parse(string value) => value == Group ? PrincipalType.Group : PrincipalType.User;

    public static string ToAws(PrincipalType type) => type == PrincipalType.Group ? Group : User;
}
