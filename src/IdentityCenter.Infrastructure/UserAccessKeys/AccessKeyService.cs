using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities;
using IdentityCenter.Infrastructure.Data.Generations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.UserAccessKeys;

/// <summary>
/// The access keys of directory users (see <see cref="IAccessKeyService"/>). Each change runs in one transaction
/// that first bumps <see cref="ChangeConcerns.AccessKeys"/> (which serialises writers, so the two-key limit
/// holds under concurrent creates, and tells other instances to reload), then writes the row and its audit
/// event; after the commit the key is read again into <see cref="AccessKeyCache"/>. Singleton.
/// </summary>
public sealed class AccessKeyService(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    IDataProtectionProvider dataProtection,
    IRandomSource random,
    AccessKeyCache cache,
    AccessKeyUsage usage,
    TimeProvider time) : IAccessKeyService
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector(AccessKeyCache.ProtectorPurpose);

    public async Task<IReadOnlyList<AccessKeyInfo>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.AccessKeys.AsNoTracking().Where(k => k.UserId == userId).ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(ToInfo).ToList();
    }

    /// <summary>Every user's keys, oldest first per user (for the credential report).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<AccessKeyInfo>>> ListAllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.AccessKeys.AsNoTracking().ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.UserId, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<AccessKeyInfo>)g.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(ToInfo).ToList(),
            StringComparer.Ordinal);
    }

    public async Task<OperationResult<CreatedAccessKey>> CreateAsync(string userId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var secret = AccessKeys.NewSecretAccessKey(random);
        var created = await AddAsync(userId, null, secret, actor, cancellationToken);
        return created.Succeeded ? OperationResult.Ok(new CreatedAccessKey(created.Value!, secret)) : created.As<CreatedAccessKey>();
    }

    /// <summary>
    /// Gives the user the configured key (the bootstrap administrator's <c>IdentityCenter:Bootstrap:AdminAccessKeyId</c>):
    /// created when absent; left alone when the user already holds it with this secret (true: nothing changed).
    /// Conflict when the id belongs to another user or has another secret, or the user already has two keys.
    /// </summary>
    public async Task<OperationResult<bool>> EnsureKeyAsync(string userId, string accessKeyId, string secretAccessKey, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AccessKeys.IsLongTermAccessKeyId(accessKeyId) || !AccessKeys.IsSecretAccessKey(secretAccessKey))
        {
            return OperationResult.Invalid("", "An access key id is AKIA followed by 16 characters of A-Z and 2-7, and its secret is 40 visible ASCII characters.").As<bool>();
        }

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var existing = await db.AccessKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == accessKeyId, cancellationToken);
            if (existing is not null)
            {
                if (existing.UserId != userId)
                {
                    return OperationResult.Conflict("", $"The access key {accessKeyId} belongs to another user.").As<bool>();
                }

                return string.Equals(_protector.Unprotect(existing.ProtectedSecret), secretAccessKey, StringComparison.Ordinal)
                    ? OperationResult.Ok(true)
                    : OperationResult.Conflict("", $"The access key {accessKeyId} already exists with another secret. Delete it on the user's page, or configure its secret.").As<bool>();
            }
        }

        var added = await AddAsync(userId, accessKeyId, secretAccessKey, actor, cancellationToken);
        return added.Succeeded ? OperationResult.Ok(false) : added.As<bool>();
    }

    public Task<OperationResult> SetStatusAsync(string userId, string accessKeyId, AccessKeyStatus status, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(userId, accessKeyId, actor, (db, row, userName) =>
        {
            var value = status.ToString();
            if (row.Status == value)
            {
                return false;
            }

            row.Status = value;
            db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
                time.GetUtcNow(), actor, AccessKeyAuditNames.UpdateAccessKey, row.UserId, userName,
                request: new Dictionary<string, string?> { ["accessKeyId"] = row.Id, ["status"] = value, ["userName"] = userName },
                eventSource: AccessKeyAuditNames.Source)));
            return true;
        }, cancellationToken);

    public Task<OperationResult> DeleteAsync(string userId, string accessKeyId, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(userId, accessKeyId, actor, (db, row, userName) =>
        {
            db.AccessKeys.Remove(row);
            db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
                time.GetUtcNow(), actor, AccessKeyAuditNames.DeleteAccessKey, row.UserId, userName,
                request: new Dictionary<string, string?> { ["accessKeyId"] = row.Id, ["userName"] = userName },
                eventSource: AccessKeyAuditNames.Source)));
            return true;
        }, cancellationToken);

    /// <summary>Adds a key (a new id when <paramref name="accessKeyId"/> is null) with its audit event, at most two per user.</summary>
    private async Task<OperationResult<AccessKeyInfo>> AddAsync(string userId, string? accessKeyId, string secret, Actor actor, CancellationToken cancellationToken)
    {
        // Sealed before the transaction: the first Protect may store a new Data Protection key through another connection.
        var sealedSecret = _protector.Protect(secret);
        var now = time.GetUtcNow();
        AccessKeyRecord row;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await ChangeGenerations.BumpAsync(db, ChangeConcerns.AccessKeys, cancellationToken);
            var userName = await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken);
            if (userName is null)
            {
                return OperationResult.NotFound("That user does not exist (it may have been deleted).").As<AccessKeyInfo>();
            }

            if (await db.AccessKeys.CountAsync(k => k.UserId == userId, cancellationToken) >= AccessKeys.MaxLongTermKeysPerUser)
            {
                return OperationResult.Conflict("", $"{userName} already has {AccessKeys.MaxLongTermKeysPerUser} access keys, the most allowed. Delete one before creating another (make it inactive first to check that nothing still uses it).").As<AccessKeyInfo>();
            }

            var id = accessKeyId;
            while (id is null || (accessKeyId is null && await db.AccessKeys.AnyAsync(k => k.Id == id, cancellationToken)))
            {
                id = AccessKeys.NewLongTermAccessKeyId(random);
            }

            row = new AccessKeyRecord
            {
                Id = id,
                UserId = userId,
                ProtectedSecret = sealedSecret,
                Status = nameof(AccessKeyStatus.Active),
                CreatedAt = now,
                CreatedBy = actor.UserName,
            };
            db.AccessKeys.Add(row);
            db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
                now, actor, AccessKeyAuditNames.CreateAccessKey, userId, userName,
                request: new Dictionary<string, string?> { ["userName"] = userName },
                response: new Dictionary<string, string?>
                {
                    ["accessKey.accessKeyId"] = row.Id,
                    ["accessKey.status"] = row.Status,
                    ["accessKey.userName"] = userName,
                    ["accessKey.createDate"] = now.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                },
                eventSource: AccessKeyAuditNames.Source)));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await cache.InvalidateAsync(row.Id, cancellationToken);
        return OperationResult.Ok(ToInfo(row));
    }

    /// <summary>One change to one key of the user, saved with its audit event and a generation bump; then the key is read again.</summary>
    private async Task<OperationResult> ChangeAsync(
        string userId, string accessKeyId, Actor actor, Func<IdentityCenterDbContext, AccessKeyRecord, string, bool> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await ChangeGenerations.BumpAsync(db, ChangeConcerns.AccessKeys, cancellationToken);
            var row = await db.AccessKeys.FirstOrDefaultAsync(k => k.Id == accessKeyId && k.UserId == userId, cancellationToken);
            if (row is null)
            {
                return OperationResult.NotFound("That access key does not exist (it may have been deleted already).");
            }

            var userName = await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).FirstAsync(cancellationToken) ?? userId;
            if (!change(db, row, userName))
            {
                return OperationResult.Success;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await cache.InvalidateAsync(accessKeyId, cancellationToken);
        return OperationResult.Success;
    }

    private AccessKeyInfo ToInfo(AccessKeyRecord r)
    {
        var pending = usage.Pending(r.Id);
        var newer = pending is { } p && (r.LastUsedAt is null || p.At > r.LastUsedAt);
        return new AccessKeyInfo(
            r.Id,
            r.UserId,
            Enum.Parse<AccessKeyStatus>(r.Status),
            r.CreatedAt,
            newer ? pending!.Value.At : r.LastUsedAt,
            newer ? pending!.Value.Service : r.LastUsedService,
            newer ? pending!.Value.Region : r.LastUsedRegion);
    }
}
