using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IdentityCenter.E2E.Infrastructure;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityCenter.E2E.Cli;

/// <summary>
/// The AWS CLI's device sign-in, with a real browser on the approval page: the link the CLI opens asks for the
/// password and the authenticator code, a wrong code says so, the page names the client and the code, Allow
/// lets the CLI's next CreateToken succeed.
/// </summary>
public sealed class DeviceApprovalTests(BrowserFixture browser, AppServer server) : BrowserTest(browser, server), IClassFixture<AppServer>
{
    [Fact]
    public Task DeviceCode_ApprovedInTheBrowserWithPasswordAndMfa_CliGetsItsToken() => RunInPageAsync(async page =>
    {
        var seeded = await Server.Services.SeedIdentityCenterWorkshopAsync(reset: false);
        Assert.True(seeded.Succeeded, seeded.Summary);

        // First sign-in registers the authenticator app; then sign out, as a person who comes back later.
        await AccountSteps.EnterPasswordAsync(page, "ben.dev", AccessModelServiceCollectionExtensions.WorkshopSeederPassword);
        var (key, enrolStep) = await AccountSteps.EnrollTotpAsync(page);
        await Expect(page.Locator("#signed-in-user")).ToHaveTextAsync("ben.dev");
        await AccountSteps.SignOutAsync(page);

        // What the CLI does: register, start a device authorization, poll once.
        using var cli = new HttpClient { BaseAddress = Server.BaseUrl };
        var client = await PostAsync(cli, "aws/oidc/client/register", new { clientName = "aws-cli-e2e", clientType = "public", scopes = new[] { "sso:account:access" } });
        var device = await PostAsync(cli, "aws/oidc/device_authorization", new { clientId = Text(client, "clientId"), clientSecret = Text(client, "clientSecret"), startUrl = new Uri(Server.BaseUrl, "start").ToString() });
        var poll = new { clientId = Text(client, "clientId"), clientSecret = Text(client, "clientSecret"), grantType = "urn:ietf:params:oauth:grant-type:device_code", deviceCode = Text(device, "deviceCode") };
        var pending = await cli.PostAsJsonAsync(new Uri("aws/oidc/token", UriKind.Relative), poll);
        Assert.Equal("AuthorizationPendingException", pending.Headers.GetValues("x-amzn-ErrorType").Single());

        // The link the CLI opens: sign in with password and authenticator code, then come back to the page.
        await page.GotoAsync(Text(device, "verificationUriComplete"));
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await page.GetByLabel("User name").FillAsync("ben.dev");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(AccessModelServiceCollectionExtensions.WorkshopSeederPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await AccountSteps.EnterTotpAsync(page, key, enrolStep + 1);
        await Expect(page).ToHaveURLAsync(new Regex("/device\\?user_code="));
        await Expect(page.Locator("#consent-client")).ToHaveTextAsync("aws-cli-e2e");
        await Expect(page.Locator("#consent-user-code")).ToHaveTextAsync(Text(device, "userCode"));

        // A mistyped code says so and lets the person type it again.
        await page.GotoAsync("/device?user_code=BCDF-GHJK");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That code is not valid");
        await page.GetByLabel("Code").FillAsync(Text(device, "userCode").ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Allow access?" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await Expect(page.Locator("#consent-done")).ToContainTextAsync("aws-cli-e2e can now use your sign-in");

        var token = await cli.PostAsJsonAsync(new Uri("aws/oidc/token", UriKind.Relative), poll);
        Assert.True(token.IsSuccessStatusCode, await token.Content.ReadAsStringAsync());
        var accessToken = Text(JsonNode.Parse(await token.Content.ReadAsStringAsync())!, "accessToken");
        using var accounts = new HttpRequestMessage(HttpMethod.Get, "aws/sso/assignment/accounts");
        accounts.Headers.Add("x-amz-sso_bearer_token", accessToken);
        var listed = await cli.SendAsync(accounts);
        Assert.True(listed.IsSuccessStatusCode, await listed.Content.ReadAsStringAsync());
        Assert.NotEmpty(JsonNode.Parse(await listed.Content.ReadAsStringAsync())!["accountList"]!.AsArray());

        // Signing out of the portal ends the sign-in the CLI's token came from.
        await page.GotoAsync("/start");
        await WaitForCircuitAsync(page);
        await AccountSteps.SignOutAsync(page);
        using var again = new HttpRequestMessage(HttpMethod.Get, "aws/sso/assignment/accounts");
        again.Headers.Add("x-amz-sso_bearer_token", accessToken);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await cli.SendAsync(again)).StatusCode);
    });

    private static async Task<JsonNode> PostAsync(HttpClient http, string path, object body)
    {
        var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!;
    }

    private static string Text(JsonNode node, string name) => node[name]!.GetValue<string>();
}
