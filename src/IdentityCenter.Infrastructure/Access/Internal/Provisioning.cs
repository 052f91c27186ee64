using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities.Access;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Access.Internal;

/// <summary>
/// Provisioning inside the caller's transaction: Core's <see cref="PermissionSetProvisioner"/> decides,
/// this stores the role (or the failure reason) and the permission set definition the role now carries.
/// </summary>
internal sealed class Provisioning(IRandomSource random, TimeProvider timeProvider)
{
    public static async Task<SsoInstanceRecord> EnsureInstanceAsync(IdentityCenterDbContext db, IRandomSource random, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var instance = await db.SsoInstances.FirstOrDefaultAsync(cancellationToken);
        if (instance is null)
        {
            instance = new SsoInstanceRecord { Id = PermissionSetNaming.NewInstanceId(random), Region = SsoInstanceDefaults.Region, CreatedAt = now };
            db.SsoInstances.Add(instance);
        }

        return instance;
    }

    public async Task<ProvisioningOutcome> ProvisionAsync(IdentityCenterDbContext db, PermissionSet set, string accountId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var instance = await EnsureInstanceAsync(db, random, now, cancellationToken);
        var record = db.ProvisionedRoles.Local.FirstOrDefault(r => r.AccountId == accountId && r.PermissionSetId == set.Id)
            ?? await db.ProvisionedRoles.FirstOrDefaultAsync(r => r.AccountId == accountId && r.PermissionSetId == set.Id, cancellationToken);
        ProvisioningOutcome outcome;
        if (record?.RoleName is null
            && await db.ProvisionedRoles.CountAsync(r => r.AccountId == accountId && r.RoleName != null, cancellationToken) is var count
            && PermissionSetQuotas.CheckCanProvision(accountId, count) is { } quota)
        {
            outcome = ProvisioningOutcome.Failure(accountId, quota.Message);
        }
        else
        {
            var lookup = new CustomerManagedPolicySet();
            var policies = await db.CustomerManagedPolicies.AsNoTracking().Where(p => p.AccountId == accountId)
                .SelectMany(p => p.Versions.Where(v => v.VersionId == p.DefaultVersionId), (p, v) => new { p.Name, p.Path, v.Document })
                .ToListAsync(cancellationToken);
            foreach (var p in policies)
            {
                lookup.Add(accountId, p.Name, p.Path, p.Document);
            }

            var existing = record?.RoleName is { } roleName && record.ProvisionedAt is { } at
                ? new ProvisionedRole(set.Id, accountId, roleName, PermissionSetNaming.RoleArn(accountId, instance.Region, roleName), record.ProvisionedVersion, at)
                : null;
            outcome = new PermissionSetProvisioner(instance.Region, random, timeProvider).Provision(set, accountId, existing, lookup);
        }

        if (record is null)
        {
            record = new ProvisionedRoleRecord { AccountId = accountId, PermissionSetId = set.Id };
            db.ProvisionedRoles.Add(record);
        }

        record.LastAttemptAt = now;
        if (outcome.Role is { } role)
        {
            record.RoleName = role.RoleName;
            record.RoleSuffix = PermissionSetNaming.TryParseRoleName(role.RoleName, out _, out var suffix) ? suffix : null;
            record.ProvisionedVersion = role.ProvisionedVersion;
            record.ProvisionedAt = role.ProvisionedAt;
            record.FailureReason = null;
            record.ProvisionedDefinitionJson = PermissionSetMapping.ToDefinitionJson(set);
        }
        else
        {
            record.FailureReason = outcome.FailureReason;
        }

        return outcome;
    }

    public static void Audit(IdentityCenterDbContext db, DateTimeOffset now, Actor actor, PermissionSet set, string targetType, IReadOnlyList<ProvisioningOutcome> outcomes) =>
        AccessAudit.Record(db, now, actor, AccessAuditEventNames.SsoSource, AccessAuditEventNames.ProvisionPermissionSet,
            new Dictionary<string, string?>
            {
                ["permissionSetId"] = set.Id,
                ["permissionSetName"] = set.Name,
                ["targetType"] = targetType,
                ["targetId"] = targetType == "AWS_ACCOUNT" && outcomes.Count == 1 ? outcomes[0].AccountId : null,
            },
            new Dictionary<string, string?>
            {
                ["status"] = outcomes.All(o => o.Succeeded) ? "SUCCEEDED" : "FAILED",
                ["accounts"] = string.Join(",", outcomes.Select(o => o.AccountId)),
                ["failureReason"] = string.Join(" ", outcomes.Where(o => !o.Succeeded).Select(o => o.FailureReason)) is { Length: > 0 } reasons ? reasons : null,
            });
}
