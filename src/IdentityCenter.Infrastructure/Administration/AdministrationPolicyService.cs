using System.Text.RegularExpressions;
using IdentityCenter.Core.Administration;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Infrastructure.Access.Internal;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities;
using IdentityCenter.Infrastructure.Data.Generations;
using IdentityCenter.Infrastructure.Directory;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Administration;

/// <summary>IAM's names for the changes to administration documents (CloudTrail event names, eventSource iam.amazonaws.com).</summary>
public static class AdministrationPolicyAuditNames
{
    public const string AttachGroupPolicy = nameof(AttachGroupPolicy);
    public const string DetachGroupPolicy = nameof(DetachGroupPolicy);
    public const string PutGroupPolicy = nameof(PutGroupPolicy);
    public const string DeleteGroupPolicy = nameof(DeleteGroupPolicy);
    public const string AttachUserPolicy = nameof(AttachUserPolicy);
    public const string DetachUserPolicy = nameof(DetachUserPolicy);
    public const string PutUserPolicy = nameof(PutUserPolicy);
    public const string DeleteUserPolicy = nameof(DeleteUserPolicy);

    public static IReadOnlyList<string> All { get; } =
        [AttachGroupPolicy, DetachGroupPolicy, PutGroupPolicy, DeleteGroupPolicy, AttachUserPolicy, DetachUserPolicy, PutUserPolicy, DeleteUserPolicy];

    /// <summary>The IAM action (and event name) of a change: attach/detach for built-in documents, put/delete for customer ones.</summary>
    public static string For(AdministrationPrincipalType type, bool builtIn, bool add) => (type, builtIn, add) switch
    {
        (AdministrationPrincipalType.Group, true, true) => AttachGroupPolicy,
        (AdministrationPrincipalType.Group, true, false) => DetachGroupPolicy,
        (AdministrationPrincipalType.Group, false, true) => PutGroupPolicy,
        (AdministrationPrincipalType.Group, false, false) => DeleteGroupPolicy,
        (AdministrationPrincipalType.User, true, true) => AttachUserPolicy,
        (AdministrationPrincipalType.User, true, false) => DetachUserPolicy,
        (AdministrationPrincipalType.User, false, true) => PutUserPolicy,
        _ => DeleteUserPolicy,
    };
}

/// <summary>
/// Attaches administration documents to users and groups: a built-in document (full administration, read-only auditor,
/// help desk) or a customer document (an IAM policy, checked by the policy parser with line and column). Each change is
/// one transaction with its audit event; every instance's decisions see it at once (<see cref="AdministrationPolicyCache"/>).
/// Who may make the change is decided by the caller (the console and APIs ask the shared evaluator first).
/// </summary>
public interface IAdministrationPolicyService
{
    /// <summary>At most this many documents per user or group (IAM's default for managed policies per group).</summary>
    const int MaxPerPrincipal = 10;

    Task<IReadOnlyList<AdministrationPolicyAttachment>> ListAsync(AdministrationPrincipalType type, string principalId, CancellationToken cancellationToken = default);

    /// <summary>Attaches one of <see cref="AdministrationPolicies.All"/> by name.</summary>
    Task<OperationResult<AdministrationPolicyAttachment>> AttachBuiltInAsync(AdministrationPrincipalType type, string principalId, string name, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Adds a customer document, or replaces the one of the same name.</summary>
    Task<OperationResult<AdministrationPolicyAttachment>> PutCustomAsync(AdministrationPrincipalType type, string principalId, string name, string document, Actor actor, CancellationToken cancellationToken = default);

    Task<OperationResult> DetachAsync(AdministrationPrincipalType type, string principalId, string attachmentId, Actor actor, CancellationToken cancellationToken = default);
}

internal sealed partial class AdministrationPolicyService(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    AdministrationPolicyCache cache,
    TimeProvider time) : IAdministrationPolicyService, IPrincipalDeletionHandler
{
    private const string Source = "iam.amazonaws.com";

    public async Task<IReadOnlyList<AdministrationPolicyAttachment>> ListAsync(AdministrationPrincipalType type, string principalId, CancellationToken cancellationToken = default) =>
        await cache.OfAsync(type, principalId ?? "", cancellationToken);

    public Task<OperationResult<AdministrationPolicyAttachment>> AttachBuiltInAsync(AdministrationPrincipalType type, string principalId, string name, Actor actor, CancellationToken cancellationToken = default)
    {
        if (name is null || !AdministrationPolicies.All.ContainsKey(name))
        {
            return Task.FromResult(OperationResult.Invalid("Name", $"'{name}' is not a built-in administration document. Choose one of: {string.Join(", ", AdministrationPolicies.All.Keys)}.").As<AdministrationPolicyAttachment>());
        }

        return AddAsync(type, principalId, name, null, actor, cancellationToken);
    }

    public Task<OperationResult<AdministrationPolicyAttachment>> PutCustomAsync(AdministrationPrincipalType type, string principalId, string name, string document, Actor actor, CancellationToken cancellationToken = default)
    {
        var trimmed = name?.Trim() ?? "";
        var errors = new List<FieldError>();
        if (!PolicyName().IsMatch(trimmed))
        {
            errors.Add(new FieldError("Name", "Name must be 1 to 128 letters, digits and +=,.@_- (as IAM policy names are), for example PlatformTeamAdministration."));
        }
        else if (AdministrationPolicies.All.ContainsKey(trimmed))
        {
            errors.Add(new FieldError("Name", $"{trimmed} is the name of a built-in document: attach that one instead, or choose another name."));
        }

        errors.AddRange(AccessAudit.ValidateDocument(document, PolicyKind.Managed, "Document"));
        return errors.Count > 0
            ? Task.FromResult(OperationResult.Invalid(errors).As<AdministrationPolicyAttachment>())
            : AddAsync(type, principalId, trimmed, document, actor, cancellationToken);
    }

    public async Task<OperationResult> DetachAsync(AdministrationPrincipalType type, string principalId, string attachmentId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await ChangeGenerations.BumpAsync(db, ChangeConcerns.AdministrationPolicies, cancellationToken);
            var row = await db.AdministrationPolicies.FirstOrDefaultAsync(p => p.Id == attachmentId && p.PrincipalId == principalId && p.PrincipalType == TypeName(type), cancellationToken);
            if (row is null)
            {
                return OperationResult.NotFound("That document is not attached any more (someone may have detached it). Reload the page.");
            }

            var (principalName, userId) = await PrincipalAsync(db, type, principalId, cancellationToken);
            db.AdministrationPolicies.Remove(row);
            db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
                time.GetUtcNow(), actor, AdministrationPolicyAuditNames.For(type, row.Document is null, add: false), userId, userId is null ? null : principalName,
                request: Parameters(type, principalName, row.Name), eventSource: Source)));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        cache.Invalidate();
        return OperationResult.Success;
    }

    async Task IPrincipalDeletionHandler.OnUserDeletingAsync(PrincipalDeletion deletion, CancellationToken cancellationToken) =>
        await RemoveAllAsync(deletion, "USER", cancellationToken);

    async Task IPrincipalDeletionHandler.OnGroupDeletingAsync(PrincipalDeletion deletion, CancellationToken cancellationToken) =>
        await RemoveAllAsync(deletion, "GROUP", cancellationToken);

    private async Task RemoveAllAsync(PrincipalDeletion deletion, string type, CancellationToken cancellationToken)
    {
        var rows = await deletion.Db.AdministrationPolicies.Where(p => p.PrincipalType == type && p.PrincipalId == deletion.PrincipalId).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return;
        }

        await ChangeGenerations.BumpAsync(deletion.Db, ChangeConcerns.AdministrationPolicies, cancellationToken);
        deletion.Db.AdministrationPolicies.RemoveRange(rows);
        deletion.AfterCommit(cache.Invalidate);
    }

    private async Task<OperationResult<AdministrationPolicyAttachment>> AddAsync(AdministrationPrincipalType type, string principalId, string name, string? document, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        AdministrationPolicyRecord row;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await ChangeGenerations.BumpAsync(db, ChangeConcerns.AdministrationPolicies, cancellationToken);
            var (principalName, userId) = await PrincipalAsync(db, type, principalId, cancellationToken);
            if (principalName is null)
            {
                return OperationResult.NotFound($"That {(type == AdministrationPrincipalType.User ? "user" : "group")} does not exist (it may have been deleted).").As<AdministrationPolicyAttachment>();
            }

            var typeName = TypeName(type);
            var existing = await db.AdministrationPolicies.Where(p => p.PrincipalType == typeName && p.PrincipalId == principalId).ToListAsync(cancellationToken);
            var same = existing.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (same is not null && document is null)
            {
                return OperationResult.Conflict("Name", $"{name} is already attached to {principalName}.").As<AdministrationPolicyAttachment>();
            }

            if (same is null && existing.Count >= IAdministrationPolicyService.MaxPerPrincipal)
            {
                return OperationResult.Conflict("Name", $"{principalName} already holds {IAdministrationPolicyService.MaxPerPrincipal} administration documents, the most allowed. Detach one, or combine statements into one document.").As<AdministrationPolicyAttachment>();
            }

            if (same is not null)
            {
                // A replaced customer document gets a new id: compiled policy sets are keyed by id, so none keeps the old text.
                db.AdministrationPolicies.Remove(same);
            }

            row = new AdministrationPolicyRecord
            {
                Id = "adp-" + Guid.NewGuid().ToString("N"),
                PrincipalType = typeName,
                PrincipalId = principalId,
                Name = same?.Name ?? name,
                Document = document,
                CreatedAt = time.GetUtcNow(),
                CreatedBy = actor.UserName,
            };
            db.AdministrationPolicies.Add(row);
            db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
                row.CreatedAt, actor, AdministrationPolicyAuditNames.For(type, document is null, add: true), userId, userId is null ? null : principalName,
                request: Parameters(type, principalName, row.Name), eventSource: Source)));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        cache.Invalidate();
        return OperationResult.Ok(AdministrationPolicyCache.ToAttachment(row));
    }

    private static Dictionary<string, string?> Parameters(AdministrationPrincipalType type, string? principalName, string policyName) => new()
    {
        [type == AdministrationPrincipalType.User ? "userName" : "groupName"] = principalName,
        ["policyName"] = policyName,
    };

    /// <summary>The principal's name, and its id again when it is a user (for the audit log's user filter); null name when it does not exist.</summary>
    private static async Task<(string? Name, string? UserId)> PrincipalAsync(IdentityCenterDbContext db, AdministrationPrincipalType type, string principalId, CancellationToken cancellationToken) =>
        type == AdministrationPrincipalType.User
            ? (await db.Users.Where(u => u.Id == principalId).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken), principalId)
            : (await db.Groups.Where(g => g.Id == principalId).Select(g => g.DisplayName).FirstOrDefaultAsync(cancellationToken), null);

    private static string TypeName(AdministrationPrincipalType type) => type == AdministrationPrincipalType.User ? "USER" : "GROUP";

    [GeneratedRegex(@"^[\w+=,.@-]{1,128}$")]
    private static partial Regex PolicyName();
}
