using Bunit;
using IdentityCenter.Core.Assignments;
using IdentityCenter.Web.Components.Pages.Admin.Access;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Access;

public sealed class AccessControlAttributesPageTests
{
    [Fact]
    public async Task Save_NewAttribute_PutsWholeConfigurationWithPathSyntax()
    {
        await using var access = new AccessTestContext();
        access.Attributes.Attributes.Add(new AccessControlAttribute("team", "${path:enterprise.department}"));
        access.RenderProviders();
        var page = access.Context.Render<AccessControlAttributesPage>();
        Assert.Equal("enterprise.department", page.Find(".abac-path input").GetAttribute("value"));

        page.Find("#abac-add").Click();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".abac-key input").Count));
        page.FindAll(".abac-key input")[1].Change("costCenter");
        page.FindAll(".abac-path input")[1].Change("enterprise.costCenter");
        page.Find("#abac-form").Submit();

        page.WaitForAssertion(() => Assert.Single(access.Attributes.Puts));
        Assert.Equal(
            [new AccessControlAttribute("team", "${path:enterprise.department}"), new AccessControlAttribute("costCenter", "${path:enterprise.costCenter}")],
            access.Attributes.Puts[0]);
    }

    [Fact]
    public async Task Save_DuplicateKey_IsRefusedWithMessage()
    {
        await using var access = new AccessTestContext();
        access.RenderProviders();
        var page = access.Context.Render<AccessControlAttributesPage>();

        page.Find("#abac-add").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".abac-key input")));
        page.Find("#abac-add").Click();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".abac-key input").Count));
        page.FindAll(".abac-key input")[0].Change("team");
        page.FindAll(".abac-path input")[0].Change("userName");
        page.FindAll(".abac-key input")[1].Change("Team");
        page.FindAll(".abac-path input")[1].Change("displayName");
        page.Find("#abac-form").Submit();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll(".mud-input-error"), e => e.TextContent.Contains("is used more than once", StringComparison.Ordinal)));
        Assert.Empty(access.Attributes.Puts);
    }

    [Fact]
    public async Task Save_ServiceRefusesARow_ErrorShownAtThatRow_OtherErrorAboveTheButtons()
    {
        await using var access = new AccessTestContext();
        access.Attributes.Attributes.Add(new AccessControlAttribute("team", "${path:enterprise.department}"));
        access.Attributes.NextFailure = IdentityCenter.Core.Directory.OperationResult.Invalid(
            [new IdentityCenter.Core.FieldError("AccessControlAttributes[0].Source", "'enterprise.department' is not a user attribute."),
             IdentityCenter.Core.FieldError.General("Another administrator changed the attributes meanwhile.")]);
        access.RenderProviders();
        var page = access.Context.Render<AccessControlAttributesPage>();

        page.Find("#abac-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("is not a user attribute", page.Find(".abac-path .mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal));
        Assert.Equal("Another administrator changed the attributes meanwhile.", Assert.Single(page.FindAll(".abac-error")).TextContent.Trim());
    }
}
