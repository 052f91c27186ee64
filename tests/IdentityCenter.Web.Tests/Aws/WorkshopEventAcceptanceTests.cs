using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SSO.Model;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Events;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Aws;

/// <summary>
/// Issue 13's acceptance, as a trainer and an attendee would go through it on the real host (Kestrel, the AWS SDKs unmodified):
/// a 30-person event, an attendee signs in from their card and gets credentials, lists a bucket with AWSSDK.S3 and is denied a
/// delete, the room view shows the denial with its deciding statement, the trainer ends the event and the attendee's next
/// request fails.
/// </summary>
public sealed class WorkshopEventAcceptanceTests(AwsApiHost host) : IClassFixture<AwsApiHost>
{
    private const string DenySid = "NoDeletesInWorkshop";

    [Fact]
    public async Task ThirtyPersonEvent_SignIn_ListAllowed_DeleteDeniedInRoomView_EndEvent_NextRequestFails()
    {
        await host.EnsureSeededAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];

        // The trainer's bucket in the shared Sandbox account (created with an administrator's credentials), with one object.
        var (sandbox, admin) = await CredentialsAsync("ana.admin", "Sandbox", null);
        var bucket = "workshop-" + suffix;
        using (var owner = Client(admin))
        {
            await owner.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
            await owner.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "welcome.txt", ContentBody = "Welcome to the workshop" });
        }

        // The trainer creates a permission set (read S3, never delete) and a 30-person event in the Sandbox account.
        string eventId;
        WorkshopCard card;
        string permissionSetName = "WorkshopS3Read" + suffix;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var policy = $$"""
                {"Version":"2012-10-17","Statement":[
                  {"Sid":"ReadBuckets","Effect":"Allow","Action":["s3:ListAllMyBuckets","s3:ListBucket","s3:GetObject"],"Resource":"*"},
                  {"Sid":"{{DenySid}}","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}
                """;
            var set = await scope.ServiceProvider.GetRequiredService<IPermissionSetService>()
                .CreateAsync(new PermissionSetInput(permissionSetName, "Workshop attendees: read S3, never delete", InlinePolicy: policy), Actor.System);
            Assert.True(set.Succeeded, set.Summary);
            var now = host.Time.GetUtcNow();
            var created = await scope.ServiceProvider.GetRequiredService<IWorkshopEventService>().CreateAsync(
                new WorkshopEventInput("Acceptance " + suffix, now, now.AddHours(3), 30, "acc" + suffix[..5], [], [set.Value!.PermissionSet.Id], WorkshopAccountMode.SharedAccount, sandbox),
                Actor.System);
            Assert.True(created.Succeeded, created.Summary);
            Assert.Equal(30, created.Value!.Cards.Count);
            eventId = created.Value.EventId;
            card = created.Value.Cards[0];

            // The card's one-time password is the attendee's password.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityCenter.Infrastructure.Identity.ApplicationUser>>();
            Assert.True(await users.CheckPasswordAsync((await users.FindByIdAsync(card.UserId))!, card.OneTimePassword));
        }

        // The attendee signs in (the CLI's device sign-in, approved in their portal session) and gets credentials for the event's role.
        var (_, attendee) = await CredentialsAsync(card.UserName, null, permissionSetName);
        using var s3 = Client(attendee);
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        Assert.Equal(["welcome.txt"], listed.S3Objects.Select(o => o.Key));
        var denied = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.DeleteObjectAsync(bucket, "welcome.txt"));
        Assert.Equal("AccessDenied", denied.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);

        // The room view: 30 attendees, this one signed in with credentials, the denial with the statement that decided it.
        var room = await SnapshotAsync(eventId);
        Assert.Equal(30, room.Counts.Attendees);
        Assert.False(room.Ended);
        var me = room.Attendees.Single(a => a.UserId == card.UserId);
        Assert.True(me.SignedIn);
        Assert.Equal(1, me.CredentialsIssued);
        Assert.Equal(1, me.DeniedRequests);
        Assert.True(room.Counts.DeniedRequests >= 1);
        var deny = me.LatestDenied!;
        Assert.Equal(("s3:DeleteObject", $"arn:aws:s3:::{bucket}/welcome.txt", Decision.ExplicitDeny), (deny.Action, deny.Resource, deny.Decision));
        Assert.Equal(DenySid, deny.DecidingStatement?.Sid);
        Assert.Equal("s3:ListBucket", me.LatestAllowed?.Action);
        Assert.Contains(room.LatestDecisions, d => d.UserId == card.UserId && d.DecidingStatement?.Sid == DenySid);

        // The trainer ends the event: the attendee's very next request fails, and the room view says the event ended.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var ended = await scope.ServiceProvider.GetRequiredService<IWorkshopEventService>().EndAsync(eventId, Actor.System);
            Assert.True(ended.Succeeded, ended.Summary);
        }

        var refused = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket }));
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        var after = await SnapshotAsync(eventId);
        Assert.True(after.Ended);
        Assert.Contains(AttendeeProblem.Disabled, after.Attendees.Single(a => a.UserId == card.UserId).Problems);
    }

    private async Task<RoomSnapshot> SnapshotAsync(string eventId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var snapshot = await scope.ServiceProvider.GetRequiredService<IRoomViewService>().GetEventSnapshotAsync(eventId);
        Assert.NotNull(snapshot);
        return snapshot;
    }

    private AmazonS3Client Client(RoleCredentials c) =>
        new(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken),
            new AmazonS3Config { ServiceURL = new Uri(host.BaseUrl, "aws/s3").ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    /// <summary>Signs the user in as the CLI does and gets credentials: in the account of that name, or for the role named after that permission set.</summary>
    private async Task<(string AccountId, RoleCredentials Credentials)> CredentialsAsync(string userName, string? accountName, string? permissionSetName)
    {
        var (_, token, _) = await host.SignInCliAsync(userName);
        using var sso = host.SsoClient();
        var accounts = (await sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = token.AccessToken })).AccountList;
        foreach (var account in accounts.Where(a => accountName is null || a.AccountName == accountName))
        {
            var roles = (await sso.ListAccountRolesAsync(new ListAccountRolesRequest { AccessToken = token.AccessToken, AccountId = account.AccountId })).RoleList;
            if (roles.FirstOrDefault(r => permissionSetName is null || r.RoleName == permissionSetName) is { } role)
            {
                var credentials = await sso.GetRoleCredentialsAsync(new GetRoleCredentialsRequest { AccessToken = token.AccessToken, AccountId = account.AccountId, RoleName = role.RoleName });
                return (account.AccountId, credentials.RoleCredentials);
            }
        }

        throw new InvalidOperationException($"{userName} has no role {permissionSetName ?? "at all"} in {accountName ?? "any account"}.");
    }
}
