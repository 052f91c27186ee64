using IdentityCenter.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Data.Generations;

/// <summary>
/// Reads and bumps the per-concern change counters. A writer bumps its concern inside the transaction of
/// the change, so the new counter and the change become visible together; every instance's maintenance
/// tick (<see cref="ChangeGenerationWatcher"/>) sees the new value and reloads.
/// </summary>
public static class ChangeGenerations
{
    /// <summary>
    /// Adds one to the concern's counter inside the current transaction (required: outside one the
    /// counter could be seen before the change it announces). On PostgreSQL the row stays locked until
    /// commit, so writers of one concern commit in the order they bumped.
    /// </summary>
    public static async Task BumpAsync(IdentityCenterDbContext db, string concern, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        RequireTransaction(db, concern);
        var updated = await db.Set<ChangeGenerationRecord>()
            .Where(g => g.Concern == concern)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.Generation, g => g.Generation + 1), cancellationToken);
        if (updated != 1)
        {
            throw MissingRow(concern);
        }
    }

    /// <summary>
    /// Bumps the counter only if it still has <paramref name="expected"/> (compare-and-swap inside the
    /// current transaction). False: another instance changed the concern since it was read; roll back and re-read.
    /// </summary>
    public static async Task<bool> TryBumpAsync(IdentityCenterDbContext db, string concern, long expected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        RequireTransaction(db, concern);
        var updated = await db.Set<ChangeGenerationRecord>()
            .Where(g => g.Concern == concern && g.Generation == expected)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.Generation, g => g.Generation + 1), cancellationToken);
        return updated == 1;
    }

    /// <summary>The concern's counter now.</summary>
    public static async Task<long> ReadAsync(IdentityCenterDbContext db, string concern, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var value = await db.Set<ChangeGenerationRecord>().AsNoTracking()
            .Where(g => g.Concern == concern)
            .Select(g => (long?)g.Generation)
            .FirstOrDefaultAsync(cancellationToken);
        return value ?? throw MissingRow(concern);
    }

    /// <summary>Every counter now (one small query).</summary>
    public static async Task<Dictionary<string, long>> ReadAllAsync(IdentityCenterDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Set<ChangeGenerationRecord>().AsNoTracking()
            .ToDictionaryAsync(g => g.Concern, g => g.Generation, StringComparer.Ordinal, cancellationToken);
    }

    private static void RequireTransaction(IdentityCenterDbContext db, string concern)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException($"Bump the '{concern}' change generation inside the transaction that makes the change.");
        }
    }

    private static InvalidOperationException MissingRow(string concern) =>
        new($"The change generation row '{concern}' is missing: the database migrations have not all been applied.");
}
