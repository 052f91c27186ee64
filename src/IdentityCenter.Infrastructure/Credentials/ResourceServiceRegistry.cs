using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using IdentityCenter.Core;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities.Credentials;
using IdentityCenter.Infrastructure.Data.Generations;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Credentials;

/// <summary>
/// A service allowed to call <c>/api/authorize</c>. <see cref="AllowBareTokens"/>: it may still ask about a bare
/// access key id and session token; when off it must forward the client's signed request.
/// </summary>
public sealed record ResourceService(string Id, string Name, string? Description, string KeyPrefix, DateTimeOffset CreatedAt, string? CreatedBy, bool IsInternal, bool AllowBareTokens = false);

/// <summary>A newly registered service and its API key, which is shown this once and never stored.</summary>
public sealed record RegisteredResourceService(ResourceService Service, string ApiKey);

/// <summary>
/// Registered resource services. API keys are stored as SHA-256 hashes; the hashes are held in memory
/// (loaded at start-up, updated on register and delete here and, through <see cref="ChangeConcerns.ResourceServices"/>,
/// on every other instance within a maintenance tick), so authenticating a call is one hash and one
/// dictionary lookup with no database read. A key has 256 random bits, so an unsalted fast hash is enough.
/// The portal playground's key is made at start-up and known only to this process: each instance has its
/// own, so instances never invalidate each other's.
/// </summary>
public sealed class ResourceServiceRegistry(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    IRandomSource random,
    TimeProvider time) : IDisposable, IChangeGenerationListener
{
    public const string KeyPrefix = "icsk_";
    public const string PlaygroundServiceName = "portal-playground";
    private const int MaxNameLength = 64;

    private FrozenDictionary<string, ResourceService> _byHash = FrozenDictionary<string, ResourceService>.Empty;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    string IChangeGenerationListener.Concern => ChangeConcerns.ResourceServices;

    Task IChangeGenerationListener.OnChangedAsync(CancellationToken cancellationToken) => ReloadAsync(cancellationToken);

    /// <summary>The portal playground's key for this process (made at start-up, never stored; null before start-up).</summary>
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

    /// <summary>
    /// Registers a service and makes its API key. New services must forward signed requests
    /// (<paramref name="allowBareTokens"/> off) unless the administrator says otherwise.
    /// </summary>
    public Task<OperationResult<RegisteredResourceService>> RegisterAsync(string name, string? description, Actor actor, CancellationToken cancellationToken = default) =>
        RegisterAsync(name, description, allowBareTokens: false, actor, cancellationToken);

    public async Task<OperationResult<RegisteredResourceService>> RegisterAsync(string name, string? description, bool allowBareTokens, Actor actor, CancellationToken cancellationToken = default)
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
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await ChangeGenerations.BumpAsync(db, ChangeConcerns.ResourceServices, cancellationToken);
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
                AllowBareTokens = allowBareTokens,
            };
            db.Add(row);
            Audit(db, actor, CredentialAuditNames.CreateResourceService, row);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await ReloadAsync(db, cancellationToken);
            return OperationResult.Ok(new RegisteredResourceService(ToModel(row), key));
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<OperationResult> DeleteAsync(string id, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, actor, "The portal playground's service is built in and cannot be deleted.", (db, row) =>
        {
            db.Remove(row);
            return CredentialAuditNames.DeleteResourceService;
        }, cancellationToken);

    /// <summary>
    /// Turns on or off whether the service may check bare tokens (no proof of the secret). Audited as
    /// <see cref="CredentialAuditNames.UpdateResourceService"/>; every instance follows within a maintenance tick.
    /// </summary>
    public Task<OperationResult> SetAllowBareTokensAsync(string id, bool allow, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, actor, "The portal playground's service is built in: it checks credentials it issued itself, server-side.", (_, row) =>
        {
            if (row.AllowBareTokens == allow)
            {
                return null;
            }

            row.AllowBareTokens = allow;
            return CredentialAuditNames.UpdateResourceService;
        }, cancellationToken);

    /// <summary>
    /// One change to a registered (not built-in) service: <paramref name="change"/> edits or removes the row and names
    /// the audit event (null: nothing to change). Saved with its audit event and a generation bump in one transaction.
    /// </summary>
    private async Task<OperationResult> ChangeAsync(
        string id, Actor actor, string builtInRefusal, Func<IdentityCenterDbContext, ResourceServiceRecord, string?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var row = await db.Set<ResourceServiceRecord>().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (row is null)
            {
                return OperationResult.NotFound("No such resource service; it may have been deleted already.");
            }

            if (row.IsInternal)
            {
                return OperationResult.Forbidden(builtInRefusal);
            }

            if (change(db, row) is not { } eventName)
            {
                return OperationResult.Success;
            }

            Audit(db, actor, eventName, row);
            await db.SaveChangesAsync(cancellationToken);
            await ChangeGenerations.BumpAsync(db, ChangeConcerns.ResourceServices, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await ReloadAsync(db, cancellationToken);
            return OperationResult.Success;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Start-up: makes this process's playground key (kept in memory only), creates the built-in playground
    /// service row when it is missing, and loads every key hash.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            PlaygroundKey ??= NewKey();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (!await db.Set<ResourceServiceRecord>().AnyAsync(s => s.IsInternal && s.Name == PlaygroundServiceName, cancellationToken))
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

                // The bump locks the counter first: two instances starting together create one row.
                await ChangeGenerations.BumpAsync(db, ChangeConcerns.ResourceServices, cancellationToken);
                if (!await db.Set<ResourceServiceRecord>().AnyAsync(s => s.IsInternal && s.Name == PlaygroundServiceName, cancellationToken))
                {
                    // The stored hash is of a key nobody holds: the row only lists the built-in service.
                    var unused = NewKey();
                    db.Add(new ResourceServiceRecord
                    {
                        Name = PlaygroundServiceName,
                        Description = "The portal playground (built in).",
                        KeyHash = Hash(unused),
                        KeyPrefix = unused[..(KeyPrefix.Length + 4)],
                        CreatedAt = time.GetUtcNow(),
                        CreatedBy = Actor.System.UserName,
                        IsInternal = true,
                    });
                    await db.SaveChangesAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }

            await ReloadAsync(db, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Re-reads the key hashes (start-up, and when any instance registered or deleted a service).</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await ReloadAsync(db, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ReloadAsync(IdentityCenterDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Set<ResourceServiceRecord>().AsNoTracking().ToListAsync(cancellationToken);
        var byHash = rows.Where(r => !r.IsInternal).ToDictionary(r => r.KeyHash, ToModel, StringComparer.Ordinal);
        if (PlaygroundKey is { } key && rows.FirstOrDefault(r => r.IsInternal && r.Name == PlaygroundServiceName) is { } playground)
        {
            byHash[Hash(key)] = ToModel(playground);
        }

        Volatile.Write(ref _byHash, byHash.ToFrozenDictionary(StringComparer.Ordinal));
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
        RequestParameters = new Dictionary<string, string?>
        {
            ["serviceId"] = row.Id,
            ["name"] = row.Name,
            ["keyPrefix"] = row.KeyPrefix,
            ["allowBareTokens"] = row.AllowBareTokens ? "true" : "false",
        },
    }));

    private string NewKey()
    {
        Span<byte> bytes = stackalloc byte[32];
        random.Fill(bytes);
        return KeyPrefix + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    internal static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static ResourceService ToModel(ResourceServiceRecord r) => new(r.Id, r.Name, r.Description, r.KeyPrefix, r.CreatedAt, r.CreatedBy, r.IsInternal, r.AllowBareTokens);
}
