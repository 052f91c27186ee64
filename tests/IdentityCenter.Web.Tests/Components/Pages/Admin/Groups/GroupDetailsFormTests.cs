using Bunit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Components.Pages.Admin.Groups;
using IdentityCenter.Web.Services;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Groups;

/// <summary>The details form of the group page on its own: the service's messages at their fields, the server-side check, failures.</summary>
public sealed class GroupDetailsFormTests
{
    private static IRenderedComponent<GroupDetailsForm> Render(AdminTestContext admin, Action? changed = null, IReadOnlySet<string>? allowed = null) =>
        admin.Context.Render<GroupDetailsForm>(p => p
            .Add(x => x.Group, SectionTestGroup.Of(admin))
            .Add(x => x.Allowed, allowed ?? SectionTestGroup.Allowing(ConsoleActions.UpdateGroup))
            .Add(x => x.Changed, changed ?? (() => { })));

    [Fact]
    public async Task Save_Succeeds_SavesTheTrimmedValuesAndTellsThePage()
    {
        await using var admin = SectionTestGroup.Context();
        admin.RenderProviders();
        var changed = 0;
        var form = Render(admin, () => changed++);

        form.Find(".field-groupname input").Change("  Builders ");
        form.Find(".field-description textarea").Change("  ");
        form.Find("#group-form").Submit();

        form.WaitForAssertion(() => Assert.Equal(1, changed));
        var saved = SectionTestGroup.Of(admin);
        Assert.Equal(("Builders", (string?)null), (saved.DisplayName, saved.Description));
        Assert.Equal("Builders", form.Find(".field-groupname input").GetAttribute("value"));
    }

    [Fact]
    public async Task Save_NameTaken_ShowsTheServicesMessageNextToTheName()
    {
        await using var admin = SectionTestGroup.Context();
        admin.Groups.NextFailure = OperationResult.Conflict("DisplayName", "A group named 'Ops' already exists.");
        admin.RenderProviders();
        var changed = 0;
        var form = Render(admin, () => changed++);

        form.Find(".field-groupname input").Change("Ops");
        form.Find("#group-form").Submit();

        form.WaitForAssertion(() => Assert.Equal("A group named 'Ops' already exists.", form.Find(".field-groupname .mud-input-helper-text.mud-input-error").TextContent.Trim()));
        Assert.Empty(form.FindAll(".operation-error"));
        Assert.Equal(0, changed);
        Assert.Equal("Developers", SectionTestGroup.Of(admin).DisplayName);
    }

    [Fact]
    public async Task Save_AuditorWhosePageOfferedSave_RefusedOnTheServerWithTheReason()
    {
        await using var admin = SectionTestGroup.Context(BuiltInGroups.AuditorsId);
        admin.RenderProviders();
        var form = Render(admin);

        form.Find(".field-groupname input").Change("Renamed");
        form.Find("#group-form").Submit();

        form.WaitForAssertion(() => Assert.Contains($"is not authorized to perform: {ConsoleActions.UpdateGroup}", form.Find(".group-details-error").TextContent, StringComparison.Ordinal));
        Assert.Equal("Developers", SectionTestGroup.Of(admin).DisplayName);
    }

    [Fact]
    public async Task Save_DatabaseDown_ShowsTheUnavailableFailure()
    {
        await using var admin = SectionTestGroup.Context();
        admin.RenderProviders();
        var changed = 0;
        var form = Render(admin, () => changed++);
        admin.Groups.StorageFailure = new TimeoutException("database timeout");

        form.Find("#group-form").Submit();

        form.WaitForAssertion(() => Assert.Equal(AdminErrors.Unavailable, form.Find(".group-details-error").TextContent.Trim()));
        Assert.Equal(0, changed);
    }

    [Fact]
    public async Task Reload_OfTheSameGroup_KeepsWhatIsBeingTyped()
    {
        await using var admin = SectionTestGroup.Context();
        admin.RenderProviders();
        var form = Render(admin);
        form.Find(".field-description textarea").Change("Typing");

        form.Render(p => p.Add(x => x.Group, SectionTestGroup.Of(admin) with { MemberCount = 3 }));

        Assert.Equal("Typing", form.Find(".field-description textarea").TextContent);
    }

    [Fact]
    public async Task BuiltInGroup_NameReadOnly_NoSaveWithoutPermission()
    {
        await using var admin = SectionTestGroup.Context();
        admin.RenderProviders();

        var form = admin.Context.Render<GroupDetailsForm>(p => p
            .Add(x => x.Group, SectionTestGroup.Of(admin) with { IsBuiltIn = true })
            .Add(x => x.Allowed, SectionTestGroup.Allowing()));

        Assert.True(form.Find(".field-groupname input").HasAttribute("readonly"));
        Assert.Contains("keeps its name", form.Markup, StringComparison.Ordinal);
        Assert.Empty(form.FindAll(".group-save"));
    }
}
