using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities.Credentials;
using IdentityCenter.Infrastructure.Data.Generations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Infrastructure.Credentials;

/// <summary>
/// Persists the session-token key ring: key bytes are protected with Data Protection in the database.
/// <see cref="LoadAsync"/> runs at start-up (creating the first key) and whenever another instance changed
/// the ring; <see cref="RotateIfDueAsync"/> runs on a schedule. A rotation publishes the next key
/// <see cref="KeyPublishLead"/> before the active key is due, and makes it the sealing key once it is due
/// and every instance has had <see cref="KeyPropagationDelay"/> to load it; retired keys keep opening their
/// tokens and are dropped once every token they sealed has expired. Every write is a compare-and-swap on
/// the <see cref="ChangeConcerns.TokenKeys"/> generation, so instances rotating at the same moment agree
/// on one ring: the loser rolls back and takes the winner's. The ring in memory
/// (<see cref="TokenKeyRingHolder"/>) serves every check.
/// </summary>
public sealed class TokenKeyRingStore(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    IDataProtectionProvider dataProtection,
    TokenKeyRingHolder holder,
    IRandomSource random,
    TimeProvider time,
    IOptions<CredentialsOptions> options) : IDisposable, IChangeGenerationListener
{
    private const string Purpose = "IdentityCenter.Credentials.TokenKeys.v1";
    private const int MaxAttempts = 3;
    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    string IChangeGenerationListener.Concern => ChangeConcerns.TokenKeys;

    Task IChangeGenerationListener.OnChangedAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    /// <summary>How long a published next key waits before it seals: every instance loads it within a maintenance tick.</summary>
    public static TimeSpan KeyPropagationDelay(CredentialsOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(1).Ticks, settings.MaintenanceInterval.Ticks * 10));
    }

    /// <summary>How long before the active key is due the next key is published (the rotation check runs every minute).</summary>
    public static TimeSpan KeyPublishLead(CredentialsOptions settings) => KeyPropagationDelay(settings) + TimeSpan.FromMinutes(2);

    /// <summary>Loads the ring from the database (creating the first key when there is none) and swaps it in.</summary>
    public async Task<TokenKeyRing> LoadAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                var (generation, ring) = await ReadAsync(db, cancellationToken);
                if (ring is null)
                {
                    ring = TokenKeyRing.CreateNew(random, time.GetUtcNow());
                    if (!await TryWriteAsync(db, ring, generation, cancellationToken))
                    {
                        // Another instance created the first key at the same moment: use that one.
                        ThrowIfLastAttempt(attempt);
                        continue;
                    }
                }

                holder.Replace(ring);
                return ring;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Publishes the next key when the active one is nearly due, makes it the sealing key when due, prunes
    /// expired keys, persists and swaps the ring. True when the sealing key changed. No database access
    /// when nothing is due.
    /// </summary>
    public async Task<bool> RotateIfDueAsync(CancellationToken cancellationToken = default)
    {
        var (planned, _) = Plan(holder.Current, time.GetUtcNow(), force: false);
        if (ReferenceEquals(planned, holder.Current))
        {
            return false;
        }

        return await RotateAsync(force: false, cancellationToken);
    }

    /// <summary>
    /// Starts a new sealing key now (for example after a suspected leak of the database and Data Protection
    /// keys). Other instances open its tokens once their maintenance tick has loaded it (within a tick).
    /// </summary>
    public Task<bool> RotateNowAsync(CancellationToken cancellationToken = default) => RotateAsync(force: true, cancellationToken);

    /// <summary>What the ring should become at <paramref name="now"/>; the same instance when nothing is due.</summary>
    internal (TokenKeyRing Ring, bool Rotated) Plan(TokenKeyRing ring, DateTimeOffset now, bool force)
    {
        var settings = options.Value;
        var rotated = false;
        if (force)
        {
            ring = ring.Rotate(random, now);
            rotated = true;
        }
        else
        {
            var due = ring.ActiveKey.CreatedAt + settings.KeyRotationInterval;
            if (ring.NextKey is { } next)
            {
                if (now >= due && now >= next.CreatedAt + KeyPropagationDelay(settings))
                {
                    ring = ring.PromoteNext(now);
                    rotated = true;
                }
            }
            else if (now >= due - KeyPublishLead(settings))
            {
                ring = ring.PublishNext(random, now);
            }
        }

        return (ring.Prune(now, settings.MaxTokenLifetime), rotated);
    }

    private async Task<bool> RotateAsync(bool force, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);

                // Start from what the database holds: another instance may have rotated already.
                var (generation, stored) = await ReadAsync(db, cancellationToken);
                var current = stored ?? holder.Current;
                var (ring, rotated) = Plan(current, time.GetUtcNow(), force);
                if (stored is not null && ReferenceEquals(ring, stored))
                {
                    holder.Replace(stored);
                    return false;
                }

                if (await TryWriteAsync(db, ring, generation, cancellationToken))
                {
                    holder.Replace(ring);
                    return rotated;
                }

                // Another instance changed the ring between our read and write: re-read and decide again.
                ThrowIfLastAttempt(attempt);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static void ThrowIfLastAttempt(int attempt)
    {
        if (attempt >= MaxAttempts)
        {
            throw new InvalidOperationException($"The token key ring kept changing under this instance ({MaxAttempts} attempts); it will retry.");
        }
    }

    /// <summary>The ring's generation (read first, so a ring read after it is at least that new) and the ring, or null when there is no key.</summary>
    private async Task<(long Generation, TokenKeyRing? Ring)> ReadAsync(IdentityCenterDbContext db, CancellationToken cancellationToken)
    {
        var generation = await ChangeGenerations.ReadAsync(db, ChangeConcerns.TokenKeys, cancellationToken);
        var rows = await db.Set<TokenKeyRecord>().AsNoTracking().ToListAsync(cancellationToken);
        var active = rows.Where(r => r.IsActive).OrderByDescending(r => r.CreatedAt).FirstOrDefault();
        if (active is null)
        {
            return (generation, null);
        }

        var keys = rows.Select(r =>
        {
            var material = _protector.Unprotect(Convert.FromBase64String(r.ProtectedMaterial));
            try
            {
                // Not active and never retired: the published next key.
                var retiredAt = r.KeyId == active.KeyId ? null : r.IsActive ? r.RetiredAt ?? r.CreatedAt : r.RetiredAt;
                return new TokenKey(r.KeyId, material, r.CreatedAt, retiredAt);
            }
            finally
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(material);
            }
        });
        return (generation, new TokenKeyRing(keys, active.KeyId));
    }

    /// <summary>Writes the ring if the generation is still <paramref name="expected"/> (one transaction); false when another instance got there first.</summary>
    private async Task<bool> TryWriteAsync(IdentityCenterDbContext db, TokenKeyRing ring, long expected, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await ChangeGenerations.TryBumpAsync(db, ChangeConcerns.TokenKeys, expected, cancellationToken))
        {
            return false;
        }

        var set = db.Set<TokenKeyRecord>();
        var existing = await set.ToDictionaryAsync(r => r.KeyId, StringComparer.Ordinal, cancellationToken);
        foreach (var key in ring.Keys)
        {
            var isActive = key.KeyId == ring.ActiveKey.KeyId;
            if (existing.Remove(key.KeyId, out var row))
            {
                row.IsActive = isActive;
                row.RetiredAt = key.RetiredAt;
            }
            else
            {
                set.Add(new TokenKeyRecord
                {
                    KeyId = key.KeyId,
                    ProtectedMaterial = Convert.ToBase64String(_protector.Protect(key.Material.ToArray())),
                    CreatedAt = key.CreatedAt,
                    RetiredAt = key.RetiredAt,
                    IsActive = isActive,
                });
            }
        }

        set.RemoveRange(existing.Values);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
