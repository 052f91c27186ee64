using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using IdentityCenter.Core;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Credentials;

/// <summary>A service allowed to call <c>/api/authorize</c>.</summary>
public sealed record ResourceService(string Id, string Name, string? Description, string KeyPrefix, DateTimeOffset CreatedAt, string? CreatedBy, bool IsInternal);

/// <summary>A newly registered service and its API key, which is shown this once and never stored.</summary>
public sealed record RegisteredResourceService(ResourceService Service, string ApiKey);

/// <summary>
/// Registered resource services. API keys are stored as SHA-256 hashes; the hashes are held in memory
/// (loaded at start-up, updated on register and delete), so authenticating a call is one hash and one
/// dictionary lookup with no database read. A key has 256 random bits, so an unsalted fast hash is enough.
/// </summary>
public sealed class ResourceServiceRegistry(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    IRandomSource random,
    TimeProvider time) : IDisposable
{
    public const string KeyPrefix = "icsk_";
    public const string PlaygroundServiceName = "portal-playground";
    private const int MaxNameLength = 64;

    private FrozenDictionary<string, ResourceService> _byHash = FrozenDictionary<string, ResourceService>.Empty;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    /// <summary>The portal playground's key for this process (regenerated at every start; null before start-up).</summary>
    public string? PlaygroundKey { get; private set; }

    /// <summary>The service whose key this is, or null. Never reads the database.</summary>
    public ResourceService? Authenticate(ReadOnlySpan<char> apiKey)
    {
        if (apiKey.Length is < 16 or > 128)
        {
            return null;
        }

        Span<byte> utf8 = stackalloc byte[128 * 3];
        var length = Encoding.UTF8.GetBytes(apiKey, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], hash);
        Span<char> hex = stackalloc char[SHA256.HashSizeInBytes * 2];
        Convert.TryToHexStringLower(hash, hex, out _);
        return Volatile.Read(ref _byHash).GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(hex, out var service) ? service : null;
    }

    public async Task<IReadOnlyList<ResourceService>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<ResourceServiceRecord>().AsNoTracking().ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).Select(ToModel).ToList();
    }

    public async Task<OperationResult<RegisteredResourceService>> RegisterAsync(string name, string? description, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            return OperationResult.Invalid("name", $"A service name is 1-{MaxNameLength} characters: letters, digits, '-', '_' or '.'.").As<RegisteredResourceService>();
        }

        if (string.Equals(name, PlaygroundServiceName, StringComparison.OrdinalIgnoreCase))
        {
            return OperationResult.Invalid("name", $"'{PlaygroundServiceName}' is reserved for the portal playground.").As<RegisteredResourceService>();
        }

        description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (description?.Length > 256)
        {
            return OperationResult.Invalid("description", "A description is at most 256 characters.").As<RegisteredResourceService>();
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var names = await db.Set<ResourceServiceRecord>().Select(s => s.Name).ToListAsync(cancellationToken);
            if (names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)))
            {
                return OperationResult.Conflict("name", $"A service named '{name}' already exists.").As<RegisteredResourceService>();
            }

            var key = NewKey();
            var row = new ResourceServiceRecord
            {
                Name = name,
                Description = description,
                KeyHash = Hash(key),
                KeyPrefix = key[..(KeyPrefix.Length + 4)],
                CreatedAt = time.GetUtcNow(),
                CreatedBy = actor.UserName,
            };
            db.Add(row);
            Audit(db, actor, CredentialAuditNames.CreateResourceService, row);
            await db.SaveChangesAsync(cancellationToken);
            await ReloadAsync(db, cancellationToken);
            return OperationResult.Ok(new RegisteredResourceService(ToModel(row), key));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<OperationResult> DeleteAsync(string id, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var row = await db.Set<ResourceServiceRecord>().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (row is null)
            {
                return OperationResult.NotFound("No such resource service; it may have been deleted already.");
            }

            if (row.IsInternal)
            {
                return OperationResult.Forbidden("The portal playground's service is built in and cannot be deleted.");
            }

            db.Remove(row);
            Audit(db, actor, CredentialAuditNames.DeleteResourceService, row);
            await db.SaveChangesAsync(cancellationToken);
            await ReloadAsync(db, cancellationToken);
            return OperationResult.Success;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Start-up: gives the playground service a fresh key (only its hash is stored) and loads every key hash.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var key = NewKey();
            var row = await db.Set<ResourceServiceRecord>().SingleOrDefaultAsync(s => s.IsInternal && s.Name == PlaygroundServiceName, cancellationToken);
            if (row is null)
            {
                row = new ResourceServiceRecord
                {
                    Name = PlaygroundServiceName,
                    Description = "The portal playground (built in).",
                    CreatedAt = time.GetUtcNow(),
                    CreatedBy = Actor.System.UserName,
                    IsInternal = true,
                };
                db.Add(row);
            }

            row.KeyHash = Hash(key);
            row.KeyPrefix = key[..(KeyPrefix.Length + 4)];
            await db.SaveChangesAsync(cancellationToken);
            await ReloadAsync(db, cancellationToken);
            PlaygroundKey = key;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Re-reads the key hashes (start-up and after changes; other instances' changes are picked up by the background sync).</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ReloadAsync(db, cancellationToken);
    }

    private async Task ReloadAsync(IdentityCenterDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Set<ResourceServiceRecord>().AsNoTracking().ToListAsync(cancellationToken);
        Volatile.Write(ref _byHash, rows.ToFrozenDictionary(r => r.KeyHash, ToModel, StringComparer.Ordinal));
    }

    /// <summary>The audit event goes into the same save as the change it records.</summary>
    private void Audit(IdentityCenterDbContext db, Actor actor, string eventName, ResourceServiceRecord row) => db.AuditEvents.Add(AuditRecordMapper.ToRecord(new AuditEvent
    {
        EventTime = time.GetUtcNow(),
        EventSource = AuditEventSources.Sso,
        EventName = eventName,
        UserIdentity = actor.ToUserIdentity(),
        SourceIpAddress = actor.SourceIpAddress,
        UserAgent = actor.UserAgent,
        RequestParameters = new Dictionary<string, string?> { ["serviceId"] = row.Id, ["name"] = row.Name, ["keyPrefix"] = row.KeyPrefix },
    }));

    private string NewKey()
    {
        Span<byte> bytes = stackalloc byte[32];
        random.Fill(bytes);
        return KeyPrefix + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    internal static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static ResourceService ToModel(ResourceServiceRecord r) => new(r.Id, r.Name, r.Description, r.KeyPrefix, r.CreatedAt, r.CreatedBy, r.IsInternal);
}
