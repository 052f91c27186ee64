using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Catalog;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Infrastructure.Access.Internal;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities.Access;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Access;

internal sealed class PolicyService(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    AccessModelCache cache,
    TimeProvider timeProvider,
    IRandomSource random) : IPolicyService
{
    /// <summary>IAM keeps at most five versions of a managed policy.</summary>
    public const int MaxVersions = 5;

    private const string Source = AccessAuditEventNames.IamSource;

    public IReadOnlyList<ManagedPolicy> ListAwsManagedPolicies() =>
        ManagedPolicyCatalog.Default.OfKind(ManagedPolicyKind.AwsManagedIamPolicy).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();

    public PolicyParseResult Validate(string document, PolicyKind kind) => PolicyParser.Parse(document ?? "", kind);

    public async Task<IReadOnlyList<CustomerManagedPolicyInfo>> ListCustomerManagedPoliciesAsync(string? accountId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.CustomerManagedPolicies.AsNoTracking();
        if (accountId is not null)
        {
            query = query.Where(p => p.AccountId == accountId);
        }

        var rows = await query.Select(p => new { Policy = p, Count = p.Versions.Count }).ToListAsync(cancellationToken);
        return rows.Select(r => ToInfo(r.Policy, r.Count)).OrderBy(p => p.AccountId, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<CustomerManagedPolicyDetail?> GetCustomerManagedPolicyAsync(string policyId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var policy = await db.CustomerManagedPolicies.AsNoTracking().Include(p => p.Versions).FirstOrDefaultAsync(p => p.Id == policyId, cancellationToken);
        return policy is null ? null : ToDetail(policy);
    }

    public async Task<OperationResult<CustomerManagedPolicyInfo>> CreateCustomerManagedPolicyAsync(CustomerManagedPolicyInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await CreateCoreAsync(input, actor, cancellationToken);
        return result;
    }

    internal async Task<OperationResult<CustomerManagedPolicyInfo>> CreateCoreAsync(CustomerManagedPolicyInput input, Actor actor, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var staged = await StageCreateAsync(db, input, actor, now, cancellationToken);
        if (!staged.Succeeded)
        {
            return staged;
        }

        await db.SaveChangesAsync(cancellationToken);
        await AccessModelCache.BumpAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Invalidate();
        return staged;
    }

    /// <summary>
    /// Validates a new customer managed policy against the saved rows of the caller's transaction (the account exists,
    /// the name is free in it) and stages it (version v1, the default) with its CreatePolicy audit event in the caller's
    /// unit of work. The caller saves, bumps the access model and commits. Shared with the environment import.
    /// </summary>
    internal async Task<OperationResult<CustomerManagedPolicyInfo>> StageCreateAsync(IdentityCenterDbContext db, CustomerManagedPolicyInput input, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var name = input.Name?.Trim() ?? "";
        var path = string.IsNullOrWhiteSpace(input.Path) ? "/" : input.Path.Trim();
        var errors = new List<FieldError>(PermissionSetValidator.ValidateCustomerManagedPolicyReference(new CustomerManagedPolicyReference(name, path))
            .Select(e => new FieldError(e.Field.Replace("CustomerManagedPolicyReference.", "", StringComparison.Ordinal), e.Message)));
        if (input.Description is { Length: > 1000 })
        {
            errors.Add(new FieldError("Description", $"Description must be at most 1,000 characters long (it has {input.Description.Length:N0})."));
        }

        errors.AddRange(AccessAudit.ValidateDocument(input.Document, PolicyKind.Managed, "Document"));
        if (errors.Count > 0)
        {
            return OperationResult.Invalid(errors).As<CustomerManagedPolicyInfo>();
        }

        if (!await db.Accounts.AnyAsync(a => a.Id == input.AccountId, cancellationToken))
        {
            return OperationResult.Invalid("AccountId", $"Account {input.AccountId} is not in the organization.").As<CustomerManagedPolicyInfo>();
        }

        if (await db.CustomerManagedPolicies.AnyAsync(p => p.AccountId == input.AccountId && p.Name == name, cancellationToken))
        {
            return OperationResult.Conflict("Name", $"A policy named {name} already exists in account {input.AccountId}; policy names are unique per account.").As<CustomerManagedPolicyInfo>();
        }

        var policy = new CustomerManagedPolicyRecord
        {
            Id = "ANPA" + RandomStrings.Create(random, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 17),
            AccountId = input.AccountId,
            Name = name,
            Path = path,
            Description = input.Description,
            DefaultVersionId = "v1",
            NextVersionNumber = 2,
            CreatedAt = now,
            UpdatedAt = now,
            Versions = [new CustomerManagedPolicyVersionRecord { VersionId = "v1", Document = input.Document, CreatedAt = now }],
        };
        db.CustomerManagedPolicies.Add(policy);
        AccessAudit.Record(db, now, actor, Source, AccessAuditEventNames.CreatePolicy,
            new Dictionary<string, string?> { ["accountId"] = input.AccountId, ["policyName"] = name, ["path"] = path, ["description"] = input.Description },
            new Dictionary<string, string?> { ["policyId"] = policy.Id, ["arn"] = Arn(policy) });
        return OperationResult.Ok(ToInfo(policy, 1));
    }

    public async Task<OperationResult<PolicyVersionInfo>> CreatePolicyVersionAsync(string policyId, string document, bool setAsDefault, Actor actor, CancellationToken cancellationToken = default)
    {
        var errors = AccessAudit.ValidateDocument(document, PolicyKind.Managed, "Document");
        if (errors.Count > 0)
        {
            return OperationResult.Invalid(errors).As<PolicyVersionInfo>();
        }

        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var policy = await db.CustomerManagedPolicies.Include(p => p.Versions).FirstOrDefaultAsync(p => p.Id == policyId, cancellationToken);
        if (policy is null)
        {
            return OperationResult.NotFound($"Policy {policyId} does not exist.").As<PolicyVersionInfo>();
        }

        if (policy.Versions.Count >= MaxVersions)
        {
            return OperationResult.Conflict("", $"Policy {policy.Name} already has {MaxVersions} versions, the most IAM keeps; delete a non-default version first.").As<PolicyVersionInfo>();
        }

        var version = new CustomerManagedPolicyVersionRecord
        {
            PolicyId = policy.Id,
            VersionId = "v" + policy.NextVersionNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Document = document,
            CreatedAt = now,
        };
        policy.Versions.Add(version);
        policy.NextVersionNumber++;
        policy.UpdatedAt = now;
        if (setAsDefault)
        {
            policy.DefaultVersionId = version.VersionId;
        }

        AccessAudit.Record(db, now, actor, Source, AccessAuditEventNames.CreatePolicyVersion,
            new Dictionary<string, string?> { ["policyArn"] = Arn(policy), ["setAsDefault"] = setAsDefault ? "true" : "false" },
            new Dictionary<string, string?> { ["versionId"] = version.VersionId });
        await db.SaveChangesAsync(cancellationToken);
        await AccessModelCache.BumpAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Invalidate();
        return OperationResult.Ok(new PolicyVersionInfo(version.VersionId, policy.DefaultVersionId == version.VersionId, document, now));
    }

    public Task<OperationResult> SetDefaultPolicyVersionAsync(string policyId, string versionId, Actor actor, CancellationToken cancellationToken = default) =>
        WriteAsync(policyId, actor, AccessAuditEventNames.SetDefaultPolicyVersion, versionId, (db, policy) =>
        {
            if (policy.Versions.All(v => v.VersionId != versionId))
            {
                return Task.FromResult(OperationResult.NotFound($"Policy {policy.Name} has no version {versionId}."));
            }

            policy.DefaultVersionId = versionId;
            return Task.FromResult(OperationResult.Success);
        }, cancellationToken);

    public Task<OperationResult> DeletePolicyVersionAsync(string policyId, string versionId, Actor actor, CancellationToken cancellationToken = default) =>
        WriteAsync(policyId, actor, AccessAuditEventNames.DeletePolicyVersion, versionId, (db, policy) =>
        {
            var version = policy.Versions.FirstOrDefault(v => v.VersionId == versionId);
            if (version is null)
            {
                return Task.FromResult(OperationResult.NotFound($"Policy {policy.Name} has no version {versionId}."));
            }

            if (policy.DefaultVersionId == versionId)
            {
                return Task.FromResult(OperationResult.Conflict("", $"{versionId} is the default version of {policy.Name}; make another version the default before deleting it."));
            }

            db.CustomerManagedPolicyVersions.Remove(version);
            return Task.FromResult(OperationResult.Success);
        }, cancellationToken);

    public async Task<OperationResult> DeleteCustomerManagedPolicyAsync(string policyId, Actor actor, CancellationToken cancellationToken = default)
    {
        var snapshot = await cache.GetAsync(cancellationToken);
        return await WriteAsync(policyId, actor, AccessAuditEventNames.DeletePolicy, null, (db, policy) =>
        {
            var reference = new CustomerManagedPolicyReference(policy.Name, policy.Path);
            var users = snapshot.Roles.Values
                .Where(r => r.AccountId == policy.AccountId && r.Definition is { } d
                    && (d.CustomerManagedPolicyReferences.Contains(reference) || d.PermissionsBoundary?.CustomerManagedPolicyReference == reference))
                .Select(r => snapshot.PermissionSetName(r.PermissionSetId))
                .ToList();
            if (users.Count > 0)
            {
                return Task.FromResult(OperationResult.Conflict("",
                    $"Policy {policy.Name} is used by the role(s) of permission set(s) {string.Join(", ", users)} in account {policy.AccountId}; remove the reference and re-provision first."));
            }

            db.CustomerManagedPolicies.Remove(policy);
            return Task.FromResult(OperationResult.Success);
        }, cancellationToken);
    }

    private async Task<OperationResult> WriteAsync(
        string policyId,
        Actor actor,
        string eventName,
        string? versionId,
        Func<IdentityCenterDbContext, CustomerManagedPolicyRecord, Task<OperationResult>> change,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var policy = await db.CustomerManagedPolicies.Include(p => p.Versions).FirstOrDefaultAsync(p => p.Id == policyId, cancellationToken);
        if (policy is null)
        {
            return OperationResult.NotFound($"Policy {policyId} does not exist.");
        }

        var result = await change(db, policy);
        if (!result.Succeeded)
        {
            return result;
        }

        policy.UpdatedAt = now;
        AccessAudit.Record(db, now, actor, Source, eventName,
            new Dictionary<string, string?> { ["policyArn"] = Arn(policy), ["versionId"] = versionId });
        await db.SaveChangesAsync(cancellationToken);
        await AccessModelCache.BumpAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Invalidate();
        return result;
    }

    private static string Arn(CustomerManagedPolicyRecord p) => new CustomerManagedPolicyReference(p.Name, p.Path).ArnIn(p.AccountId);

    private static CustomerManagedPolicyInfo ToInfo(CustomerManagedPolicyRecord p, int versions) =>
        new(p.Id, p.AccountId, p.Name, p.Path, p.Description, Arn(p), p.DefaultVersionId, versions, p.CreatedAt, p.UpdatedAt);

    private static CustomerManagedPolicyDetail ToDetail(CustomerManagedPolicyRecord p) => new(
        ToInfo(p, p.Versions.Count),
        p.Versions.OrderBy(v => v.CreatedAt).ThenBy(v => v.VersionId.Length).ThenBy(v => v.VersionId, StringComparer.Ordinal)
            .Select(v => new PolicyVersionInfo(v.VersionId, v.VersionId == p.DefaultVersionId, v.Document, v.CreatedAt)).ToList());
}
