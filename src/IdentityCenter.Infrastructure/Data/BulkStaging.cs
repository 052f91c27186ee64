namespace IdentityCenter.Infrastructure.Data;

/// <summary>
/// For a context that stages thousands of rows in one transaction (a workshop event, an environment import): EF Core's
/// automatic change detection scans every tracked entity at each save and each <c>DbSet.Local</c> lookup, which is
/// quadratic there (most of a 500-attendee create). <see cref="BeginBulkStaging"/> turns it off; added entities need no
/// detection, and <see cref="SaveStagedAsync"/> detects the changes once before each save the caller makes.
/// </summary>
internal static class BulkStaging
{
    public static void BeginBulkStaging(this IdentityCenterDbContext db) => db.ChangeTracker.AutoDetectChangesEnabled = false;

    public static Task<int> SaveStagedAsync(this IdentityCenterDbContext db, CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        return db.SaveChangesAsync(cancellationToken);
    }
}
