using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using IdentityCenter.Core;
using IdentityCenter.Core.Administration;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Administration;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Web.Components.Pages.Admin.Administration;
using Microsoft.Extensions.DependencyInjection;
using IdentityCenter.Web.Tests.Fakes;
using MudBlazor;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Administration;

/// <summary>
/// The "Administration documents" section of a group's page: offered as far as the signed-in person's own documents allow
/// (decided by the shared evaluator with the built-in documents), each change decided again on the server.
/// </summary>
public sealed class AdministrationDocumentsTests
{
    private const string GroupId = "g-platform";

    private readonly FakeAdministrationPolicyService _documents = new();

    private BunitContext Context(out BunitAuthorizationContext authorization, params Claim[] claims)
    {
        BunitAuthorizationContext? auth = null;
        var context = BunitTestContext.Create(c =>
        {
            auth = c.AddAuthorization();
            auth.SetAuthorized("someone").SetClaims(claims);
            c.Services.AddSingleton<IAdministrationPolicyService>(_documents);
        });
        authorization = auth!;
        return context;
    }

    private static Claim[] Member(string? groupId, bool administrator = false) =>
    [
        new(ClaimTypes.NameIdentifier, "u-someone"),
        new(IdentityCenterClaimTypes.MfaAuthenticated, IdentityCenterClaimTypes.TrueValue),
        .. administrator ? [new Claim(IdentityCenterClaimTypes.Administrator, IdentityCenterClaimTypes.TrueValue)] : Array.Empty<Claim>(),
        .. groupId is null ? Array.Empty<Claim>() : [new Claim(IdentityCenterClaimTypes.AdministrativeGroup, groupId)],
    ];

    private static IRenderedComponent<AdministrationDocuments> RenderSection(BunitContext context) =>
        context.Render<AdministrationDocuments>(p => p.Add(x => x.Group, true).Add(x => x.PrincipalId, GroupId).Add(x => x.PrincipalName, "Platform"));

    [Fact]
    public async Task Administrator_AttachesBuiltIn_SavesCustom_SeesParserErrors_DetachesAfterConfirming()
    {
        await using var ctx = Context(out _, Member(BuiltInGroups.AdministratorsId, administrator: true));
        var dialogs = ctx.Render<MudDialogProvider>();
        var section = RenderSection(ctx);
        section.WaitForElement(".administration-documents-empty");

        await section.InvokeAsync(() => section.Instance.GetType().GetField("_builtIn", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .SetValue(section.Instance, AdministrationPolicies.HelpDeskName));
        section.Render();
        section.Find("button.administration-document-attach").Click();
        section.WaitForAssertion(() => Assert.Single(section.FindAll(".administration-document-row")));
        Assert.Equal("Built-in", section.Find(".administration-document-row td:nth-child(2)").TextContent);

        section.Find(".administration-document-name input").Change("Broken");
        section.Find(".administration-document-json textarea").Change("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\"}]}");
        section.Find("button.administration-document-save").Click();
        section.WaitForAssertion(() => Assert.Contains("Line 1", section.Find(".administration-document-json").TextContent, StringComparison.Ordinal));
        Assert.Single(_documents.Rows);

        section.Find(".administration-document-row .administration-document-detach").Click();
        Assert.Contains("lose what it allows at once", dialogs.WaitForElement(".confirm-dialog-message").TextContent, StringComparison.Ordinal);
        dialogs.Find(".confirm-dialog-confirm").Click();
        section.WaitForElement(".administration-documents-empty");
        Assert.Empty(_documents.Rows);
    }

    [Fact]
    public async Task HelpDesk_SectionNotShown_Auditor_SeesTheDocumentsButChangesNothing()
    {
        _documents.Rows.Add(new AdministrationPolicyAttachment("adp-1", AdministrationPrincipalType.Group, GroupId, AdministrationPolicies.ReadOnlyAuditorName, null, DateTimeOffset.UnixEpoch, "admin"));
        await using (var desk = Context(out _, Member(BuiltInGroups.HelpDeskId)))
        {
            Assert.Empty(RenderSection(desk).FindAll(".administration-documents"));
        }

        await using var auditor = Context(out _, Member(BuiltInGroups.AuditorsId));
        var section = RenderSection(auditor);
        section.WaitForElement(".administration-document-row");
        section.Find(".administration-document-view").Click();
        Assert.Contains("\"Version\"", section.Find(".administration-document-text").TextContent, StringComparison.Ordinal);
        Assert.Empty(section.FindAll(".administration-document-detach"));
        Assert.Empty(section.FindAll(".administration-document-attach"));
        Assert.Empty(section.FindAll(".administration-document-save"));
    }

    [Fact]
    public async Task Save_RightsGoneSinceThePageOpened_RefusedOnTheServer()
    {
        await using var ctx = Context(out var authorization, Member(BuiltInGroups.AdministratorsId, administrator: true));
        var section = RenderSection(ctx);
        section.WaitForElement(".administration-document-save");

        authorization.SetClaims(Member(BuiltInGroups.HelpDeskId));
        section.Find(".administration-document-name input").Change("Anything");
        section.Find(".administration-document-json textarea").Change("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
        section.Find("button.administration-document-save").Click();

        section.WaitForAssertion(() => Assert.Contains("is not authorized to perform: iam:PutGroupPolicy", section.Find(".administration-documents-error").TextContent, StringComparison.Ordinal));
        Assert.Empty(_documents.Rows);
    }
}
