using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SSO.Model;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.S3;
using IdentityCenter.Infrastructure.Workshop;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace IdentityCenter.Web.Tests.Aws;

/// <summary>
/// Workshop mode on the real Kestrel host: the workshop seed's demo buckets seen through AWSSDK.S3 (with the cross-account
/// bucket policy), and time travel expiring a role credential at its next S3 call.
/// </summary>
public sealed class WorkshopTimeTravelTests(WorkshopTimeTravelTests.Host host) : IClassFixture<WorkshopTimeTravelTests.Host>
{
    /// <summary>Workshop mode on; the application clock is a <see cref="WorkshopClock"/> over the host's fake clock.</summary>
    public sealed class Host() : AwsApiHost(new Dictionary<string, string> { ["IdentityCenter:Workshop:Enabled"] = "true" })
    {
        public WorkshopClock? Clock { get; private set; }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                Assert.Contains(services, d => d.ServiceType == typeof(WorkshopClock));
                Clock = new WorkshopClock(Time);
                services.RemoveAll<WorkshopClock>();
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(Clock);
                services.AddSingleton<TimeProvider>(Clock);
            });
        }
    }

    private string S3Url => new Uri(host.BaseUrl, "aws/s3").ToString();

    [Fact]
    public async Task ClockAdvancedPastExpiry_NextS3Call_ExpiredToken_AndResetRestores()
    {
        var credentials = await CredentialsAsync("ana.admin", "Prod Data");
        using var s3 = Client(credentials);
        Assert.Equal(HttpStatusCode.OK, (await s3.ListBucketsAsync(new ListBucketsRequest())).HttpStatusCode);
        var clock = Clock();

        // Only the built-in administrators may shift the clock: a demo user (a cloud admin of the accounts) may not.
        var ana = await ActorAsync("ana.admin");
        var refused = await clock.AdvanceAsync(3, ana);
        Assert.Equal(OperationErrorKind.Forbidden, refused.ErrorKind);
        Assert.Equal(TimeSpan.Zero, clock.Offset);
        Assert.Equal(OperationErrorKind.Validation, (await clock.AdvanceAsync(0, await ActorAsync("admin"))).ErrorKind);

        // AdministratorAccess lasts 2 hours: 3 hours later the same credentials are expired at their next call.
        var admin = await ActorAsync("admin");
        var advanced = await clock.AdvanceAsync(3, admin);
        try
        {
            Assert.True(advanced.Succeeded, advanced.Summary);
            Assert.Equal(TimeSpan.FromHours(3), clock.Offset);
            var expired = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.ListBucketsAsync(new ListBucketsRequest()));
            Assert.Equal("ExpiredToken", expired.ErrorCode);
            Assert.Contains(await host.AuditEventsAsync("AdvanceWorkshopClock"), e => e.UserIdentity.UserName == "admin");
        }
        finally
        {
            Assert.True((await clock.ResetAsync(admin)).Succeeded);
        }

        Assert.Equal(TimeSpan.Zero, clock.Offset);
        Assert.Equal(HttpStatusCode.OK, (await s3.ListBucketsAsync(new ListBucketsRequest())).HttpStatusCode);
        Assert.Contains(await host.AuditEventsAsync("ResetWorkshopClock"), e => e.UserIdentity.UserName == "admin");
    }

    [Fact]
    public async Task WorkshopSeed_DemoBuckets_ListedWithObjects_AndCrossAccountReadByPolicy()
    {
        using var prodData = Client(await CredentialsAsync("ana.admin", "Prod Data"));
        var buckets = (await prodData.ListBucketsAsync(new ListBucketsRequest())).Buckets.Select(b => b.BucketName).ToList();
        Assert.Contains(WorkshopBuckets.AnalyticsBucket, buckets);
        Assert.Contains(WorkshopBuckets.SharedDatasetsBucket, buckets);
        var objects = await prodData.ListObjectsV2Async(new ListObjectsV2Request { BucketName = WorkshopBuckets.AnalyticsBucket });
        Assert.Contains(objects.S3Objects, o => o.Key == "Analytics/2026/q3-sales.csv");

        // The Dev account reads Prod Data's shared bucket through its bucket policy; Sandbox has no such grant.
        using var dev = Client(await CredentialsAsync("ana.admin", "Dev"));
        using (var got = await dev.GetObjectAsync(WorkshopBuckets.SharedDatasetsBucket, "README.txt"))
        using (var reader = new StreamReader(got.ResponseStream))
        {
            Assert.Contains("Dev account", await reader.ReadToEndAsync(), StringComparison.Ordinal);
        }

        using var sandbox = Client(await CredentialsAsync("ana.admin", "Sandbox"));
        var denied = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => sandbox.GetObjectAsync(WorkshopBuckets.SharedDatasetsBucket, "README.txt"));
        Assert.Equal("AccessDenied", denied.ErrorCode);
    }

    [Fact]
    public async Task DemoBuckets_EnsuredAgain_KeepWhatIsThere_AndReplaceABucketOfARemovedAccount()
    {
        await host.EnsureSeededAsync();
        var store = host.Services.GetRequiredService<S3ObjectStore>();
        var demo = host.Services.GetRequiredService<WorkshopBuckets>();
        var devOwner = (await store.FindBucketAsync("workshop-dev-scratch"))!.OwnerAccountId;
        var before = await store.ListObjectsAsync(WorkshopBuckets.AnalyticsBucket);

        // A bucket a reset's removed account left behind (its owner no longer exists) holds the demo name.
        await store.RemoveBucketAsync("workshop-dev-scratch");
        await store.CreateBucketAsync("workshop-dev-scratch", "999999999999");

        Assert.Equal(5, await demo.EnsureAsync());
        Assert.Equal(5, await demo.EnsureAsync());
        Assert.Equal(devOwner, (await store.FindBucketAsync("workshop-dev-scratch"))!.OwnerAccountId);
        Assert.NotNull(await store.HeadObjectAsync("workshop-dev-scratch", "notes/todo.txt"));
        Assert.Equal(before, await store.ListObjectsAsync(WorkshopBuckets.AnalyticsBucket));

        // A seed run again (already seeded) answers Conflict and leaves the buckets as they are.
        var again = await host.Services.SeedIdentityCenterWorkshopAsync(reset: false);
        Assert.Equal(OperationErrorKind.Conflict, again.ErrorKind);
        Assert.Equal(before, await store.ListObjectsAsync(WorkshopBuckets.AnalyticsBucket));
    }

    private IWorkshopClockService Clock() => host.Services.GetRequiredService<IWorkshopClockService>();

    private async Task<Actor> ActorAsync(string userName)
    {
        await host.EnsureSeededAsync();
        await using var scope = host.Services.CreateAsyncScope();
        var user = (await scope.ServiceProvider.GetRequiredService<IUserDirectoryService>().FindByUserNameAsync(userName))!;
        return new Actor(user.Id, user.UserName, "127.0.0.1", "tests/1.0");
    }

    private AmazonS3Client Client((string AccountId, RoleCredentials Credentials) c) =>
        new(new SessionAWSCredentials(c.Credentials.AccessKeyId, c.Credentials.SecretAccessKey, c.Credentials.SessionToken),
            new AmazonS3Config { ServiceURL = S3Url, ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    private async Task<(string AccountId, RoleCredentials Credentials)> CredentialsAsync(string userName, string accountName)
    {
        await host.EnsureSeededAsync();
        var (_, token, _) = await host.SignInCliAsync(userName);
        using var sso = host.SsoClient();
        var account = (await sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = token.AccessToken })).AccountList.Single(a => a.AccountName == accountName).AccountId;
        var role = (await sso.ListAccountRolesAsync(new ListAccountRolesRequest { AccessToken = token.AccessToken, AccountId = account })).RoleList[0].RoleName;
        var credentials = await sso.GetRoleCredentialsAsync(new GetRoleCredentialsRequest { AccessToken = token.AccessToken, AccountId = account, RoleName = role });
        return (account, credentials.RoleCredentials);
    }
}
