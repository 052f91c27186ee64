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
/// <para>Reads take no lock. Buckets, bucket policies (compiled once) and small objects (at most
/// <see cref="CachedObjectMaxBytes"/> bytes, <see cref="CachedObjectCapacity"/> of them) are kept in memory for
/// <see cref="MemoryLifetimeMilliseconds"/>: each write of this store drops what it changed from memory once the change is
/// on disk (the next read sees it), and a change by another instance sharing the data directory is seen within that
/// lifetime. A read that raced with a write does not keep what it read.
/// An object is read as metadata then content, and the content must match the metadata's size and MD5 (its ETag): a read
/// between the two renames of a write (content replaced, metadata not yet) is read again under the write lock, so no
/// reader ever gets one version's metadata with another's content.</para>
/// </summary>
public sealed class S3ObjectStore : IDisposable
{
    /// <summary>Objects up to this size are kept in memory once read (16 KB).</summary>
    public const int CachedObjectMaxBytes = 16 * 1024;

    /// <summary>How many small objects are kept in memory at most (all are dropped when full, and the ones in use come back).</summary>
    public const int CachedObjectCapacity = 1024;

    /// <summary>
    /// How long what was read stays in memory (1 s): another instance sharing the data directory changes the folder without
    /// this store knowing, and its change is seen within this time, as instances see each other's other changes.
    /// </summary>
    public const int MemoryLifetimeMilliseconds = 1000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _root;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly ConcurrentDictionary<string, Remembered<S3Bucket>> _buckets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Remembered<BucketPolicy>> _policies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Bucket, string Key), Remembered<StoredObject>> _objects = new();
    private int _cachedObjects;

    /// <summary>
    /// Bumped by every write after its change is on disk and before it drops what it changed from memory. A read notes it
    /// before reading the disk and keeps what it read only if it did not move meanwhile: a read that may have seen the state
    /// before a write never outlives that write in memory.
    /// </summary>
    private long _changes;

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
    public Task<S3Bucket?> FindBucketAsync(string name, CancellationToken cancellationToken = default)
    {
        if (S3BucketNames.Problem(name) is not null)
        {
            return Task.FromResult<S3Bucket?>(null);
        }

        if (Fresh(_buckets, name) is { } known)
        {
            return Task.FromResult<S3Bucket?>(known);
        }

        var seen = Volatile.Read(ref _changes);
        var file = Path.Combine(BucketFolder(name), "bucket.json");
        if (ReadSmallFile(file) is not { } bytes || JsonSerializer.Deserialize<S3Bucket>(bytes, Json) is not { } bucket)
        {
            return Task.FromResult<S3Bucket?>(null);
        }

        Remember(_buckets, name, bucket, seen);
        return Task.FromResult<S3Bucket?>(bucket);
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
            Changed();
            _buckets.TryRemove(name, out _);
            _policies.TryRemove(name, out _);
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
            Changed();
            _buckets.TryRemove(name, out _);
            _policies.TryRemove(name, out _);
            foreach (var cached in _objects.Keys)
            {
                if (cached.Bucket == name)
                {
                    _objects.TryRemove(cached, out _);
                }
            }

            System.IO.Directory.Delete(doomed, recursive: true);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>The bucket policy document as it was stored, or null when the bucket has none.</summary>
    public Task<string?> GetBucketPolicyAsync(string bucket, CancellationToken cancellationToken = default) =>
        Task.FromResult(FindPolicy(bucket)?.Document);

    /// <summary>The bucket policy compiled for the evaluator (compiled once per document), or null when the bucket has none.</summary>
    public Task<CompiledPolicy?> GetCompiledBucketPolicyAsync(string bucket, CancellationToken cancellationToken = default) =>
        Task.FromResult(FindPolicy(bucket)?.Compiled);

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
            Changed();
            _policies.TryRemove(bucket, out _);
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
        var info = new S3ObjectInfo(key, content.Length, ETagOf(content.Span),
            string.IsNullOrEmpty(contentType) ? "binary/octet-stream" : contentType, Now());
        var (data, meta) = ObjectFiles(bucket, key);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            await WriteAtomicAsync(data, content, cancellationToken);
            await WriteAtomicAsync(meta, JsonSerializer.SerializeToUtf8Bytes(info, Json), cancellationToken);
            Changed();
            _objects.TryRemove((bucket, key), out _);
            return info;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>An object's metadata, or null when there is no object with that key.</summary>
    public Task<S3ObjectInfo?> HeadObjectAsync(string bucket, string key, CancellationToken cancellationToken = default)
    {
        if (Fresh(_objects, (bucket, key)) is { } cached)
        {
            return Task.FromResult<S3ObjectInfo?>(cached.Info);
        }

        var (_, meta) = ObjectFiles(bucket, key);
        return Task.FromResult(ReadSmallFile(meta) is { } bytes ? JsonSerializer.Deserialize<S3ObjectInfo>(bytes, Json) : null);
    }

    /// <summary>
    /// An object's metadata and content, or null when there is no object with that key. The content array may be shared
    /// with other readers (small objects are kept in memory): read it, never change it.
    /// </summary>
    public async Task<(S3ObjectInfo Info, byte[] Content)?> GetObjectAsync(string bucket, string key, CancellationToken cancellationToken = default)
    {
        if (Fresh(_objects, (bucket, key)) is { } cached)
        {
            return (cached.Info, cached.Content);
        }

        var seen = Volatile.Read(ref _changes);
        var files = ObjectFiles(bucket, key);
        var read = await ReadObjectAsync(files, cancellationToken);
        if (read is { Consistent: false })
        {
            // Between the two renames of a write: once the writer is done, both files are of one version.
            await _writes.WaitAsync(cancellationToken);
            try
            {
                read = await ReadObjectAsync(files, cancellationToken);
                if (read is { Consistent: false, Content: { } content })
                {
                    // No write is under way: a crash between the two renames left the new content with the old metadata.
                    // The content is what the store holds; describe it as it is.
                    read = new ObjectRead(read.Info with { Size = content.Length, ETag = ETagOf(content) }, content, true);
                }
            }
            finally
            {
                _writes.Release();
            }
        }

        if (read is not { Consistent: true, Content: { } } found)
        {
            return null;
        }

        var bytes = found.Content!;
        if (bytes.Length <= CachedObjectMaxBytes)
        {
            if (Interlocked.Increment(ref _cachedObjects) > CachedObjectCapacity)
            {
                // Full: start over (cheap and rare; the objects in use come back at their next read).
                _objects.Clear();
                Volatile.Write(ref _cachedObjects, 1);
            }

            Remember(_objects, (bucket, key), new StoredObject(found.Info, bytes), seen);
        }

        return (found.Info, bytes);
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
            Changed();
            _objects.TryRemove((bucket, key), out _);
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

    /// <summary>The bucket's policy (document and compiled form; both null when it has none), from memory or the disk.</summary>
    private BucketPolicy? FindPolicy(string bucket)
    {
        if (Fresh(_policies, bucket) is { } known)
        {
            return known.Document is null ? null : known;
        }

        var seen = Volatile.Read(ref _changes);
        var bytes = ReadSmallFile(Path.Combine(BucketFolder(bucket), "policy.json"));
        var policy = new BucketPolicy(bytes is null ? null : Encoding.UTF8.GetString(bytes));

        // Only for buckets that exist (found before): names asked about at random do not fill memory.
        if (_buckets.ContainsKey(bucket))
        {
            Remember(_policies, bucket, policy, seen);
        }

        return policy.Document is null ? null : policy;
    }

    /// <summary>Metadata then content; <see cref="ObjectRead.Consistent"/> when the content is the one the metadata describes (size and MD5).</summary>
    private static async Task<ObjectRead?> ReadObjectAsync((string Data, string Meta) files, CancellationToken cancellationToken)
    {
        if (ReadSmallFile(files.Meta) is not { } metaBytes || JsonSerializer.Deserialize<S3ObjectInfo>(metaBytes, Json) is not { } info)
        {
            return null;
        }

        byte[] content;
        try
        {
            // Small files are read synchronously: the asynchronous path costs more than the read itself.
            content = info.Size <= CachedObjectMaxBytes
                ? File.ReadAllBytes(files.Data)
                : await File.ReadAllBytesAsync(files.Data, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Deleted after its metadata was read (the metadata goes first): gone, unless a write is recreating it.
            return File.Exists(files.Meta) ? new ObjectRead(info, null, false) : null;
        }

        return new ObjectRead(info, content, content.Length == info.Size && string.Equals(ETagOf(content), info.ETag, StringComparison.Ordinal));
    }

    /// <summary>A small file's bytes, or null when it does not exist (read synchronously: one open and read of a few hundred bytes).</summary>
    private static byte[]? ReadSmallFile(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Keeps what a read found unless a write changed the store since the read began (<paramref name="seen"/>).</summary>
    private void Remember<TKey, TValue>(ConcurrentDictionary<TKey, Remembered<TValue>> cache, TKey key, TValue value, long seen)
        where TKey : notnull
        where TValue : class
    {
        var entry = new Remembered<TValue>(value, Environment.TickCount64);
        cache[key] = entry;
        if (Volatile.Read(ref _changes) != seen)
        {
            cache.TryRemove(new KeyValuePair<TKey, Remembered<TValue>>(key, entry));
        }
    }

    /// <summary>
    /// What memory holds for <paramref name="key"/> if it was read from the disk less than <see cref="MemoryLifetimeMilliseconds"/>
    /// ago; null otherwise. This store's own writes drop entries at once; the lifetime bounds how long a change made by another
    /// process on the same folder (instances sharing one data directory) goes unseen, as for every other setting those
    /// instances share.
    /// </summary>
    private static TValue? Fresh<TKey, TValue>(ConcurrentDictionary<TKey, Remembered<TValue>> cache, TKey key)
        where TKey : notnull
        where TValue : class =>
        cache.TryGetValue(key, out var entry) && Environment.TickCount64 - entry.ReadAt < MemoryLifetimeMilliseconds ? entry.Value : null;

    /// <summary>Called by every write once its change is on disk, before it drops the changed entries from memory.</summary>
    private void Changed() => Interlocked.Increment(ref _changes);

#pragma warning disable CA5351 // S3's ETag of a single-part object is the MD5 of its content (an identifier, not a security check).
    private static string ETagOf(ReadOnlySpan<byte> content) => "\"" + Convert.ToHexStringLower(MD5.HashData(content)) + "\"";
#pragma warning restore CA5351

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

    /// <summary>A bucket's policy document (null: none) and its compiled form, compiled at first use.</summary>
    private sealed class BucketPolicy(string? document)
    {
        private readonly Lazy<CompiledPolicy?> _compiled = new(
            () => document is null ? null : new CompiledPolicy(new NamedPolicy("Bucket policy", PolicyParser.Parse(document, PolicyKind.Resource).Document!)),
            LazyThreadSafetyMode.PublicationOnly);

        public string? Document { get; } = document;

        public CompiledPolicy? Compiled => _compiled.Value;
    }

    private sealed record StoredObject(S3ObjectInfo Info, byte[] Content);

    /// <summary>A value read from the disk and when (<see cref="Environment.TickCount64"/>).</summary>
    private sealed record Remembered<T>(T Value, long ReadAt);

    /// <summary>An object as read: its metadata, its content (null when the content file is missing), and whether they match.</summary>
    private sealed record ObjectRead(S3ObjectInfo Info, byte[]? Content, bool Consistent);
}
