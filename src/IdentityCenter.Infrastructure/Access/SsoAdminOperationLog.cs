using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities.Access;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Access;

internal sealed class SsoAdminOperationLog(IDbContextFactory<IdentityCenterDbContext> contexts) : ISsoAdminOperationLog
{
    public async Task RecordAsync(SsoAdminOperation operation, string userName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.SsoAdminOperations.Add(new SsoAdminOperationRecord
        {
            RequestId = operation.RequestId,
            Kind = operation.Kind.ToString(),
            Status = operation.Status,
            FailureReason = operation.FailureReason,
            TargetId = operation.TargetId,
            PermissionSetArn = operation.PermissionSetArn,
            PrincipalType = operation.PrincipalType,
            PrincipalId = operation.PrincipalId,
            CreatedAt = operation.CreatedAt,
            CreatedBy = userName ?? "",
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<SsoAdminOperation?> FindAsync(SsoAdminOperationKind kind, string requestId, CancellationToken cancellationToken = default)
    {
        var name = kind.ToString();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.SsoAdminOperations.AsNoTracking().FirstOrDefaultAsync(o => o.RequestId == requestId && o.Kind == name, cancellationToken);
        return record is null ? null : ToModel(record, kind);
    }

    public async Task<IReadOnlyList<SsoAdminOperation>> ListAsync(SsoAdminOperationKind kind, string? status, CancellationToken cancellationToken = default)
    {
        var name = kind.ToString();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.SsoAdminOperations.AsNoTracking().Where(o => o.Kind == name);
        if (status is not null)
        {
            query = query.Where(o => o.Status == status);
        }

        var records = await query.OrderByDescending(o => o.CreatedAt).ThenBy(o => o.RequestId).ToListAsync(cancellationToken);
        return records.Select(r => ToModel(r, kind)).ToList();
    }

    private static SsoAdminOperation ToModel(SsoAdminOperationRecord r, SsoAdminOperationKind kind) =>
        new(r.RequestId, kind, r.Status, r.FailureReason, r.TargetId, r.PermissionSetArn, r.PrincipalType, r.PrincipalId, r.CreatedAt);
}
