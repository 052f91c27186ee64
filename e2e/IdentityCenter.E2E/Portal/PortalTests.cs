using System.Text.RegularExpressions;
using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Audit;
using IdentityCenter.E2E.Infrastructure;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Directory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityCenter.E2E.Portal;

/// <summary>
/// The whole loop on the workshop organization: a person with a direct and a group assignment signs in,
/// sees both accounts, reads fresh credentials, tries actions in the playground (allowed by the
/// permission set, denied by an SCP), and loses the group-granted role the moment the assignment goes.
/// </summary>
public sealed class PortalTests(BrowserFixture browser, AppServer server) : BrowserTest(browser, server), IClassFixture<AppServer>
{
    private sealed record Setup(string ProdWebId, string SandboxId, string AdminSetId, string CloudAdminsGroupId);

    private async Task<Setup> SeedAsync()
    {
        var seeded = await Server.Services.SeedIdentityCenterWorkshopAsync(reset: false);
        Assert.True(seeded.Succeeded, seeded.Summary);
        await using var scope = Server.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var accounts = await services.GetRequiredService<IOrganizationService>().ListAccountsAsync();
        var sets = await services.GetRequiredService<IPermissionSetService>().ListAsync();
        var ana = await services.GetRequiredService<IUserDirectoryService>().FindByUserNameAsync("ana.admin");
        var groups = await services.GetRequiredService<IGroupDirectoryService>().ListGroupsAsync(new GroupQuery("Workshop-CloudAdmins"));
        var setup = new Setup(
            accounts.Single(a => a.Name == "Prod Web").Id,
            accounts.Single(a => a.Name == "Sandbox").Id,
            sets.Single(s => s.Name == "AdministratorAccess").Id,
            groups.Items.Single().Id);

        // A direct assignment next to the ones ana.admin has through Workshop-CloudAdmins.
        var readOnly = sets.Single(s => s.Name == "ReadOnly").Id;
        var direct = await services.GetRequiredService<IAssignmentService>()
            .CreateAsync(new AssignmentRequest(setup.SandboxId, readOnly, PrincipalType.User, ana!.Id), Actor.System);
        Assert.True(direct.Succeeded, direct.Summary);
        return setup;
    }

    private async Task<AuditEvent> AuditedAsync(string eventName, string userName)
    {
        await Server.Services.GetRequiredService<CredentialAuditBuffer>().FlushAsync();
        await using var scope = Server.Services.CreateAsyncScope();
        var events = await scope.ServiceProvider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(EventName: eventName, User: userName));
        return Assert.Single(events.Items);
    }

    [Fact]
    public Task User_GetsCredentials_PlaygroundAllowsAndScpDenies_RemovedGroupAssignmentStopsCredentials() => RunInPageAsync(async page =>
    {
        var setup = await SeedAsync();

        await AccountSteps.EnterPasswordAsync(page, "ana.admin", AccessModelServiceCollectionExtensions.WorkshopSeederPassword);
        await AccountSteps.EnrollTotpAsync(page);
        await Expect(page.Locator("#signed-in-user")).ToHaveTextAsync("ana.admin");

        // The portal lists every account, the direct one and those through the group.
        await page.GotoAsync("/start");
        await WaitForCircuitAsync(page);
        var sandbox = page.Locator($".ic-portal-account[data-account-id='{setup.SandboxId}']");
        await Expect(page.Locator($".ic-portal-account[data-account-id='{setup.ProdWebId}']")).ToBeVisibleAsync();
        await sandbox.Locator(".portal-account-toggle").ClickAsync();
        await Expect(sandbox.Locator(".portal-role[data-role-name='ReadOnly']")).ToBeVisibleAsync();
        await Expect(sandbox.Locator(".portal-role[data-role-name='AdministratorAccess']")).ToBeVisibleAsync();

        // Access keys: fresh, temporary, with an expiry.
        await sandbox.Locator(".portal-role[data-role-name='ReadOnly'] .portal-access-keys").ClickAsync();
        await Expect(page.Locator("#akid-Posix .ic-copy-text")).ToHaveTextAsync(new Regex("^ASIA[A-Z2-7]{16}$"));
        await Expect(page.Locator("#secret-Posix .ic-copy-text")).ToHaveTextAsync(new Regex("^\\S{40}$"));
        await Expect(page.Locator("#token-Posix .ic-copy-text")).ToHaveTextAsync(new Regex("^\\S{100,}$"));
        await Expect(page.Locator("#access-keys-expiration")).ToContainTextAsync("UTC");

        // The workshop's ReadOnly permission set lasts PT8H: the credentials expire 8 hours after issue.
        await Expect(page.Locator("#access-keys-countdown")).ToHaveTextAsync(new Regex("^(8h 00m|7h 59m)"));
        await page.Locator("#access-keys-close").ClickAsync();

        // Issued over the interactive circuit, the credentials are audited with the browser's address and user agent.
        var issued = await AuditedAsync(CredentialAuditNames.GetRoleCredentials, "ana.admin");
        Assert.Equal(("127.0.0.1", await page.EvaluateAsync<string>("navigator.userAgent")), (issued.SourceIpAddress, issued.UserAgent));
        Assert.Equal("ReadOnly", issued.RequestParameters["roleName"]);

        // Playground with the group-granted administrator role in a Prod account.
        await page.GotoAsync("/start/playground");
        await WaitForCircuitAsync(page);
        await page.Locator("#playground-role").ClickAsync();
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = $"Prod Web ({setup.ProdWebId}) · AdministratorAccess" }).ClickAsync();
        await page.Locator("#playground-get-credentials").ClickAsync();
        await Expect(page.Locator("#playground-credentials")).ToContainTextAsync("AWSReservedSSO_AdministratorAccess_");

        var bucket = page.Locator(".playground-resource").Filter(new() { Has = page.Locator(".playground-try[data-action='s3:DeleteBucket']") }).First;
        var objectRow = page.Locator(".playground-resource").Filter(new() { Has = page.Locator(".playground-try[data-action='s3:GetObject']") }).First;
        await objectRow.Locator(".playground-try[data-action='s3:GetObject']").ClickAsync();
        await Expect(page.Locator(".playground-result[data-decision='Allow']")).ToHaveCountAsync(1);

        await bucket.Locator(".playground-try[data-action='s3:DeleteBucket']").ClickAsync();
        var denied = page.Locator(".playground-result[data-decision='ExplicitDeny']");
        await Expect(denied).ToHaveCountAsync(1);
        await Expect(denied).ToContainTextAsync("DenyDeleteBucket");

        // The administrator removes the group assignment: the same credentials fail their next check.
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var removed = await scope.ServiceProvider.GetRequiredService<IAssignmentService>().DeleteAsync(
                new AssignmentRequest(setup.ProdWebId, setup.AdminSetId, PrincipalType.Group, setup.CloudAdminsGroupId), Actor.System);
            Assert.True(removed.Succeeded, removed.Summary);
        }

        await objectRow.Locator(".playground-try[data-action='s3:GetObject']").ClickAsync();
        await Expect(page.Locator(".playground-result[data-decision='TokenRevoked']")).ToHaveCountAsync(1);
        await Expect(page.Locator(".playground-result[data-decision='Allow']")).ToHaveCountAsync(1);
    });
}
