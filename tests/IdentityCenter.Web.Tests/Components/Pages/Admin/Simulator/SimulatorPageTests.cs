using Bunit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Web.Components.Pages.Admin.Simulator;
using IdentityCenter.Web.Tests.Fakes;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Simulator;

public sealed class SimulatorPageTests
{
    private const string Scp = """{"Version":"2012-10-17","Statement":[{"Sid":"AllowAll","Effect":"Allow","Action":"*","Resource":"*"},{"Sid":"DenyS3Delete","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}""";
    private const string Identity = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""";
    private const string Principal = "arn:aws:sts::222222222222:assumed-role/AWSReservedSSO_S3Admin_0123456789abcdef/alice";

    private static SimulationResult Result()
    {
        var allow = new Explanation(Decision.Allow, PolicyType.IdentityPolicy, "An identity policy allows and nothing denies.",
            [
                new EvaluationStep(PolicyType.ServiceControlPolicy, 0, StepOutcome.Allows, "FullAWSAccess allows"),
                new EvaluationStep(PolicyType.IdentityPolicy, null, StepOutcome.Allows, "S3Admin/inline allows"),
            ],
            [new StatementTrace(PolicyType.IdentityPolicy, null, "S3Admin/inline", "#0", 0, null, Effect.Allow, StatementRole.Allows, null, [])],
            []);
        var deny = new Explanation(Decision.ExplicitDeny, PolicyType.ServiceControlPolicy, "An SCP at level 0 explicitly denies s3:DeleteObject.",
            [
                new EvaluationStep(PolicyType.ServiceControlPolicy, 0, StepOutcome.Denies, "GuardRails denies"),
                new EvaluationStep(PolicyType.ResourceControlPolicy, null, StepOutcome.NotPresent, "no RCPs"),
                new EvaluationStep(PolicyType.IdentityPolicy, null, StepOutcome.Allows, "S3Admin/inline allows"),
            ],
            [
                new StatementTrace(PolicyType.ServiceControlPolicy, 0, "GuardRails", "DenyS3Delete", 1, "DenyS3Delete", Effect.Deny, StatementRole.Denies, null, []),
                new StatementTrace(PolicyType.IdentityPolicy, null, "S3Admin/inline", "#0", 0, null, Effect.Allow, StatementRole.Allows, null, []),
            ],
            []);
        var role = new SimulatedRole("ps-0000000000000001", "S3Admin", Principal,
            [new SimulatedPolicy(PolicyType.ServiceControlPolicy, 0, "GuardRails", Scp), new SimulatedPolicy(PolicyType.IdentityPolicy, null, "S3Admin/inline", Identity)],
            [
                new SimulationDecision("ps-0000000000000001", "S3Admin", Principal, "s3:GetObject", "*", Decision.Allow, allow),
                new SimulationDecision("ps-0000000000000001", "S3Admin", Principal, "s3:DeleteObject", "*", Decision.ExplicitDeny, deny),
            ],
            []);
        return new SimulationResult([role]);
    }

    private static IRenderedComponent<SimulatorPage> Render(AccessTestContext access)
    {
        access.Organization.AddAccount("222222222222", "Dev", FakeOrganizationService.RootId);
        access.Users.Store.Add(FakeUserDirectoryService.NewUser("u-alice", "alice", "Alice"));
        access.RenderProviders();
        access.Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/admin/simulator?userId=u-alice");
        var page = access.Context.Render<SimulatorPage>();
        var account = page.FindComponents<MudSelect<string>>().First(s => s.Instance.Label == "Account");
        page.InvokeAsync(() => account.Instance.ValueChanged.InvokeAsync("222222222222"));
        return page;
    }

    [Fact]
    public async Task Run_UserAndAccount_SendsRequestAndRendersDecisionsStepsAndDecidingStatement()
    {
        await using var access = new AccessTestContext();
        access.Simulator.NextResult = OperationResult.Ok(Result());
        var page = Render(access);

        page.Find("textarea#simulator-actions").Change("s3:GetObject\ns3:DeleteObject");
        page.Find("input#simulator-source-ip").Change("203.0.113.10");
        page.Find("#simulator-context-add").Click();
        page.WaitForElement(".simulator-context-key input").Change("aws:ResourceTag/team");
        page.Find(".simulator-context-value input").Change("data");
        page.Find("input#simulator-time").Change("2026-06-01T12:00:00Z");
        page.Find("#simulator-run").Click();

        page.WaitForAssertion(() => Assert.Single(access.Simulator.Requests));
        var request = access.Simulator.Requests[0];
        Assert.Equal("u-alice", request.UserId);
        Assert.Equal("222222222222", request.AccountId);
        Assert.Equal(["s3:GetObject", "s3:DeleteObject"], request.Actions);
        Assert.Equal(["*"], request.Resources);
        Assert.Equal(["203.0.113.10"], request.Context!["aws:SourceIp"]);
        Assert.Equal(["data"], request.Context["aws:ResourceTag/team"]);
        Assert.True(request.MfaPresent);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero), request.At);
        Assert.DoesNotContain(request.Context.Keys, k => k.StartsWith("aws:PrincipalTag/", StringComparison.Ordinal) || k == "aws:MultiFactorAuthPresent" || k == "aws:CurrentTime");

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".simulator-decision").Count));
        Assert.Equal(["Allowed", "Explicitly denied"], page.FindAll(".simulator-decision").Select(d => d.TextContent.Trim()));
        var denyPanel = page.FindAll(".simulator-decision-panel")[1];

        // The decision leads with its deciding statement; the steps and the other matching statements open on demand.
        Assert.Empty(denyPanel.QuerySelectorAll(".simulator-step"));
        Assert.Single(denyPanel.QuerySelectorAll(".simulator-statement"));
        Assert.Contains("evaluation steps and 1 other matching statement", denyPanel.QuerySelector(".simulator-details-toggle")!.TextContent, StringComparison.Ordinal);
        denyPanel.QuerySelector(".simulator-details-toggle")!.Click();
        denyPanel = page.FindAll(".simulator-decision-panel")[1];
        Assert.Equal(2, denyPanel.QuerySelectorAll(".simulator-statement").Length);
        var steps = denyPanel.QuerySelectorAll(".simulator-step").Select(s => s.TextContent).ToList();
        Assert.Equal(3, steps.Count);
        Assert.Contains("SCPs, level 0 (root)", steps[0], StringComparison.Ordinal);
        Assert.Contains("explicitly denies", steps[0], StringComparison.Ordinal);
        Assert.Contains("decided here", steps[0], StringComparison.Ordinal);
        Assert.Contains("not present", steps[1], StringComparison.Ordinal);
        var deciding = Assert.Single(denyPanel.QuerySelectorAll(".simulator-statement-deciding"));
        Assert.Contains("GuardRails", deciding.TextContent, StringComparison.Ordinal);
        Assert.Equal("DenyS3Delete", deciding.QuerySelector(".simulator-statement-sid")!.TextContent);
        Assert.Contains("\"Action\": \"s3:DeleteObject\"", deciding.QuerySelector(".simulator-statement-json")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("An SCP at level 0 explicitly denies", denyPanel.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AdministrationTab_AsksTheAdministrationSimulatorForTheChosenAdministrator()
    {
        await using var access = new AccessTestContext();
        access.Simulator.NextResult = OperationResult.Ok(Result());
        var page = Render(access);
        await page.InvokeAsync(() => page.FindComponent<MudTabs>().Instance.ActivatePanelAsync(2));
        page.WaitForElement("#simulator-admin-user");

        page.Find("textarea#simulator-actions").Change("sso:CreatePermissionSet\nidentitystore:UpdateUser");
        page.Find("textarea#simulator-resources").Change("arn:aws:sso:::instance/ssoins-1234567890abcdef\narn:aws:identitystore:::user/u-bob");
        page.Find("input#simulator-source-ip").Change("203.0.113.10");
        page.Find("#simulator-run").Click();

        page.WaitForAssertion(() => Assert.Single(access.Simulator.AdministrationRequests));
        var request = access.Simulator.AdministrationRequests[0];
        Assert.Equal("u-alice", request.UserId);
        Assert.Equal(["sso:CreatePermissionSet", "identitystore:UpdateUser"], request.Actions);
        Assert.Equal(["arn:aws:sso:::instance/ssoins-1234567890abcdef", "arn:aws:identitystore:::user/u-bob"], request.Resources);
        Assert.Equal(["203.0.113.10"], request.Context!["aws:SourceIp"]);
        Assert.Empty(access.Simulator.Requests);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".simulator-decision").Count));
    }

    [Fact]
    public async Task Run_WithoutActions_SaysWhatIsMissing()
    {
        await using var access = new AccessTestContext();
        var page = Render(access);

        page.Find("#simulator-run").Click();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll(".mud-input-error"), e => e.TextContent.Contains("Enter at least one action", StringComparison.Ordinal)));
        Assert.Empty(access.Simulator.Requests);
    }

    [Fact]
    public async Task Run_ServiceRefuses_ShowsMessage()
    {
        await using var access = new AccessTestContext();
        access.Simulator.NextResult = OperationResult.Invalid("", "alice has no roles in account 222222222222.").As<SimulationResult>();
        var page = Render(access);

        page.Find("textarea#simulator-actions").Change("s3:GetObject");
        page.Find("#simulator-run").Click();

        page.WaitForAssertion(() => Assert.Contains("alice has no roles in account 222222222222.", page.Find(".simulator-error").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FreeMode_PastedDocumentsAndSessionTags_AreSentAsCustomRequest()
    {
        await using var access = new AccessTestContext();
        access.Simulator.NextResult = OperationResult.Ok(Result());
        var page = Render(access);

        page.FindAll(".mud-tab").First(t => t.TextContent.Contains("Free mode", StringComparison.Ordinal)).Click();
        page.WaitForElement("#simulator-free-identity-0-text").Input(Identity);
        page.Find("#simulator-free-scp-0-text").Input(Scp);
        page.Find("textarea#simulator-actions").Change("s3:DeleteObject");
        page.Find("#simulator-tag-add").Click();
        page.WaitForElement(".simulator-tag-row .simulator-context-key input").Change("team");
        page.Find(".simulator-tag-row .simulator-context-value input").Change("data");

        // The editors re-render as their validation completes: find and click in one dispatch.
        await page.InvokeAsync(() => page.Find("#simulator-run").Click());

        page.WaitForAssertion(() => Assert.Single(access.Simulator.CustomRequests));
        var request = access.Simulator.CustomRequests[0];
        Assert.Equal("data", request.PrincipalTags!["team"]);
        Assert.Null(request.Context);
        Assert.Equal([Identity], request.IdentityPolicies);
        Assert.Equal(Scp, Assert.Single(Assert.Single(request.ServiceControlPolicyLevels!)));
        Assert.Null(request.PermissionsBoundary);
        Assert.Empty(access.Simulator.Requests);
    }
}
