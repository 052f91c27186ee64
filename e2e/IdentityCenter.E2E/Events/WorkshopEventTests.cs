using System.Net;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using IdentityCenter.Core.Audit;
using IdentityCenter.E2E.Infrastructure;
using IdentityCenter.Infrastructure.Access;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityCenter.E2E.Events;

/// <summary>
/// Issue 13's acceptance in the browser, as a trainer and an attendee new to the product would go through it: the trainer
/// creates a 30-person event in the console and gets the printable sign-in cards; an attendee signs in from one card (new
/// password, authenticator), reads credentials in the portal, lists a bucket with <c>AWSSDK.S3</c> and is denied a delete;
/// the room view shows the denial with its deciding statement; the trainer ends the event and the attendee's next request
/// fails.
/// </summary>
public sealed class WorkshopEventTests(BrowserFixture browser, AppServer server) : BrowserTest(browser, server), IClassFixture<AppServer>
{
    private const string AdminPassword = "Tra1ner-Adm1n-Pass!";
    private const string AttendeePassword = "Attendee-0wn-Pass!";

    /// <summary>Prod Web's demo bucket, with objects, for the attendees to list.</summary>
    private const string Bucket = "workshop-web-assets";

    /// <summary>The statement of the attendees' permission set that denies deleting objects.</summary>
    private const string DenySid = "NoDeletesInWorkshop";

    /// <summary>What the trainer prepared for the attendees: read S3, never delete an object.</summary>
    private const string AttendeePolicy = $$"""
        {"Version":"2012-10-17","Statement":[
          {"Sid":"ReadBuckets","Effect":"Allow","Action":["s3:ListAllMyBuckets","s3:ListBucket","s3:GetObject"],"Resource":"*"},
          {"Sid":"{{DenySid}}","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}
        """;

    [Fact]
    public Task Trainer_CreatesThirtyPersonEvent_AttendeeSignsInFromCard_ListsAndIsDeniedDelete_RoomShowsStatement_EndEventFailsNextRequest() => RunInPagesAsync(2, async pages =>
    {
        var (trainer, attendee) = (pages[0], pages[1]);

        // The workshop organization (the Prod Web account and its bucket) and the attendees' permission set.
        var seeded = await Server.Services.SeedIdentityCenterWorkshopAsync(reset: false);
        Assert.True(seeded.Succeeded, seeded.Summary);
        string prodWebId;
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            prodWebId = (await scope.ServiceProvider.GetRequiredService<IOrganizationService>().ListAccountsAsync()).Single(a => a.Name == "Prod Web").Id;
            var set = await scope.ServiceProvider.GetRequiredService<IPermissionSetService>().CreateAsync(
                new PermissionSetInput("WorkshopAttendee", "Workshop attendees: read S3, never delete", InlinePolicy: AttendeePolicy), Actor.System);
            Assert.True(set.Succeeded, set.Summary);
        }

        // The trainer's first sign-in: bootstrap password, a new one, an authenticator.
        await AccountSteps.EnterPasswordAsync(trainer, AppServer.AdminUserName, AppServer.AdminBootstrapPassword);
        await AccountSteps.ChangePasswordAsync(trainer, AppServer.AdminBootstrapPassword, AdminPassword);
        await AccountSteps.EnrollTotpAsync(trainer);
        await Expect(trainer.Locator("#signed-in-user")).ToHaveTextAsync(AppServer.AdminUserName);

        // A 30-person event: WorkshopAttendee in the shared Prod Web account.
        await trainer.GotoAsync("/admin/events");
        await WaitForCircuitAsync(trainer);
        await trainer.Locator(".field-name input").FillAsync("IAM basics");
        await trainer.Locator(".field-count input").FillAsync("30");
        await trainer.Locator(".field-prefix input").FillAsync("iam-");
        await trainer.Locator(".field-sets").ClickAsync();
        await trainer.GetByRole(AriaRole.Option).Filter(new() { HasText = "WorkshopAttendee" }).ClickAsync();
        await trainer.Keyboard.PressAsync("Escape");
        await trainer.Locator(".field-account").ClickAsync();
        await trainer.GetByRole(AriaRole.Option).Filter(new() { HasText = $"Prod Web ({prodWebId})" }).ClickAsync();
        await trainer.Locator("#event-create").ClickAsync();

        // The cards: 30, eight a sheet, and in print only the sheets.
        await Expect(trainer).ToHaveURLAsync(new Regex("/admin/events/[^/]+/cards$"), new() { Timeout = 30_000 });
        var eventId = Regex.Match(trainer.Url, "/admin/events/([^/]+)/cards$").Groups[1].Value;
        await Expect(trainer.Locator(".event-card")).ToHaveCountAsync(30);
        await Expect(trainer.Locator(".event-card-sheet")).ToHaveCountAsync(4);
        await trainer.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(trainer.Locator("#event-cards-print")).ToBeHiddenAsync();
        await Expect(trainer.Locator(".event-card").First).ToBeVisibleAsync();
        await trainer.EmulateMediaAsync(new() { Media = Media.Screen });
        var card = trainer.Locator(".event-card[data-user='iam-007']");
        var userName = await card.Locator(".event-card-user").InnerTextAsync();
        var oneTimePassword = (await card.Locator(".event-card-password").InnerTextAsync()).Trim();
        Assert.Equal("iam-007", userName.Trim());

        // The attendee, in a browser of their own, signs in from the card.
        await AccountSteps.EnterPasswordAsync(attendee, userName, oneTimePassword);
        await AccountSteps.ChangePasswordAsync(attendee, oneTimePassword, AttendeePassword);
        await AccountSteps.EnrollTotpAsync(attendee, "Attendee phone");
        await Expect(attendee.Locator("#signed-in-user")).ToHaveTextAsync(userName);

        // Credentials for WorkshopAttendee in Prod Web, read from the portal's dialog.
        await attendee.GotoAsync("/start");
        await WaitForCircuitAsync(attendee);
        var account = attendee.Locator($".ic-portal-account[data-account-id='{prodWebId}']");
        await account.Locator(".portal-account-toggle").ClickAsync();
        await account.Locator(".portal-role[data-role-name='WorkshopAttendee'] .portal-access-keys").ClickAsync();
        await Expect(attendee.Locator("#akid-Posix .ic-copy-text")).ToHaveTextAsync(new Regex("^ASIA[A-Z2-7]{16}$"));
        var credentials = new SessionAWSCredentials(
            (await attendee.Locator("#akid-Posix .ic-copy-text").InnerTextAsync()).Trim(),
            (await attendee.Locator("#secret-Posix .ic-copy-text").InnerTextAsync()).Trim(),
            (await attendee.Locator("#token-Posix .ic-copy-text").InnerTextAsync()).Trim());
        await attendee.Locator("#access-keys-close").ClickAsync();

        // AWSSDK.S3, unmodified, with an endpoint override: listing is allowed, deleting an object is denied.
        using var s3 = new AmazonS3Client(credentials, new AmazonS3Config
        {
            ServiceURL = new Uri(Server.BaseUrl, "aws/s3").ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket });
        Assert.Contains(listed.S3Objects, o => o.Key == "index.html");
        var denied = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = "index.html" }));
        Assert.Equal(("AccessDenied", HttpStatusCode.Forbidden), (denied.ErrorCode, denied.StatusCode));

        // The room view (it refreshes itself) shows the attendee's denial with the statement that decided it.
        await trainer.GotoAsync($"/admin/events/{eventId}/room");
        await WaitForCircuitAsync(trainer);
        var denial = trainer.Locator("#room-decisions .room-decision-denied").Filter(new() { HasText = "s3:DeleteObject" });
        await Expect(denial).ToHaveCountAsync(1);
        await Expect(denial).ToContainTextAsync(userName);
        await Expect(denial.Locator(".room-deciding")).ToContainTextAsync(DenySid);
        await Expect(trainer.Locator(".room-attendee[data-user='iam-007'] .room-latest-denied")).ToContainTextAsync(DenySid);

        // The trainer ends the event (asked first).
        await trainer.GotoAsync($"/admin/events/{eventId}");
        await WaitForCircuitAsync(trainer);
        await trainer.Locator("#event-end").ClickAsync();
        await trainer.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "End event" }).ClickAsync();
        await Expect(trainer.Locator(".event-status")).ToContainTextAsync("Ended");

        // The attendee's next request fails (the revocation takes effect within a second; retried briefly, never allowed after).
        AmazonS3Exception? refused = null;
        for (var attempt = 0; attempt < 20 && refused is null; attempt++)
        {
            try
            {
                await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket });
                await Task.Delay(100);
            }
            catch (AmazonS3Exception ex)
            {
                refused = ex;
            }
        }

        // S3's answer to a revoked session token, as AWS gives it: InvalidToken, 400.
        Assert.NotNull(refused);
        Assert.Equal(("InvalidToken", HttpStatusCode.BadRequest), (refused.ErrorCode, refused.StatusCode));
        await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket }));

        // And the room view says the event has ended.
        await trainer.GotoAsync($"/admin/events/{eventId}/room");
        await Expect(trainer.Locator("#room-ended")).ToBeVisibleAsync();
    });
}
