using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SSO.Model;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Credentials;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Aws.S3;

/// <summary>
/// The demo object store at <c>/aws/s3</c> on the real Kestrel host, called by the official SDKs (AWSSDK.S3 and boto3),
/// unmodified, with role credentials GetRoleCredentials issued: every request verified (SigV4, aws-chunked uploads,
/// presigned URLs) and decided by the shared evaluator with the permission set, SCPs and the bucket policy.
/// </summary>
public sealed class S3ApiTests(AwsApiHost host) : IClassFixture<AwsApiHost>
{
    private string S3Url => new Uri(host.BaseUrl, "aws/s3").ToString();

    [Fact]
    public async Task AwsSdk_CreatePutListGetHeadDelete_AsS3Answers()
    {
        var c = await CredentialsAsync("ana.admin", "Dev");
        using var s3 = Client(c);
        var bucket = Bucket("sdk");

        Assert.Equal(HttpStatusCode.OK, (await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket })).HttpStatusCode);
        var again = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }));
        Assert.Equal("BucketAlreadyOwnedByYou", again.ErrorCode);
        var invalid = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.PutBucketAsync(new PutBucketRequest { BucketName = "Not_Valid" }));
        Assert.Equal("InvalidBucketName", invalid.ErrorCode);
        Assert.Contains((await s3.ListBucketsAsync(new ListBucketsRequest())).Buckets, b => b.BucketName == bucket);

        var put = await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "docs/hello world.txt", ContentBody = "Hello, S3!", ContentType = "text/plain" });
        Assert.Equal(Md5ETag("Hello, S3!"u8), put.ETag);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "docs/b.txt", ContentBody = "b" });
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "top.txt", ContentBody = "t" });

        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "docs/" });
        Assert.Equal(["docs/b.txt", "docs/hello world.txt"], listed.S3Objects.Select(o => o.Key));
        var rolled = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Delimiter = "/" });
        Assert.Equal(["top.txt"], rolled.S3Objects.Select(o => o.Key));
        Assert.Equal(["docs/"], rolled.CommonPrefixes);
        var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, MaxKeys = 2 });
        Assert.True(page.IsTruncated);
        var next = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, MaxKeys = 2, ContinuationToken = page.NextContinuationToken });
        Assert.Equal(["docs/b.txt", "docs/hello world.txt", "top.txt"], page.S3Objects.Concat(next.S3Objects).Select(o => o.Key));

        using (var got = await s3.GetObjectAsync(bucket, "docs/hello world.txt"))
        using (var reader = new StreamReader(got.ResponseStream))
        {
            Assert.Equal("Hello, S3!", await reader.ReadToEndAsync());
            Assert.Equal("text/plain", got.Headers.ContentType);
            Assert.Equal(put.ETag, got.ETag);
        }

        var head = await s3.GetObjectMetadataAsync(bucket, "docs/hello world.txt");
        Assert.Equal(10, head.ContentLength);

        Assert.Equal(HttpStatusCode.NoContent, (await s3.DeleteObjectAsync(bucket, "docs/hello world.txt")).HttpStatusCode);
        var gone = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync(bucket, "docs/hello world.txt"));
        Assert.Equal("NoSuchKey", gone.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var noBucket = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync(Bucket("missing"), "x"));
        Assert.Equal("NoSuchBucket", noBucket.ErrorCode);
    }

    [Fact]
    public async Task PermissionSetWithoutPutObject_AccessDenied_AndAudited()
    {
        var admin = await CredentialsAsync("ana.admin", "Log Archive");
        using var owner = Client(admin);
        var bucket = Bucket("audit");
        await owner.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        await owner.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "report.csv", ContentBody = "a,b" });

        // eve.audit holds ReadOnly (AWS ReadOnlyAccess: s3:Get*, s3:List*) in the same account.
        using var reader = Client(await CredentialsAsync("eve.audit", "Log Archive"));
        using (var got = await reader.GetObjectAsync(bucket, "report.csv"))
        {
            Assert.Equal(HttpStatusCode.OK, got.HttpStatusCode);
        }

        var denied = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => reader.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "report.csv", ContentBody = "changed" }));
        Assert.Equal("AccessDenied", denied.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains($"is not authorized to perform: s3:PutObject on resource: \"arn:aws:s3:::{bucket}/report.csv\"", denied.Message, StringComparison.Ordinal);

        var events = await host.AuditEventsAsync(CredentialAuditNames.Authorize);
        Assert.Contains(events, e => e.ErrorCode == "AccessDenied" && e.TargetUserName == "eve.audit"
            && e.RequestParameters["action"] == "s3:PutObject" && e.RequestParameters["resource"] == $"arn:aws:s3:::{bucket}/report.csv");
    }

    [Fact]
    public async Task ScpDeny_WinsOverAdministratorAccess()
    {
        var c = await CredentialsAsync("ana.admin", "Sandbox");
        using var s3 = Client(c);
        var bucket = Bucket("scp");
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "before.txt", ContentBody = "ok" });

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var organizations = scope.ServiceProvider.GetRequiredService<IOrganizationService>();
            var document = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:PutObject","Resource":"arn:aws:s3:::{{bucket}}/*"}]}""";
            var scp = await organizations.CreatePolicyAsync(new OrganizationPolicyInput("DenyPut-" + bucket, "S3 test", OrganizationPolicyType.ServiceControlPolicy, document), Actor.System);
            Assert.True(scp.Succeeded, scp.Summary);
            var attached = await organizations.AttachPolicyAsync(scp.Value!.Id, c.AccountId, Actor.System);
            Assert.True(attached.Succeeded, attached.Summary);
        }

        var denied = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "after.txt", ContentBody = "no" }));
        Assert.Equal("AccessDenied", denied.ErrorCode);
        using var got = await s3.GetObjectAsync(bucket, "before.txt");
        Assert.Equal(HttpStatusCode.OK, got.HttpStatusCode);
    }

    [Fact]
    public async Task ScpOnRequestedRegion_DecidesOnTheRegionTheRequestWasSignedFor()
    {
        // A region guard written without a Null guard (StringNotEquals on a missing key is true, so it would deny every
        // request that carries no aws:RequestedRegion): S3 sets the key to the region in the signature's credential scope.
        var c = await CredentialsAsync("ana.admin", "Sandbox");
        var bucket = Bucket("region");
        using (var setup = Client(c))
        {
            await setup.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var organizations = scope.ServiceProvider.GetRequiredService<IOrganizationService>();
            var document = $$$$"""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:PutObject","Resource":"arn:aws:s3:::{{{{bucket}}}}/*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}""";
            var scp = await organizations.CreatePolicyAsync(new OrganizationPolicyInput("OnlyEuWest1-" + bucket, "S3 region test", OrganizationPolicyType.ServiceControlPolicy, document), Actor.System);
            Assert.True(scp.Succeeded, scp.Summary);
            var attached = await organizations.AttachPolicyAsync(scp.Value!.Id, c.AccountId, Actor.System);
            Assert.True(attached.Succeeded, attached.Summary);
        }

        var credentials = new SessionAWSCredentials(c.Credentials.AccessKeyId, c.Credentials.SecretAccessKey, c.Credentials.SessionToken);
        using var usEast1 = new AmazonS3Client(credentials, Config());
        var denied = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => usEast1.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "us.txt", ContentBody = "no" }));
        Assert.Equal("AccessDenied", denied.ErrorCode);

        var euConfig = Config();
        euConfig.AuthenticationRegion = "eu-west-1";
        using var euWest1 = new AmazonS3Client(credentials, euConfig);
        var put = await euWest1.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "eu.txt", ContentBody = "ok" });
        Assert.Equal(HttpStatusCode.OK, put.HttpStatusCode);
    }

    [Fact]
    public async Task BucketPolicy_GrantsAnotherAccountsRole_CrossAccount()
    {
        var ownerCredentials = await CredentialsAsync("ana.admin", "Prod Data");
        var other = await CredentialsAsync("ana.admin", "Prod Web");
        using var owner = Client(ownerCredentials);
        using var stranger = Client(other);
        var bucket = Bucket("shared");
        await owner.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        await owner.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "data.json", ContentBody = "{}" });

        // AdministratorAccess in its own account does not reach a bucket of another account without the bucket's consent.
        var denied = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => stranger.GetObjectAsync(bucket, "data.json"));
        Assert.Equal("AccessDenied", denied.ErrorCode);
        var malformed = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => owner.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = "{\"Statement\":42}" }));
        Assert.Equal("MalformedPolicy", malformed.ErrorCode);

        var policy = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{other.AccountId}}:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bucket}}/*"}]}""";
        await owner.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = policy });
        Assert.Equal(policy, (await owner.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket })).Policy);

        using (var got = await stranger.GetObjectAsync(bucket, "data.json"))
        using (var reader = new StreamReader(got.ResponseStream))
        {
            Assert.Equal("{}", await reader.ReadToEndAsync());
        }

        // The policy grants reading only.
        var write = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => stranger.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "data.json", ContentBody = "x" }));
        Assert.Equal("AccessDenied", write.ErrorCode);
    }

    [Fact]
    public async Task TamperedSignature_SignatureDoesNotMatch()
    {
        var c = await CredentialsAsync("ana.admin", "Dev");
        using var wrong = new AmazonS3Client(new SessionAWSCredentials(c.Credentials.AccessKeyId, new string('x', 40), c.Credentials.SessionToken), Config());
        var refused = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => wrong.ListBucketsAsync(new ListBucketsRequest()));
        Assert.Equal("SignatureDoesNotMatch", refused.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var http = new HttpClient();
        var unsigned = await http.GetAsync(S3Url);
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        Assert.Contains("<Code>AccessDenied</Code>", await unsigned.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsupportedSubresource_NotImplemented_AndSignatureVersion2_InvalidRequest()
    {
        var c = await CredentialsAsync("ana.admin", "Dev");
        using var s3 = Client(c);
        var bucket = Bucket("sub");
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });

        var acl = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket }));
        Assert.Equal("NotImplemented", acl.ErrorCode);
        Assert.Equal(HttpStatusCode.NotImplemented, acl.StatusCode);
        Assert.Contains("?acl", acl.Message, StringComparison.Ordinal);

        using var http = new HttpClient();
        var v2 = await http.GetAsync($"{S3Url}/{bucket}/k?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1893456000&Signature=x%3D");
        Assert.Equal(HttpStatusCode.BadRequest, v2.StatusCode);
        var body = await v2.Content.ReadAsStringAsync();
        Assert.Contains("<Code>InvalidRequest</Code>", body, StringComparison.Ordinal);
        Assert.Contains("AWS4-HMAC-SHA256", body, StringComparison.Ordinal);
    }

    [BotocoreFact]
    public async Task Boto3_CreatePutListGetHeadDelete_AndPresignedGet()
    {
        var c = await CredentialsAsync("ana.admin", "Dev");
        var bucket = Bucket("boto");
        const string script = """
            import json, os, sys, urllib.request, urllib.error, boto3
            from botocore.config import Config
            from botocore.exceptions import ClientError
            s3 = boto3.client("s3", endpoint_url=os.environ["S3_URL"], region_name="us-east-1",
                              config=Config(s3={"addressing_style": "path"}, signature_version="s3v4", retries={"total_max_attempts": 1}))
            b = os.environ["BUCKET"]
            out = {}
            s3.create_bucket(Bucket=b)
            out["headBucket"] = s3.head_bucket(Bucket=b)["ResponseMetadata"]["HTTPStatusCode"]
            try:
                s3.head_bucket(Bucket=b + "-missing")
            except ClientError as e:
                out["headMissing"] = e.response["Error"]["Code"]
            out["put"] = s3.put_object(Bucket=b, Key="a/x.txt", Body=b"boto3 body")["ETag"]
            s3.put_object(Bucket=b, Key="a/y.txt", Body=b"y" * 70000)
            out["list"] = [o["Key"] for o in s3.list_objects_v2(Bucket=b, Prefix="a/")["Contents"]]
            out["get"] = s3.get_object(Bucket=b, Key="a/x.txt")["Body"].read().decode()
            out["big"] = len(s3.get_object(Bucket=b, Key="a/y.txt")["Body"].read())
            out["head"] = s3.head_object(Bucket=b, Key="a/x.txt")["ContentLength"]
            try:
                s3.get_bucket_policy(Bucket=b)
            except ClientError as e:
                out["noPolicy"] = e.response["Error"]["Code"]
            url = s3.generate_presigned_url("get_object", Params={"Bucket": b, "Key": "a/x.txt"}, ExpiresIn=60)
            try:
                with urllib.request.urlopen(url) as r:
                    out["presigned"] = r.read().decode()
            except urllib.error.HTTPError as e:
                out["presigned"] = e.read().decode() + " " + url
            # The aws-chunked upload with an unsigned CRC32 trailer that boto3 sends over https (forced here over http).
            def force_trailer(params, **kwargs):
                algorithm = params["context"].get("checksum", {}).get("request_algorithm")
                if isinstance(algorithm, dict):
                    algorithm["in"] = "trailer"
            s3.meta.events.register("before-call.s3.PutObject", force_trailer)
            s3.put_object(Bucket=b, Key="a/t.txt", Body=b"trailer body")
            s3.meta.events.unregister("before-call.s3.PutObject", force_trailer)
            out["trailer"] = s3.get_object(Bucket=b, Key="a/t.txt")["Body"].read().decode()
            try:
                s3.put_object(Bucket=b, Key="a/bad.txt", Body=b"body", ChecksumCRC32="AAAAAA==")
            except ClientError as e:
                out["badDigest"] = e.response["Error"]["Code"]
            s3.delete_object(Bucket=b, Key="a/x.txt")
            try:
                s3.head_object(Bucket=b, Key="a/x.txt")
            except ClientError as e:
                out["headGone"] = e.response["Error"]["Code"]
            print(json.dumps(out))
            """;
        var (exitCode, output, errors) = await ExternalTool.RunAsync("python3", ["-c", script], new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = c.Credentials.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = c.Credentials.SecretAccessKey,
            ["AWS_SESSION_TOKEN"] = c.Credentials.SessionToken,
            ["S3_URL"] = S3Url,
            ["BUCKET"] = bucket,
        });
        Assert.True(exitCode == 0, errors + output);

        var result = JsonNode.Parse(output)!;
        Assert.Equal(Md5ETag("boto3 body"u8), result["put"]!.GetValue<string>());
        Assert.Equal("[\"a/x.txt\",\"a/y.txt\"]", result["list"]!.ToJsonString());
        Assert.Equal("boto3 body", result["get"]!.GetValue<string>());
        Assert.Equal(70000, result["big"]!.GetValue<int>());
        Assert.Equal(10, result["head"]!.GetValue<int>());
        Assert.True(result["presigned"]!.GetValue<string>() == "boto3 body", result["presigned"]!.GetValue<string>());
        Assert.Equal("404", result["headGone"]!.GetValue<string>());
        Assert.Equal("NoSuchBucketPolicy", result["noPolicy"]!.GetValue<string>());
        Assert.Equal("trailer body", result["trailer"]!.GetValue<string>());
        Assert.Equal(200, result["headBucket"]!.GetValue<int>());
        Assert.Equal("404", result["headMissing"]!.GetValue<string>());
        Assert.Equal("BadDigest", result["badDigest"]!.GetValue<string>());
    }

#pragma warning disable CA5351 // S3's ETag is the MD5 of the content.
    private static string Md5ETag(ReadOnlySpan<byte> content) => "\"" + Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(content)) + "\"";
#pragma warning restore CA5351

    private static string Bucket(string purpose) => $"{purpose}-{Guid.NewGuid():N}"[..Math.Min(40, purpose.Length + 33)];

    private AmazonS3Config Config() => new() { ServiceURL = S3Url, ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 };

    private AmazonS3Client Client((string AccountId, RoleCredentials Credentials) c) =>
        new(new SessionAWSCredentials(c.Credentials.AccessKeyId, c.Credentials.SecretAccessKey, c.Credentials.SessionToken), Config());

    /// <summary>The user's role credentials in the workshop account of that name (the user's first role there).</summary>
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
