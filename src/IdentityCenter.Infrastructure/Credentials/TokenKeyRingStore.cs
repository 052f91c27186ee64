using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Infrastructure.Credentials;

/// <summary>
/// Persists the session-token key ring: key bytes are protected with Data Protection in the database.
/// <see cref="LoadAsync"/> runs at start-up (creating the first key), <see cref="RotateIfDueAsync"/> on a schedule:
/// a key older than the rotation interval is retired (it keeps opening its tokens) and dropped once
/// every token it sealed has expired. The ring in memory (<see cref="TokenKeyRingHolder"/>) serves every check.
/// </summary>
public sealed class TokenKeyRingStore(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    IDataProtectionProvider dataProtection,
    TokenKeyRingHolder holder,
    IRandomSource random,
    TimeProvider time,
    IOptions<CredentialsOptions> options) : IDisposable
{
    private const string Purpose = "IdentityCenter.Credentials.TokenKeys.v1";
    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    /// <summary>Loads the ring from the database (creating the first key when there is none) and swaps it in.</summary>
    public async Task<TokenKeyRing> LoadAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var ring = await ReadAsync(db, cancellationToken);
            if (ring is null)
            {
                ring = TokenKeyRing.CreateNew(random, time.GetUtcNow());
                await WriteAsync(db, ring, cancellationToken);
            }

            holder.Replace(ring);
            return ring;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Rotates when the active key is older than the rotation interval, prunes expired keys, persists and swaps the ring. True when it rotated.</summary>
    public async Task<bool> RotateIfDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        var current = holder.Current;
        if (current.ActiveKey.CreatedAt + settings.KeyRotationInterval > now
            && ReferenceEquals(current.Prune(now, settings.MaxTokenLifetime), current))
        {
            return false;
        }

        return await RotateAsync(force: false, cancellationToken);
    }

    /// <summary>Starts a new key now (for example after a suspected leak of the database and Data Protection keys).</summary>
    public Task<bool> RotateNowAsync(CancellationToken cancellationToken = default) => RotateAsync(force: true, cancellationToken);

    private async Task<bool> RotateAsync(bool force, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var settings = options.Value;
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);

            // Another instance may have rotated already: start from what the database holds.
            var ring = await ReadAsync(db, cancellationToken) ?? holder.Current;
            var rotated = false;
            if (force || ring.ActiveKey.CreatedAt + settings.KeyRotationInterval <= now)
            {
                ring = ring.Rotate(random, now);
                rotated = true;
            }

            ring = ring.Prune(now, settings.MaxTokenLifetime);
            await WriteAsync(db, ring, cancellationToken);
            holder.Replace(ring);
            return rotated;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<TokenKeyRing?> ReadAsync(IdentityCenterDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Set<TokenKeyRecord>().AsNoTracking().ToListAsync(cancellationToken);
        var active = rows.Where(r => r.IsActive).OrderByDescending(r => r.CreatedAt).FirstOrDefault();
        if (active is null)
        {
            return null;
        }

        var keys = rows.Select(r =>
        {
            var material = _protector.Unprotect(Convert.FromBase64String(r.ProtectedMaterial));
            try
            {
                return new TokenKey(r.KeyId, material, r.CreatedAt, r.IsActive && r.KeyId == active.KeyId ? null : r.RetiredAt ?? r.CreatedAt);
            }
            finally
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(material);
            }
        });
        return new TokenKeyRing(keys, active.KeyId);
    }

    private async Task WriteAsync(IdentityCenterDbContext db, TokenKeyRing ring, CancellationToken cancellationToken)
    {
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
    }
}
