using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IdentityCenter.Core;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Core.ObjectStorage;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Access.Internal;
using IdentityCenter.Infrastructure.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Infrastructure.S3;

/// <summary>The demo object store's settings (<c>IdentityCenter:S3</c>).</summary>
public sealed class S3Options
{
    /// <summary>5 MB: the store is for learning, not for data.</summary>
    public const long DefaultMaxObjectBytes = 5 * 1024 * 1024;

    /// <summary>The largest limit accepted (objects are held in memory while they are written and read): 100 MB.</summary>
    public const long MaxMaxObjectBytes = 100 * 1024 * 1024;

    /// <summary>The largest object a PutObject may store, in bytes.</summary>
    public long MaxObjectBytes { get; set; } = DefaultMaxObjectBytes;
}

/// <summary>A bucket: its global name, the account that owns it, when it was created.</summary>
public sealed record S3Bucket(string Name, string OwnerAccountId, DateTimeOffset CreatedAt);

/// <summary>An object's metadata: key, size, ETag (the quoted hex MD5 of the content), content type, last change.</summary>
public sealed record S3ObjectInfo(string Key, long Size, string ETag, string ContentType, DateTimeOffset LastModified);

/// <summary>What <see cref="S3ObjectStore.CreateBucketAsync"/> did.</summary>
public enum S3CreateBucketOutcome
{
    Created,
    AlreadyOwnedByYou,
    AlreadyExists,
}

/// <summary>
/// The demo object store behind <c>/aws/s3</c>: buckets (owned by an account, names global) and objects as files under
/// <c>&lt;DataDirectory&gt;/s3</c>, one folder per bucket (<c>bucket.json</c>, <c>policy.json</c>, and per object a
/// content file and a metadata file named by the SHA-256 of its key). Writes go to a temporary file first and are moved
/// into place, so a crash leaves the previous version or the new one, never half of one. Meant for learning how
/// credentials and policies decide S3 requests, not for keeping data. Authorization is the caller's (the endpoints).
/// </summary>
public sealed class S3ObjectStore : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _root;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly ConcurrentDictionary<string, CompiledPolicy> _compiled = new(StringComparer.Ordinal);

    public S3ObjectStore(IOptions<IdentityCenterOptions> options, IHostEnvironment environment, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _root = Path.Combine(options.Value.ResolveDataDirectory(environment.ContentRootPath), "s3");
        _time = time;
        MaxObjectBytes = options.Value.S3.MaxObjectBytes;
    }

    /// <summary>The largest object a PutObject may store (<see cref="S3Options.MaxObjectBytes"/>).</summary>
    public long MaxObjectBytes { get; }

    /// <summary>The buckets of an account, by name.</summary>
    public async Task<IReadOnlyList<S3Bucket>> ListBucketsAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var buckets = new List<S3Bucket>();
        if (!System.IO.Directory.Exists(_root))
        {
            return buckets;
        }

        foreach (var folder in System.IO.Directory.EnumerateDirectories(_root))
        {
            if (await FindBucketAsync(Path.GetFileName(folder), cancellationToken) is { } bucket && bucket.OwnerAccountId == accountId)
            {
                buckets.Add(bucket);
            }
        }

        return [.. buckets.OrderBy(b => b.Name, StringComparer.Ordinal)];
    }

    /// <summary>The bucket of that name (any account's), or null (always for a name that is not a valid bucket name, so no path leaves the store's folder).</summary>
    public async Task<S3Bucket?> FindBucketAsync(string name, CancellationToken cancellationToken = default)
    {
        if (S3BucketNames.Problem(name) is not null)
        {
            return null;
        }

        var file = Path.Combine(BucketFolder(name), "bucket.json");
        return File.Exists(file) ? JsonSerializer.Deserialize<S3Bucket>(await File.ReadAllBytesAsync(file, cancellationToken), Json) : null;
    }

    /// <summary>Creates the bucket for <paramref name="accountId"/> unless the name is taken (by that account or another). The name must be valid (<see cref="S3BucketNames"/>).</summary>
    public async Task<S3CreateBucketOutcome> CreateBucketAsync(string name, string accountId, CancellationToken cancellationToken = default)
    {
        if (S3BucketNames.Problem(name) is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        await _writes.WaitAsync(cancellationToken);
        try
        {
            if (await FindBucketAsync(name, cancellationToken) is { } existing)
            {
                return existing.OwnerAccountId == accountId ? S3CreateBucketOutcome.AlreadyOwnedByYou : S3CreateBucketOutcome.AlreadyExists;
            }

            var folder = BucketFolder(name);
            System.IO.Directory.CreateDirectory(Path.Combine(folder, "objects"));
            await WriteAtomicAsync(Path.Combine(folder, "bucket.json"), JsonSerializer.SerializeToUtf8Bytes(new S3Bucket(name, accountId, Now()), Json), cancellationToken);
            return S3CreateBucketOutcome.Created;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>
    /// Removes the bucket with its policy and objects (the workshop seed replaces a demo bucket whose account is gone). The
    /// folder is first renamed to a name no bucket can have, so a crash half-way leaves no bucket behind, only a folder to sweep.
    /// </summary>
    public async Task RemoveBucketAsync(string name, CancellationToken cancellationToken = default)
    {
        if (S3BucketNames.Problem(name) is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        await _writes.WaitAsync(cancellationToken);
        try
        {
            var folder = BucketFolder(name);
            if (!System.IO.Directory.Exists(folder))
            {
                return;
            }

            var doomed = Path.Combine(_root, "_removed_" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.Move(folder, doomed);
            System.IO.Directory.Delete(doomed, recursive: true);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>The bucket policy document as it was stored, or null when the bucket has none.</summary>
    public async Task<string?> GetBucketPolicyAsync(string bucket, CancellationToken cancellationToken = default)
    {
        var file = Path.Combine(BucketFolder(bucket), "policy.json");
        return File.Exists(file) ? await File.ReadAllTextAsync(file, cancellationToken) : null;
    }

    /// <summary>The bucket policy compiled for the evaluator (compiled once per document), or null when the bucket has none.</summary>
    public async Task<CompiledPolicy?> GetCompiledBucketPolicyAsync(string bucket, CancellationToken cancellationToken = default)
    {
        if (await GetBucketPolicyAsync(bucket, cancellationToken) is not { } document)
        {
            return null;
        }

        return _compiled.GetOrAdd(document, text => new CompiledPolicy(new NamedPolicy("Bucket policy", PolicyParser.Parse(text, PolicyKind.Resource).Document!)));
    }

    /// <summary>
    /// Validates <paramref name="document"/> as a resource-based policy (the same checks as every policy the console saves)
    /// and stores it as the bucket's policy; the problems, each saying what to fix, when it is not valid.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> PutBucketPolicyAsync(string bucket, string document, CancellationToken cancellationToken = default)
    {
        var problems = AccessAudit.ValidateDocument(document, PolicyKind.Resource, "Policy");
        if (problems.Count > 0)
        {
            return problems;
        }

        await _writes.WaitAsync(cancellationToken);
        try
        {
            await WriteAtomicAsync(Path.Combine(BucketFolder(bucket), "policy.json"), Encoding.UTF8.GetBytes(document), cancellationToken);
            return [];
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Stores (or replaces) an object; its metadata with the ETag computed from <paramref name="content"/>.</summary>
    public async Task<S3ObjectInfo> PutObjectAsync(string bucket, string key, ReadOnlyMemory<byte> content, string? contentType, CancellationToken cancellationToken = default)
    {
#pragma warning disable CA5351 // S3's ETag of a single-part object is the MD5 of its content (an identifier, not a security check).
        var etag = "\"" + Convert.ToHexStringLower(MD5.HashData(content.Span)) + "\"";
#pragma warning restore CA5351
        var info = new S3ObjectInfo(key, content.Length, etag,
            string.IsNullOrEmpty(contentType) ? "binary/octet-stream" : contentType, Now());
        var (data, meta) = ObjectFiles(bucket, key);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            await WriteAtomicAsync(data, content, cancellationToken);
            await WriteAtomicAsync(meta, JsonSerializer.SerializeToUtf8Bytes(info, Json), cancellationToken);
            return info;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>An object's metadata, or null when there is no object with that key.</summary>
    public async Task<S3ObjectInfo?> HeadObjectAsync(string bucket, string key, CancellationToken cancellationToken = default)
    {
        var (_, meta) = ObjectFiles(bucket, key);
        return File.Exists(meta) ? JsonSerializer.Deserialize<S3ObjectInfo>(await File.ReadAllBytesAsync(meta, cancellationToken), Json) : null;
    }

    /// <summary>An object's metadata and content, or null when there is no object with that key.</summary>
    public async Task<(S3ObjectInfo Info, byte[] Content)?> GetObjectAsync(string bucket, string key, CancellationToken cancellationToken = default)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var (data, _) = ObjectFiles(bucket, key);
            return await HeadObjectAsync(bucket, key, cancellationToken) is { } info && File.Exists(data)
                ? (info, await File.ReadAllBytesAsync(data, cancellationToken))
                : null;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Deletes an object; nothing happens when there is none (as S3 answers 204 either way).</summary>
    public async Task DeleteObjectAsync(string bucket, string key, CancellationToken cancellationToken = default)
    {
        var (data, meta) = ObjectFiles(bucket, key);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            File.Delete(meta);
            File.Delete(data);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Every object of the bucket, by key in UTF-8 binary order (S3's listing order).</summary>
    public async Task<IReadOnlyList<S3ObjectInfo>> ListObjectsAsync(string bucket, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(BucketFolder(bucket), "objects");
        var objects = new List<S3ObjectInfo>();
        if (!System.IO.Directory.Exists(folder))
        {
            return objects;
        }

        foreach (var meta in System.IO.Directory.EnumerateFiles(folder, "*.json"))
        {
            try
            {
                objects.Add(JsonSerializer.Deserialize<S3ObjectInfo>(await File.ReadAllBytesAsync(meta, cancellationToken), Json)!);
            }
            catch (FileNotFoundException)
            {
                // Deleted while listing: not part of the listing.
            }
        }

        objects.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return objects;
    }

    public void Dispose() => _writes.Dispose();

    private DateTimeOffset Now()
    {
        // S3 reports times to the second in Last-Modified; keep what is stored and what is answered the same.
        var now = _time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    private string BucketFolder(string name) => Path.Combine(_root, name);

    private (string Data, string Meta) ObjectFiles(string bucket, string key)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        var folder = Path.Combine(BucketFolder(bucket), "objects");
        return (Path.Combine(folder, id + ".bin"), Path.Combine(folder, id + ".json"));
    }

    private static async Task WriteAtomicAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
