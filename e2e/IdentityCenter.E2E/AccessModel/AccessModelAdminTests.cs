using System.Text.RegularExpressions;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Organizations;
using IdentityCenter.E2E.Infrastructure;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Directory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityCenter.E2E.AccessModel;

/// <summary>
/// The administrator builds access from nothing in the browser: an OU and an account, a customer managed
/// policy (refused while its document has an error), a permission set using it, a group assignment and a
/// member, then checks the effective access and simulates one allowed and one SCP-denied action.
/// </summary>
public sealed class AccessModelAdminTests(BrowserFixture browser, AppServer server) : BrowserTest(browser, server), IClassFixture<AppServer>
{
    private const string AdminPassword = "Adm1n-new-Passw0rd!";
    private const string AccountId = "210987654321";
    private const string AccountName = "Analytics Dev";
    private const string UnitName = "Analytics";
    private const string PolicyName = "E2EBucketAccess";
    private const string PermissionSetName = "E2E-BucketAccess";
    private const string GroupName = "E2E-Analysts";
    private const string UserName = "dana";
    private const string UserDisplayName = "Dana Example";
    private const string ScpName = "E2E-NoBucketDeletion";
    private const string ScpStatementSid = "DenyBucketDeletion";

    // A missing comma after the Effect line: the parser reports it with line and column.
    private const string BrokenDocument = """
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow"
                    "Action": ["s3:GetObject", "s3:ListBucket", "s3:DeleteBucket"],
                    "Resource": "*"
                }
            ]
        }
        """;

    private const string FixedDocument = """
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": ["s3:GetObject", "s3:ListBucket", "s3:DeleteBucket"],
                    "Resource": "*"
                }
            ]
        }
        """;

    private const string ScpDocument = $$"""
        {
            "Version": "2012-10-17",
            "Statement": [
                { "Sid": "{{ScpStatementSid}}", "Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*" }
            ]
        }
        """;

    /// <summary>The person who gets access and the group, neither of which is the subject here (the directory tests cover creating them).</summary>
    private async Task<string> SeedUserAndGroupAsync()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var user = await services.GetRequiredService<IUserDirectoryService>()
            .CreateUserAsync(new CreateUserRequest(UserName, UserDisplayName, Email: "dana@example.com"), Actor.System);
        Assert.True(user.Succeeded, user.Summary);
        var group = await services.GetRequiredService<IGroupDirectoryService>()
            .CreateGroupAsync(new GroupInput(GroupName, "Access model end-to-end test"), Actor.System);
        Assert.True(group.Succeeded, group.Summary);
        return group.Value!.Id;
    }

    /// <summary>An SCP at the root that denies deleting buckets: the guardrail the simulator must name.</summary>
    private async Task AttachDenyingScpAtRootAsync()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var organization = scope.ServiceProvider.GetRequiredService<IOrganizationService>();
        var view = await organization.GetOrganizationAsync();
        Assert.NotNull(view);
        var scp = await organization.CreatePolicyAsync(
            new OrganizationPolicyInput(ScpName, "No bucket deletion anywhere", OrganizationPolicyType.ServiceControlPolicy, ScpDocument), Actor.System);
        Assert.True(scp.Succeeded, scp.Summary);
        var attached = await organization.AttachPolicyAsync(scp.Value!.Id, view.Organization.RootId, Actor.System);
        Assert.True(attached.Succeeded, attached.Summary);
    }

    /// <summary>MudSelect puts the id on a hidden input: open the select that holds it, then pick the option.</summary>
    private static async Task ChooseOptionAsync(IPage page, string selectId, string optionText)
    {
        await page.Locator($".mud-select:has(#{selectId}) .mud-input").First.ClickAsync();
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = optionText }).First.ClickAsync();
    }

    [Fact]
    public Task Admin_BuildsAccessFromOrganizationToSimulator_SimulatorAllowsOneActionAndNamesScpStatementForTheOther() => RunInPageAsync(async page =>
    {
        var groupId = await SeedUserAndGroupAsync();

        await AccountSteps.EnterPasswordAsync(page, AppServer.AdminUserName, AppServer.AdminBootstrapPassword);
        await AccountSteps.ChangePasswordAsync(page, AppServer.AdminBootstrapPassword, AdminPassword);
        await AccountSteps.EnrollTotpAsync(page, "Admin phone");
        await Expect(page.Locator("#signed-in-user")).ToHaveTextAsync(AppServer.AdminUserName);

        // The organization, then an OU under the root and an account in the OU.
        await page.GotoAsync("/admin/organization");
        await WaitForCircuitAsync(page);
        await page.Locator("#org-create-name").FillAsync("Management");
        await page.Locator("#org-create-email").FillAsync("management@example.com");
        await page.Locator("#org-create-id").FillAsync("111122223333");
        await page.Locator("#org-create-submit").ClickAsync();
        await Expect(page.Locator(".org-summary")).ToContainTextAsync("1 account(s)");

        await page.Locator("#org-create-ou").ClickAsync();
        await page.Locator("#org-ou-name").FillAsync(UnitName);
        await page.Locator("#org-form-submit").ClickAsync();
        var unitNode = page.Locator(".org-tree .mud-treeview-item-content").Filter(new() { HasTextRegex = new Regex($"^\\s*{UnitName}\\s*$") });
        await Expect(unitNode).ToBeVisibleAsync();
        await unitNode.ClickAsync();
        await Expect(page.Locator(".org-details-title")).ToHaveTextAsync(UnitName);

        await page.Locator("#org-create-account").ClickAsync();
        await page.Locator("#org-account-id").FillAsync(AccountId);
        await page.Locator("#org-account-name").FillAsync(AccountName);
        await page.Locator("#org-account-email").FillAsync("analytics-dev@example.com");
        await page.Locator("#org-form-submit").ClickAsync();
        await Expect(page.Locator(".org-tree").GetByText($"{AccountName} ({AccountId})")).ToBeVisibleAsync();
        await Expect(page.Locator(".org-summary")).ToContainTextAsync("2 account(s) · 1 OU(s)");

        await AttachDenyingScpAtRootAsync();

        // A customer managed policy in the new account: the error is shown inline and blocks saving until fixed.
        await page.GotoAsync("/admin/policies");
        await WaitForCircuitAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Customer managed" }).ClickAsync();
        await ChooseOptionAsync(page, "policies-account", $"{AccountName} ({AccountId})");
        await page.Locator("#policies-create").ClickAsync();
        await page.Locator("#policies-name").FillAsync(PolicyName);
        var document = page.Locator("#policies-document-text");
        await document.FillAsync(BrokenDocument);
        var error = page.Locator("#policies-document-findings .policy-editor-finding-error");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error.First.Locator(".policy-editor-finding-position")).ToHaveTextAsync(new Regex("^[67]:\\d+$"));
        await Expect(document).ToHaveAttributeAsync("aria-invalid", "true");
        await page.Locator("#policies-save").ClickAsync();
        await Expect(page.Locator("#policies-document-findings .policy-editor-external-error")).ToContainTextAsync("fix them before saving");
        await Expect(page.Locator(".policies-detail-title")).ToHaveCountAsync(0);

        await document.FillAsync(FixedDocument);
        await Expect(page.Locator("#policies-document-findings .policy-editor-valid")).ToBeVisibleAsync();
        await Expect(document).ToHaveAttributeAsync("aria-invalid", "false");
        await page.Locator("#policies-save").ClickAsync();
        await Expect(page.Locator(".policies-detail-title")).ToHaveTextAsync(PolicyName);
        await Expect(page.Locator(".policies-customer-name").Filter(new() { HasText = PolicyName })).ToBeVisibleAsync();

        // A permission set referencing that policy, with a four-hour session.
        await page.GotoAsync("/admin/permission-sets/new");
        await WaitForCircuitAsync(page);
        await page.Locator("#ps-name").FillAsync(PermissionSetName);
        await page.Locator("#ps-session-duration").FillAsync("PT4H");
        await page.Locator("#ps-customer-name").FillAsync(PolicyName);
        await page.Locator("#ps-customer-path").FillAsync("/");
        await page.Locator("#ps-customer-add").ClickAsync();
        await Expect(page.Locator(".ps-customer-list")).ToContainTextAsync(PolicyName);
        await page.Locator("#ps-save").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/permission-sets/(?!new)[^/]+$"));
        await WaitForCircuitAsync(page);
        await Expect(page.Locator(".ps-title")).ToHaveTextAsync(PermissionSetName);
        await Expect(page.Locator("#ps-session-duration")).ToHaveValueAsync("PT4H");

        // The assignment wizard: the account, the group, the permission set, review and submit.
        await page.Locator("#ps-assign").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/assignments/new"));
        await WaitForCircuitAsync(page);
        await page.Locator("#wizard-account-filter").FillAsync(AccountId);
        await page.Locator(".wizard-account").Filter(new() { HasText = AccountId }).Locator("input").CheckAsync();
        await Expect(page.Locator(".wizard-selected-count")).ToHaveTextAsync("1 account(s) selected");
        await page.Locator("#wizard-next").ClickAsync();

        var groupSearch = page.Locator("#wizard-group-search");
        await groupSearch.ClickAsync();
        await groupSearch.PressSequentiallyAsync("E2E", new() { Delay = 50 });
        await page.GetByRole(AriaRole.Button, new() { Name = $"Add group {GroupName}" }).ClickAsync();
        await Expect(page.Locator(".wizard-selected-principal")).ToContainTextAsync(GroupName);
        await page.Locator("#wizard-next").ClickAsync();

        var permissionSet = page.Locator(".wizard-permission-set").Filter(new() { HasText = PermissionSetName });
        await Expect(permissionSet).ToContainTextAsync("PT4H");
        await permissionSet.Locator("input").CheckAsync();
        await page.Locator("#wizard-next").ClickAsync();

        var reviewRow = page.Locator(".wizard-review-row").Filter(new() { HasText = GroupName });
        await Expect(reviewRow).ToContainTextAsync(PermissionSetName);
        await Expect(reviewRow).ToContainTextAsync(AccountId);
        await page.Locator("#wizard-create").ClickAsync();
        await Expect(page.Locator(".wizard-done")).ToContainTextAsync("Created 1 assignment(s)");
        await Expect(reviewRow.Locator(".wizard-result")).ToContainTextAsync("Created · provisioned");
        await Expect(page.Locator(".wizard-review-summary")).ToHaveCountAsync(0);
        await AccountSteps.ExpectNotificationCoversNoActionAsync(page);

        // The person joins the group.
        await page.GotoAsync($"/admin/groups/{Uri.EscapeDataString(groupId)}");
        await WaitForCircuitAsync(page);
        var search = page.GetByLabel("Find users to add");
        await search.ClickAsync();
        await search.PressSequentiallyAsync(UserName, new() { Delay = 50 });
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = UserDisplayName }).First.ClickAsync();
        await page.Locator(".members-add").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = UserName, Exact = true })).ToBeVisibleAsync();

        // Their effective access: the permission set in the account, through the group.
        await page.GotoAsync("/admin/access/matrix");
        await WaitForCircuitAsync(page);
        await page.Locator("#matrix-search").FillAsync(UserName);
        var userRow = page.Locator(".matrix-table tbody tr").Filter(new() { Has = page.Locator(".matrix-principal", new() { HasText = UserName }) });
        await Expect(userRow).ToHaveCountAsync(1);
        await Expect(userRow.Locator(".matrix-entry")).ToHaveTextAsync(new Regex($"^\\s*{PermissionSetName} \\(via group\\)\\s*$"));
        await Expect(page.Locator(".matrix-table thead")).ToContainTextAsync(AccountId);

        // The simulator: the identity policy allows both actions, the root SCP denies one and is named.
        await page.GotoAsync("/admin/simulator");
        await WaitForCircuitAsync(page);
        var user = page.Locator("#simulator-user");
        await user.ClickAsync();
        await user.PressSequentiallyAsync(UserName, new() { Delay = 50 });
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = UserDisplayName }).First.ClickAsync();
        await ChooseOptionAsync(page, "simulator-account", $"{AccountName} ({AccountId})");
        await page.Locator("#simulator-actions").FillAsync("s3:GetObject\ns3:DeleteBucket");
        await page.Locator("#simulator-resources").FillAsync("*");
        await page.Locator("#simulator-run").ClickAsync();

        var role = page.Locator(".simulator-role");
        await Expect(role).ToHaveCountAsync(1);
        await Expect(role.Locator(".simulator-role-title")).ToHaveTextAsync(PermissionSetName);
        var decisions = role.Locator(".simulator-decision-panel");
        await Expect(decisions).ToHaveCountAsync(2);

        var allowed = decisions.Filter(new() { Has = page.Locator(".simulator-action", new() { HasTextRegex = new Regex("^s3:GetObject$") }) });
        await Expect(allowed.Locator(".simulator-decision")).ToHaveClassAsync(new Regex("simulator-decision-allow"));
        await Expect(allowed.Locator(".simulator-decision")).ToHaveTextAsync("Allowed");
        await Expect(allowed.Locator(".simulator-statement-deciding .simulator-statement-policy")).ToContainTextAsync(PolicyName);

        var denied = decisions.Filter(new() { Has = page.Locator(".simulator-action", new() { HasTextRegex = new Regex("^s3:DeleteBucket$") }) });
        await Expect(denied.Locator(".simulator-decision")).ToHaveClassAsync(new Regex("simulator-decision-explicitdeny"));
        await Expect(denied.Locator(".simulator-decision")).ToHaveTextAsync("Explicitly denied");
        var deciding = denied.Locator(".simulator-statement-deciding");
        await Expect(deciding).ToHaveCountAsync(1);
        await Expect(deciding.Locator(".simulator-statement-sid")).ToHaveTextAsync(ScpStatementSid);
        await Expect(deciding.Locator(".simulator-statement-policy")).ToHaveTextAsync(ScpName);
        await Expect(deciding.Locator(".simulator-statement-effect")).ToHaveTextAsync("Deny");
        await Expect(deciding.Locator(".simulator-statement-label")).ToHaveTextAsync("SCPs, level 0 (root)");
        await Expect(denied.Locator(".simulator-step")).ToHaveCountAsync(0);
        await denied.Locator(".simulator-details-toggle").ClickAsync();
        var decidingStep = denied.Locator(".simulator-step").Filter(new() { Has = page.Locator(".simulator-step-decided") });
        await Expect(decidingStep).ToHaveCountAsync(1);
        await Expect(decidingStep).ToContainTextAsync("SCPs, level 0 (root)");
        await Expect(decidingStep.Locator(".simulator-step-outcome")).ToHaveTextAsync("explicitly denies");
    });
}
