using Bunit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Components.Pages.Admin.Users;
using IdentityCenter.Web.Services;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Users;

/// <summary>The profile form of the user page on its own: checks, the service's messages at their fields, the server-side check.</summary>
public sealed class UserProfileFormTests
{
    private static readonly IReadOnlySet<string> MayUpdate = SectionTestUser.Allowing(ConsoleActions.UpdateUser);

    private static IRenderedComponent<UserProfileForm> Render(AdminTestContext admin, IReadOnlySet<string>? allowed = null, Action? changed = null) =>
        admin.Context.Render<UserProfileForm>(p => p
            .Add(x => x.User, SectionTestUser.Of(admin))
            .Add(x => x.Allowed, allowed ?? MayUpdate)
            .Add(x => x.Changed, changed ?? (() => { })));

    [Fact]
    public async Task Save_Succeeds_SavesTheTrimmedProfileAndTellsThePage()
    {
        await using var admin = SectionTestUser.Context();
        admin.RenderProviders();
        var changed = 0;
        var form = Render(admin, changed: () => changed++);

        form.Find(".field-displayname input").Change("  Frank O.  ");
        form.Find(".field-givenname input").Change("   ");
        form.Find("#profile-form").Submit();

        form.WaitForAssertion(() => Assert.Equal(1, changed));
        var saved = SectionTestUser.Of(admin);
        Assert.Equal(("Frank O.", (string?)null), (saved.DisplayName, saved.GivenName));
        Assert.Equal("Frank O.", form.Find(".field-displayname input").GetAttribute("value"));
    }

    [Fact]
    public async Task Save_ServiceRefusesAField_ShowsItsMessageNextToThatField()
    {
        await using var admin = SectionTestUser.Context();
        admin.Users.NextFailure = OperationResult.Conflict("Email", "Another user already has the email frank@example.com.");
        admin.RenderProviders();
        var changed = 0;
        var form = Render(admin, changed: () => changed++);

        form.Find("#profile-form").Submit();

        form.WaitForAssertion(() => Assert.Equal("Another user already has the email frank@example.com.",
            form.Find(".field-email .mud-input-helper-text.mud-input-error").TextContent.Trim()));
        Assert.Empty(form.FindAll(".operation-error"));
        Assert.Equal(0, changed);
    }

    [Fact]
    public async Task Save_BlankDisplayName_RefusedAtTheFieldBeforeTheService()
    {
        await using var admin = SectionTestUser.Context();
        admin.RenderProviders();
        var form = Render(admin);

        form.Find(".field-displayname input").Change(" ");
        form.Find("#profile-form").Submit();

        form.WaitForAssertion(() => Assert.NotEmpty(form.Find(".field-displayname .mud-input-helper-text.mud-input-error").TextContent.Trim()));
        Assert.DoesNotContain(admin.Users.Calls, c => c.Method == "UpdateUserAsync");
    }

    [Fact]
    public async Task Save_HelpDeskOnAUserWhoBecameAnAdministrator_RefusedOnTheServerWithTheReason()
    {
        await using var admin = SectionTestUser.Context(BuiltInGroups.HelpDeskId);
        admin.Authorizer.AdministrativeSubjects[SectionTestUser.Id] = BuiltInGroups.AdministratorsName;
        admin.RenderProviders();
        var form = Render(admin);

        form.Find(".field-displayname input").Change("Frank Changed");
        form.Find("#profile-form").Submit();

        form.WaitForAssertion(() => Assert.Contains("with an explicit deny", form.Find(".user-profile-error").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(admin.Users.Calls, c => c.Method == "UpdateUserAsync");
        Assert.Equal("Frank Ocean", SectionTestUser.Of(admin).DisplayName);
    }

    [Fact]
    public async Task Save_DatabaseDown_ShowsTheUnavailableFailure()
    {
        await using var admin = SectionTestUser.Context();
        admin.RenderProviders();
        var changed = 0;
        var form = Render(admin, changed: () => changed++);
        admin.Users.StorageFailure = new TimeoutException("database timeout");

        form.Find("#profile-form").Submit();

        form.WaitForAssertion(() => Assert.Equal(AdminErrors.Unavailable, form.Find(".user-profile-error").TextContent.Trim()));
        Assert.Equal(0, changed);
        Assert.False(form.Find(".profile-save").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Reload_OfTheSameUser_KeepsWhatIsBeingTyped_AnotherUserReplacesIt()
    {
        await using var admin = SectionTestUser.Context();
        admin.RenderProviders();
        var form = Render(admin);
        form.Find(".field-familyname input").Change("Typing");

        form.Render(p => p.Add(x => x.User, SectionTestUser.Of(admin) with { UpdatedBy = "someone" }));
        Assert.Equal("Typing", form.Find(".field-familyname input").GetAttribute("value"));

        form.Render(p => p.Add(x => x.User, SectionTestUser.Of(admin) with { Id = "id-other", DisplayName = "Other" }));
        Assert.Equal("Other", form.Find(".field-displayname input").GetAttribute("value"));
        Assert.True(string.IsNullOrEmpty(form.Find(".field-familyname input").GetAttribute("value")));
    }

    [Fact]
    public async Task NotAllowedToUpdate_ShowsTheProfileWithoutSaveButton()
    {
        await using var admin = SectionTestUser.Context();
        admin.RenderProviders();

        var form = Render(admin, SectionTestUser.Allowing());

        Assert.Equal("Frank Ocean", form.Find(".field-displayname input").GetAttribute("value"));
        Assert.Empty(form.FindAll(".profile-save"));
    }
}
