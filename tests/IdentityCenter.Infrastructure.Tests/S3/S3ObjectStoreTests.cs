using System.Security.Cryptography;
using System.Text;
using IdentityCenter.Infrastructure.Configuration;
using IdentityCenter.Infrastructure.S3;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Infrastructure.Tests.S3;

/// <summary>
/// The demo object store keeps buckets, bucket policies and small objects in memory and reads without a lock: every write
/// is seen by the next read, a read never pairs one version's metadata with another's content, and data directories
/// written before (and by another instance) are read as they are.
/// </summary>
public sealed class S3ObjectStoreTests : IDisposable
{
    private const string Account = "111122223333";
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("ic-s3-").FullName;

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans its temp folder.
        }
    }

    private S3ObjectStore NewStore() =>
        new(Options.Create(new IdentityCenterOptions { DataDirectory = _directory }), new Environment(_directory), TimeProvider.System);

    [Fact]
    public async Task PutObject_Again_NextGetAndHeadSeeTheNewVersion()
    {
        using var store = NewStore();
        await store.CreateBucketAsync("data", Account);
        await store.PutObjectAsync("data", "a.txt", "first"u8.ToArray(), "text/plain");
        Assert.Equal("first", Text(await store.GetObjectAsync("data", "a.txt")));
        Assert.Equal("first", Text(await store.GetObjectAsync("data", "a.txt")));

        await store.PutObjectAsync("data", "a.txt", "second!"u8.ToArray(), "text/csv");

        var got = await store.GetObjectAsync("data", "a.txt");
        Assert.Equal("second!", Text(got));
        Assert.Equal("text/csv", got!.Value.Info.ContentType);
        Assert.Equal(7, (await store.HeadObjectAsync("data", "a.txt"))!.Size);
    }

    [Fact]
    public async Task DeleteObject_NextGetAndHeadFindNothing()
    {
        using var store = NewStore();
        await store.CreateBucketAsync("data", Account);
        await store.PutObjectAsync("data", "a.txt", "x"u8.ToArray(), null);
        Assert.NotNull(await store.GetObjectAsync("data", "a.txt"));

        await store.DeleteObjectAsync("data", "a.txt");

        Assert.Null(await store.GetObjectAsync("data", "a.txt"));
        Assert.Null(await store.HeadObjectAsync("data", "a.txt"));
    }

    [Fact]
    public async Task PutBucketPolicy_Replaced_NextReadsSeeTheNewPolicy()
    {
        using var store = NewStore();
        await store.CreateBucketAsync("data", Account);
        Assert.NotNull(await store.FindBucketAsync("data"));
        Assert.Null(await store.GetCompiledBucketPolicyAsync("data"));

        Assert.Empty(await store.PutBucketPolicyAsync("data", Policy("One")));
        var first = await store.GetCompiledBucketPolicyAsync("data");
        Assert.Same(first, await store.GetCompiledBucketPolicyAsync("data"));
        Assert.Empty(await store.PutBucketPolicyAsync("data", Policy("Two")));

        Assert.Contains("\"Two\"", await store.GetBucketPolicyAsync("data"), StringComparison.Ordinal);
        Assert.NotSame(first, await store.GetCompiledBucketPolicyAsync("data"));
    }

    [Fact]
    public async Task RemoveBucket_ThenCreatedByAnotherAccount_NextReadsSeeTheNewBucketWithoutTheOldPolicyOrObjects()
    {
        using var store = NewStore();
        await store.CreateBucketAsync("data", Account);
        await store.PutBucketPolicyAsync("data", Policy("Old"));
        await store.PutObjectAsync("data", "a.txt", "x"u8.ToArray(), null);
        Assert.NotNull(await store.GetCompiledBucketPolicyAsync("data"));
        Assert.NotNull(await store.GetObjectAsync("data", "a.txt"));

        await store.RemoveBucketAsync("data");
        Assert.Null(await store.FindBucketAsync("data"));
        Assert.Equal(S3CreateBucketOutcome.Created, await store.CreateBucketAsync("data", "444455556666"));

        Assert.Equal("444455556666", (await store.FindBucketAsync("data"))!.OwnerAccountId);
        Assert.Null(await store.GetCompiledBucketPolicyAsync("data"));
        Assert.Null(await store.GetObjectAsync("data", "a.txt"));
    }

    [Fact]
    public async Task DataDirectoryWrittenBefore_ReadAsItIs()
    {
        // The layout as earlier versions wrote it: bucket.json, policy.json, objects/<sha256 of the key>.bin and .json.
        var folder = Path.Combine(_directory, "s3", "legacy");
        System.IO.Directory.CreateDirectory(Path.Combine(folder, "objects"));
        await File.WriteAllTextAsync(Path.Combine(folder, "bucket.json"), $$"""{"name":"legacy","ownerAccountId":"{{Account}}","createdAt":"2026-01-01T00:00:00+00:00"}""");
        await File.WriteAllTextAsync(Path.Combine(folder, "policy.json"), Policy("Legacy"));
        var id = Convert.ToHexStringLower(SHA256.HashData("docs/readme.txt"u8));
        await File.WriteAllTextAsync(Path.Combine(folder, "objects", id + ".bin"), "hello");
        await File.WriteAllTextAsync(Path.Combine(folder, "objects", id + ".json"),
            """{"key":"docs/readme.txt","size":5,"eTag":"\"5d41402abc4b2a76b9719d911017c592\"","contentType":"text/plain","lastModified":"2026-01-01T00:00:00+00:00"}""");
        using var store = NewStore();

        Assert.Equal(Account, (await store.FindBucketAsync("legacy"))!.OwnerAccountId);
        Assert.NotNull(await store.GetCompiledBucketPolicyAsync("legacy"));
        var got = await store.GetObjectAsync("legacy", "docs/readme.txt");
        Assert.Equal("hello", Text(got));
        Assert.Equal("text/plain", got!.Value.Info.ContentType);
        Assert.Equal(new[] { "docs/readme.txt" }, (await store.ListObjectsAsync("legacy")).Select(o => o.Key));
    }

    [Fact]
    public async Task AnotherStoreOnTheSameFolder_ReadsWhatTheFirstWrote()
    {
        using (var writer = NewStore())
        {
            await writer.CreateBucketAsync("data", Account);
            await writer.PutObjectAsync("data", "big.bin", new byte[S3ObjectStore.CachedObjectMaxBytes + 1], null);
            await writer.PutObjectAsync("data", "small.txt", "small"u8.ToArray(), null);
        }

        using var reader = NewStore();

        Assert.Equal(S3ObjectStore.CachedObjectMaxBytes + 1, (await reader.GetObjectAsync("data", "big.bin"))!.Value.Content.Length);
        Assert.Equal("small", Text(await reader.GetObjectAsync("data", "small.txt")));
    }

    [Fact]
    public async Task AnotherInstanceOnTheSameFolderChangesThings_SeenWithinTheMemoryLifetime()
    {
        using var first = NewStore();
        using var second = NewStore();
        await first.CreateBucketAsync("data", Account);
        await first.PutBucketPolicyAsync("data", Policy("One"));
        await first.PutObjectAsync("data", "a.txt", "one"u8.ToArray(), null);
        Assert.NotNull(await second.FindBucketAsync("data"));
        Assert.Contains("\"One\"", await second.GetBucketPolicyAsync("data"), StringComparison.Ordinal);
        Assert.Equal("one", Text(await second.GetObjectAsync("data", "a.txt")));

        await first.PutBucketPolicyAsync("data", Policy("Two"));
        await first.PutObjectAsync("data", "a.txt", "two"u8.ToArray(), null);
        await Task.Delay(S3ObjectStore.MemoryLifetimeMilliseconds + 100);

        Assert.Contains("\"Two\"", await second.GetBucketPolicyAsync("data"), StringComparison.Ordinal);
        Assert.Equal("two", Text(await second.GetObjectAsync("data", "a.txt")));

        await first.RemoveBucketAsync("data");
        await Task.Delay(S3ObjectStore.MemoryLifetimeMilliseconds + 100);

        Assert.Null(await second.FindBucketAsync("data"));
        Assert.Null(await second.GetBucketPolicyAsync("data"));
        Assert.Null(await second.GetObjectAsync("data", "a.txt"));
    }

    [Fact]
    public async Task GetObject_ContentReplacedButMetadataNot_NeverAnsweredWithTheOldMetadata()
    {
        // What a crash (or a read) between the two renames of a write sees: the new content beside the old metadata.
        using var store = NewStore();
        await store.CreateBucketAsync("data", Account);
        await store.PutObjectAsync("data", "a.txt", "old"u8.ToArray(), "text/plain");
        var id = Convert.ToHexStringLower(SHA256.HashData("a.txt"u8));
        await File.WriteAllTextAsync(Path.Combine(_directory, "s3", "data", "objects", id + ".bin"), "newer");

        using var fresh = NewStore();
        var got = (await fresh.GetObjectAsync("data", "a.txt"))!.Value;

        Assert.Equal("newer", Encoding.UTF8.GetString(got.Content));
        Assert.Equal(5, got.Info.Size);
#pragma warning disable CA5351 // S3's ETag is the MD5 of the content (an identifier, not a security check).
        Assert.Equal("\"" + Convert.ToHexStringLower(MD5.HashData("newer"u8)) + "\"", got.Info.ETag);
#pragma warning restore CA5351
    }

    [Fact]
    public async Task GetObject_WhileAnotherThreadRewritesIt_EveryReadIsOneWholeVersion()
    {
        using var store = NewStore();
        await store.CreateBucketAsync("data", Account);
        byte[][] versions = [Encoding.UTF8.GetBytes(new string('a', 100)), Encoding.UTF8.GetBytes(new string('b', 3000)), new byte[S3ObjectStore.CachedObjectMaxBytes + 10]];
        string[] types = ["text/a", "text/b", "application/big"];
        await store.PutObjectAsync("data", "k", versions[0], types[0]);
        using var stop = new CancellationTokenSource();
        var reads = 0;

        async Task ReadLoopAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var got = (await store.GetObjectAsync("data", "k"))!.Value;
                var version = Array.FindIndex(versions, v => v.AsSpan().SequenceEqual(got.Content));
                Assert.True(version >= 0, "A read returned content that is no version.");
                Assert.Equal(types[version], got.Info.ContentType);
                Assert.Equal(versions[version].Length, got.Info.Size);
                Interlocked.Increment(ref reads);
            }
        }

        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(ReadLoopAsync)).ToArray();
        var until = DateTime.UtcNow.AddSeconds(20);

        // At least 150 writes, and as many as it takes for the readers (started on a busy machine) to read 100 times meanwhile.
        for (var i = 1; (i <= 150 || Volatile.Read(ref reads) < 100) && DateTime.UtcNow < until; i++)
        {
            await store.PutObjectAsync("data", "k", versions[i % 3], types[i % 3]);
        }

        await store.PutObjectAsync("data", "k", versions[1], types[1]);
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.True(reads > 0);
        Assert.Equal(types[1], (await store.GetObjectAsync("data", "k"))!.Value.Info.ContentType);
        Assert.Equal(versions[1], (await store.GetObjectAsync("data", "k"))!.Value.Content);
    }

    private static string Policy(string sid) => $$"""
        {"Version":"2012-10-17","Statement":[{"Sid":"{{sid}}","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Account}}:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::data/*"}]}
        """;

    private static string? Text((S3ObjectInfo Info, byte[] Content)? got) => got is { } found ? Encoding.UTF8.GetString(found.Content) : null;

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Development";

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
