using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using IdentityCenter.Infrastructure.Configuration;
using IdentityCenter.Infrastructure.S3;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Aws.S3;

/// <summary>The host with <c>IdentityCenter:S3:MaxObjectBytes</c> = 1024.</summary>
public sealed class S3SmallObjectsHost() : AwsApiHost(new Dictionary<string, string> { ["IdentityCenter:S3:MaxObjectBytes"] = "1024" });

/// <summary>The object size limit of the demo store: enforced on uploads, validated with the other options.</summary>
public sealed class S3LimitsTests(S3SmallObjectsHost host) : IClassFixture<S3SmallObjectsHost>
{
    [Fact]
    public async Task PutObject_OverTheConfiguredLimit_EntityTooLarge()
    {
        var (_, _, c) = await host.RoleCredentialsAsync("ana.admin");
        using var s3 = new AmazonS3Client(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken),
            new AmazonS3Config { ServiceURL = new Uri(host.BaseUrl, "aws/s3").ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        var bucket = $"limit-{Guid.NewGuid():N}";
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });

        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "small", ContentBody = new string('a', 1024) });
        var large = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "large", ContentBody = new string('a', 1025) }));

        Assert.Equal("EntityTooLarge", large.ErrorCode);
        var missing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectMetadataAsync(bucket, "large"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task BucketNames_NeverPathsOutOfTheStore()
    {
        // A bucket.json one folder above the store: a bucket named ".." (the path "<data>/s3/..") must not find it.
        await File.WriteAllTextAsync(Path.Combine(host.DataDirectory, "bucket.json"), "{\"name\":\"..\",\"ownerAccountId\":\"111111111111\",\"createdAt\":\"2026-01-01T00:00:00Z\"}");
        var store = host.Services.GetRequiredService<S3ObjectStore>();

        Assert.Null(await store.FindBucketAsync(".."));
        Assert.Null(await store.FindBucketAsync("a/../.."));
        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateBucketAsync("../escape", "111111111111"));
    }

    [Fact]
    public void MaxObjectBytes_OutOfRange_ReportedWithTheOtherProblems()
    {
        var options = new IdentityCenterOptions { DataDirectory = "", S3 = { MaxObjectBytes = 0 } };

        var problems = IdentityCenterOptionsValidator.FindProblems(options, host.DataDirectory);

        Assert.Contains(problems, p => p.StartsWith("IdentityCenter:DataDirectory is empty", StringComparison.Ordinal));
        Assert.Contains("IdentityCenter:S3:MaxObjectBytes is 0. Set it between 1 and 104857600 (bytes; default 5242880, 5 MB).", problems);
    }
}
