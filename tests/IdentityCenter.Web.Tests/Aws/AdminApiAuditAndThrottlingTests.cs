using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Audit;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Aws;

/// <summary>
/// Every administrative API call lands in the audit log exactly once, as CloudTrail records it (event source of the
/// service, the operation, the caller with the access key id), and a client over the administration rate limit gets the
/// throttling error its SDK retries on.
/// </summary>
public sealed class AdminApiAuditTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    private const string StoreId = "d-1234567890";

    private async Task<IReadOnlyList<AuditEvent>> EventsAsync(string eventName)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(EventName: eventName, PageSize: 500));
        return page.Items;
    }

    [PythonFact]
    public async Task Read_OneEventByTheDispatcher_EventSourceOperationAccessKeyAndParameters()
    {
        var before = (await EventsAsync("ListUsers")).Count;

        Boto3.Ok(Boto3.Call("identitystore", host.IdentityStoreUrl, "list_users", new { IdentityStoreId = StoreId, MaxResults = 7 }, AdminApiHost.BootstrapKeyId, AdminApiHost.BootstrapSecret, region: "eu-central-1"));

        var events = await EventsAsync("ListUsers");
        Assert.Equal(before + 1, events.Count);
        var e = events[0];
        Assert.Equal(AuditEventSources.IdentityStore, e.EventSource);
        Assert.Equal("admin", e.UserIdentity.UserName);
        Assert.Equal(AdminApiHost.BootstrapKeyId, e.UserIdentity.AccessKeyId);
        Assert.Equal(StoreId, e.RequestParameters["IdentityStoreId"]);
        Assert.Equal("7", e.RequestParameters["MaxResults"]);
        Assert.Equal("eu-central-1", e.AdditionalEventData["awsRegion"]);
        Assert.StartsWith("Boto3/", e.UserAgent, StringComparison.Ordinal);
        Assert.Null(e.ErrorCode);

        // The exported CloudTrail record names the key as CloudTrail does.
        var shape = AuditLog.ToCloudTrailShape(e);
        Assert.Equal(AdminApiHost.BootstrapKeyId, ((Dictionary<string, string?>)shape["userIdentity"]!)["accessKeyId"]);
    }

    [PythonFact]
    public async Task Write_TheServicesOwnEventOnly_CarryingTheAccessKey()
    {
        var name = "audited-" + Guid.NewGuid().ToString("N")[..8];
        var before = (await EventsAsync(AuditEventNames.CreateGroup)).Count;

        Boto3.Ok(Boto3.Call("identitystore", host.IdentityStoreUrl, "create_group", new { IdentityStoreId = StoreId, DisplayName = name }, AdminApiHost.BootstrapKeyId, AdminApiHost.BootstrapSecret));

        var events = await EventsAsync(AuditEventNames.CreateGroup);
        Assert.Equal(before + 1, events.Count);
        Assert.Equal(AdminApiHost.BootstrapKeyId, events[0].UserIdentity.AccessKeyId);
        Assert.Equal("admin", events[0].UserIdentity.UserName);

        // A refused write (the service stores nothing) is still one event, with the error.
        var refused = Boto3.Call("identitystore", host.IdentityStoreUrl, "create_group", new { IdentityStoreId = StoreId, DisplayName = name }, AdminApiHost.BootstrapKeyId, AdminApiHost.BootstrapSecret);
        Boto3.AssertError(refused, "ConflictException");
        events = await EventsAsync(AuditEventNames.CreateGroup);
        Assert.Equal(before + 2, events.Count);
        Assert.Equal("ConflictException", events[0].ErrorCode);
        Assert.Equal(AdminApiHost.BootstrapKeyId, events[0].UserIdentity.AccessKeyId);
    }
}

/// <summary>The administration rate limit (<c>IdentityCenter:RateLimits:Administration</c>) answered as each service's model names it.</summary>
public sealed class AdminApiThrottlingTests(AdminApiThrottlingTests.Host host) : IClassFixture<AdminApiThrottlingTests.Host>
{
    /// <summary>Two administrative calls per client in a window no test sees end.</summary>
    public sealed class Host() : AdminApiHost(new Dictionary<string, string>
    {
        ["IdentityCenter:RateLimits:Administration:PermitLimit"] = "2",
        ["IdentityCenter:RateLimits:Administration:Window"] = "01:00:00",
    });

    [PythonFact]
    public void OverTheLimit_ThrottlingException_And_TooManyRequestsException_ForOrganizations()
    {
        var result = Boto3.Script("identitystore", host.IdentityStoreUrl.Replace("test-identitystore", "identitystore", StringComparison.Ordinal), AdminApiHost.BootstrapKeyId, AdminApiHost.BootstrapSecret, """
            import botocore.session
            out = [call("list_users", IdentityStoreId="d-1234567890") for _ in range(3)]
            orgs = boto3.client("organizations", endpoint_url=args["orgs"], region_name="us-east-1", aws_access_key_id=_a["key"],
                                aws_secret_access_key=_a["secret"], config=Config(retries={"total_max_attempts": 1}))
            try:
                orgs.describe_organization()
                out.append({"ok": True})
            except ClientError as e:
                out.append({"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"], "type": e.response.get("Type")})
            print(json.dumps(out))
            """, new { orgs = new Uri(host.BaseUrl, "aws/organizations").ToString() });

        // The first two pass the limiter (whatever the operation answers); the third is throttled.
        Assert.NotEqual("ThrottlingException", result[0].TryGetProperty("code", out var first) ? first.GetString() : null);
        Assert.NotEqual("ThrottlingException", result[1].TryGetProperty("code", out var second) ? second.GetString() : null);
        Assert.Contains("Wait 3600 seconds", Boto3.AssertError(result[2], "ThrottlingException"), StringComparison.Ordinal);
        Assert.Equal("TooManyRequestsException", result[3].GetProperty("code").GetString());
        Assert.Equal("RequestLimitExceeded", result[3].GetProperty("type").GetString());
    }

    [Fact]
    public void ThrottlingError_OnlyForTheAdministrativePaths()
    {
        Assert.Equal("ThrottlingException", AwsAdministrationEndpoints.ThrottlingError("/aws/sso-admin", "m")!.Code);
        Assert.Equal("TooManyRequestsException", AwsAdministrationEndpoints.ThrottlingError("/aws/organizations", "m")!.Code);
        Assert.Null(AwsAdministrationEndpoints.ThrottlingError("/aws/sso", "m"));
    }
}
