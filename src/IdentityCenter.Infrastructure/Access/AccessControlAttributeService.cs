using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Access.Internal;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities.Access;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Access;

internal sealed class AccessControlAttributeService(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    AccessModelCache cache,
    UserAccessResolver resolver,
    TimeProvider timeProvider) : IAccessControlAttributeService
{
    public async Task<IReadOnlyList<AccessControlAttribute>> GetAttributesAsync(CancellationToken cancellationToken = default) =>
        (await cache.GetAsync(cancellationToken)).Attributes;

    public async Task<OperationResult> PutAttributesAsync(IReadOnlyList<AccessControlAttribute> attributes, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var now = timeProvider.GetUtcNow();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var staged = await StageAttributesAsync(db, attributes, actor, now, cancellationToken);
            if (!staged.Succeeded)
            {
                return staged;
            }

            await db.SaveChangesAsync(cancellationToken);
            await AccessModelCache.BumpAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        cache.Invalidate();
        return OperationResult.Success;
    }

    /// <summary>
    /// Validates the instance's access control attributes and replaces the saved ones inside the caller's transaction,
    /// with the UpdateInstanceAccessControlAttributeConfiguration audit event. The caller saves, bumps the access model
    /// and commits. Shared with the environment import.
    /// </summary>
    internal static async Task<OperationResult> StageAttributesAsync(IdentityCenterDbContext db, IReadOnlyList<AccessControlAttribute> attributes, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = AccessControlAttributeMapper.Validate(attributes);
        if (errors.Count > 0)
        {
            return OperationResult.Invalid(errors);
        }

        await db.AccessControlAttributes.ExecuteDeleteAsync(cancellationToken);
        db.AccessControlAttributes.AddRange(attributes.Select((a, i) => new AccessControlAttributeRecord { Key = a.Key, Source = a.Source, Position = i }));
        AccessAudit.Record(db, now, actor, AccessAuditEventNames.SsoSource, AccessAuditEventNames.UpdateInstanceAccessControlAttributeConfiguration,
            new Dictionary<string, string?> { ["accessControlAttributes"] = string.Join(", ", attributes.Select(a => a.Key + "=" + a.Source)) });
        return OperationResult.Success;
    }

    public async Task<IReadOnlyDictionary<string, string?>> GetUserAttributesAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await UserAccessResolver.LoadUserAttributesAsync(db, userId, cancellationToken) ?? new Dictionary<string, string?>();
    }

    public async Task<OperationResult> SetUserAttributesAsync(string userId, IReadOnlyDictionary<string, string?> values, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var staged = await StageUserAttributesAsync(db, userId, values, actor, now, cancellationToken);
        if (!staged.Succeeded)
        {
            return staged;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return OperationResult.Success;
    }

    private static List<FieldError> ValidateUserAttributes(IReadOnlyDictionary<string, string?> values)
    {
        var errors = new List<FieldError>();
        foreach (var (path, value) in values)
        {
            if (UserAccessResolver.BuiltInPaths.Contains(path, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new FieldError(path, $"{path} comes from the user's profile; edit the user instead."));
            }
            else if (!AccessControlAttributeMapper.SupportedPaths.Contains(path, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new FieldError(path, $"{path} is not a supported attribute path; use one of {string.Join(", ", AccessControlAttributeMapper.SupportedPaths)}."));
            }
            else if (value is { Length: > AccessControlAttributeMapper.ValueMaxLength })
            {
                errors.Add(new FieldError(path, $"The value must be at most {AccessControlAttributeMapper.ValueMaxLength} characters long (it has {value.Length})."));
            }
        }

        return errors;
    }

    /// <summary>
    /// Validates a user's extra attribute values and stages them (an empty value removes one) with the
    /// UpdateUserAttributes audit event in the caller's unit of work; the user must be saved in the caller's
    /// transaction. The caller saves and commits. Shared with the environment import.
    /// </summary>
    internal static async Task<OperationResult> StageUserAttributesAsync(IdentityCenterDbContext db, string userId, IReadOnlyDictionary<string, string?> values, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = ValidateUserAttributes(values);
        if (errors.Count > 0)
        {
            return OperationResult.Invalid(errors);
        }

        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Id, u.UserName }).FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return OperationResult.NotFound($"There is no user with id {userId}.");
        }

        var existing = await db.UserAccessAttributes.Where(a => a.UserId == userId).ToListAsync(cancellationToken);
        foreach (var (path, value) in values)
        {
            var row = existing.FirstOrDefault(a => string.Equals(a.Path, path, StringComparison.OrdinalIgnoreCase));
            if (string.IsNullOrEmpty(value))
            {
                if (row is not null)
                {
                    db.UserAccessAttributes.Remove(row);
                }
            }
            else if (row is null)
            {
                db.UserAccessAttributes.Add(new UserAccessAttributeRecord { UserId = userId, Path = path, Value = value });
            }
            else
            {
                row.Value = value;
            }
        }

        AccessAudit.Record(db, now, actor, AccessAuditEventNames.SsoSource, AccessAuditEventNames.UpdateUserAttributes,
            values.ToDictionary(kv => kv.Key, kv => kv.Value), targetUserId: userId, targetUserName: user.UserName);
        return OperationResult.Success;
    }

    public async Task<PrincipalTagMapping> GetPrincipalTagsAsync(string userId, CancellationToken cancellationToken = default) =>
        await resolver.GetPrincipalTagsAsync(await cache.GetAsync(cancellationToken), userId, cancellationToken);
}
