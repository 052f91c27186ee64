using Bunit;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Web.Components.Layout;
using IdentityCenter.Web.Components.Pages.Admin.Groups;
using IdentityCenter.Web.Components.Pages.Admin.Users;
using IdentityCenter.Web.Tests.Fakes;
using MudBlazor;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Delegation;

/// <summary>
/// Help desk and auditors in the console: links and buttons follow the evaluator's decision over their built-in
/// documents, and a change their documents refuse is refused again on the server with the evaluator's reason.
/// </summary>
public sealed class DelegatedAdministrationTests
{
    private static AdminTestContext As(string groupId)
    {
        var admin = new AdminTestContext(administrativeGroup: groupId);
        admin.Users.Store.Add(FakeUserDirectoryService.NewUser("id-frank", "frank", "Frank Ocean", "frank@example.com"));
        admin.Mfa.Devices["id-frank"] = [new MfaDeviceInfo("d1", "TOTP", "Phone", DateTimeOffset.UnixEpoch, null)];
        admin.Sessions.Sessions.Add(FakeUserSessionService.NewSession("s1", "id-frank"));
        admin.Groups.AddGroup("g-dev", "Developers");
        admin.Groups.AddMember("g-dev", "id-alice", "alice");
        admin.Groups.Candidates.Add(new MemberCandidate("id-frank", "frank", "Frank Ocean", null, false));
        return admin;
    }

    private static IRenderedComponent<UserDetailPage> RenderFrank(AdminTestContext admin)
    {
        var page = admin.Context.Render<UserDetailPage>(p => p.Add(x => x.UserId, "id-frank"));
        page.WaitForAssertion(() => Assert.Equal("frank", page.Find("h1.user-title").TextContent));
        return page;
    }

    private static IRenderedComponent<GroupDetailPage> RenderDevelopers(AdminTestContext admin)
    {
        var page = admin.Context.Render<GroupDetailPage>(p => p.Add(x => x.GroupId, "g-dev"));
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".members-grid tbody tr.mud-table-row")));
        return page;
    }

    [Theory]
    [InlineData(BuiltInGroups.HelpDeskId)]
    [InlineData(BuiltInGroups.AuditorsId)]
    public async Task AdminNav_DelegatedAdministrator_ShowsOnlyUsersAndGroups(string groupId)
    {
        await using var admin = As(groupId);

        var nav = admin.Context.Render<AdminNavGroup>();
        var access = admin.Context.Render<AccessAdminNavGroup>();
        var credentials = admin.Context.Render<AdminCredentialsNav>();

        nav.WaitForAssertion(() => Assert.Equal(["/admin/users", "/admin/groups"], nav.FindAll("a").Select(a => a.GetAttribute("href"))));
        Assert.Empty(access.FindAll("a"));
        Assert.Empty(credentials.FindAll("a"));
        Assert.DoesNotContain("/admin/permission-sets", nav.Markup + access.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminNav_NoAdministrativeGroup_ShowsNothing()
    {
        await using var admin = new AdminTestContext(administrator: false);

        var nav = admin.Context.Render<AdminNavGroup>();

        Assert.Empty(nav.FindAll("a"));
    }

    [Fact]
    public async Task UserDetail_HelpDesk_ShowsResetDisableMfaAndSessionsButNotDelete()
    {
        await using var admin = As(BuiltInGroups.HelpDeskId);
        admin.RenderProviders();

        var page = RenderFrank(admin);

        Assert.NotNull(page.Find(".user-reset-password"));
        Assert.NotNull(page.Find(".user-disable"));
        Assert.NotNull(page.Find(".device-remove"));
        Assert.NotNull(page.Find(".session-delete"));
        Assert.NotNull(page.Find(".profile-save"));
        Assert.Empty(page.FindAll(".user-delete"));
        Assert.Empty(page.FindAll(".user-access-keys"));
    }

    [Fact]
    public async Task UserDetail_Auditor_SeesTheUserButNoChangeButtons()
    {
        await using var admin = As(BuiltInGroups.AuditorsId);
        admin.RenderProviders();

        var page = RenderFrank(admin);

        Assert.Contains("Frank Ocean", page.Markup, StringComparison.Ordinal);
        foreach (var button in new[] { ".user-reset-password", ".user-disable", ".user-delete", ".device-remove", ".session-delete", ".sessions-delete-all", ".profile-save",
            ".access-key-create", ".access-key-deactivate", ".access-key-delete", ".administration-document-attach", ".administration-document-save", ".administration-document-detach" })
        {
            Assert.Empty(page.FindAll(button));
        }

        // The auditor reads what a user holds (access keys, administration documents) without changing it.
        Assert.NotEmpty(page.FindAll(".user-access-keys"));
        Assert.NotEmpty(page.FindAll(".administration-documents"));
    }

    [Fact]
    public async Task ResetPassword_HelpDesk_ResetsThroughTheAuthorizer()
    {
        await using var admin = As(BuiltInGroups.HelpDeskId);
        admin.Users.NextPassword = "Reset#Pw-42";
        var dialogs = admin.RenderProviders();
        var page = RenderFrank(admin);

        page.Find(".user-reset-password").Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal("Reset#Pw-42", page.Find(".one-time-password-value").TextContent));
        Assert.Contains(admin.Authorizer.Requests, r => r.Action == "sso-directory:UpdatePassword");
    }

    [Fact]
    public async Task UserDetail_HelpDeskOnAnAdministrator_ShowsNoChangeButtons()
    {
        await using var admin = As(BuiltInGroups.HelpDeskId);
        admin.Authorizer.AdministrativeSubjects["id-frank"] = BuiltInGroups.AdministratorsName;
        admin.RenderProviders();

        var page = RenderFrank(admin);

        foreach (var button in new[] { ".user-reset-password", ".user-disable", ".device-remove", ".session-delete", ".profile-save" })
        {
            Assert.Empty(page.FindAll(button));
        }
    }

    [Fact]
    public async Task ResetPassword_HelpDeskOnAUserWhoBecameAnAdministrator_IsRefusedOnTheServerWithTheReason()
    {
        await using var admin = As(BuiltInGroups.HelpDeskId);
        var dialogs = admin.RenderProviders();
        var page = RenderFrank(admin);
        admin.Authorizer.AdministrativeSubjects["id-frank"] = BuiltInGroups.AdministratorsName;

        page.Find(".user-reset-password").Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        page.WaitForAssertion(() => Assert.Contains("with an explicit deny", page.Find(".user-action-error").TextContent, StringComparison.Ordinal));
        Assert.Contains("NoChangesToAdministrators", page.Find(".user-action-error").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(admin.Users.Calls, c => c.Method == "ResetPasswordAsync");
        Assert.Empty(page.FindAll(".one-time-password-value"));
    }

    [Fact]
    public async Task GroupDetail_HelpDesk_AddsAMember()
    {
        await using var admin = As(BuiltInGroups.HelpDeskId);
        admin.RenderProviders();
        var page = RenderDevelopers(admin);
        var autocomplete = page.FindComponent<MudAutocomplete<MemberCandidate>>();

        var hits = (await page.InvokeAsync(() => autocomplete.Instance.SearchFunc!("fr", CancellationToken.None))).ToList();
        await page.InvokeAsync(() => autocomplete.Instance.ValueChanged.InvokeAsync(hits[0]));
        page.WaitForAssertion(() => Assert.Contains("Add member", page.Find(".members-add").TextContent, StringComparison.Ordinal));
        page.Find(".members-add").Click();

        page.WaitForAssertion(() => Assert.Single(admin.Groups.Added));
        Assert.Equal(["id-frank"], admin.Groups.Added[0].UserIds);
        Assert.Empty(page.FindAll(".group-delete"));
        Assert.Contains(admin.Authorizer.Requests, r => r.Action == "identitystore:CreateGroupMembership"
            && r.Resources.SequenceEqual(["arn:aws:identitystore::111122223333:identitystore/d-1234567890", "arn:aws:identitystore:::group/g-dev", "arn:aws:identitystore:::user/id-frank"]));
    }

    [Fact]
    public async Task GroupDetail_HelpDeskOnTheAdministratorsGroup_ShowsNoMembershipChanges()
    {
        await using var admin = As(BuiltInGroups.HelpDeskId);
        admin.Groups.AddGroup(BuiltInGroups.AdministratorsId, BuiltInGroups.AdministratorsName, builtIn: true);
        admin.Groups.AddMember(BuiltInGroups.AdministratorsId, "id-root", "root");
        admin.RenderProviders();
        var page = admin.Context.Render<GroupDetailPage>(p => p.Add(x => x.GroupId, BuiltInGroups.AdministratorsId));
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".members-grid tbody tr.mud-table-row")));

        Assert.Empty(page.FindAll(".members-add"));
        Assert.Empty(page.FindAll(".member-remove"));
        Assert.Empty(admin.Groups.Added);
    }

    [Fact]
    public async Task GroupDetail_HelpDeskAddsAnAdministratorToAGroup_IsRefusedOnTheServer()
    {
        await using var admin = As(BuiltInGroups.HelpDeskId);
        admin.Authorizer.AdministrativeSubjects["id-frank"] = BuiltInGroups.AdministratorsName;
        admin.RenderProviders();
        var page = RenderDevelopers(admin);
        var autocomplete = page.FindComponent<MudAutocomplete<MemberCandidate>>();

        var hits = (await page.InvokeAsync(() => autocomplete.Instance.SearchFunc!("fr", CancellationToken.None))).ToList();
        await page.InvokeAsync(() => autocomplete.Instance.ValueChanged.InvokeAsync(hits[0]));
        page.WaitForElement(".members-add").Click();

        page.WaitForAssertion(() => Assert.Contains("with an explicit deny", page.Find(".group-action-error").TextContent, StringComparison.Ordinal));
        Assert.Empty(admin.Groups.Added);
    }

    [Fact]
    public async Task GroupDetail_Auditor_SeesMembersButCannotChangeThem()
    {
        await using var admin = As(BuiltInGroups.AuditorsId);
        admin.RenderProviders();

        var page = RenderDevelopers(admin);

        Assert.Contains("alice", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll(".members-add"));
        Assert.Empty(page.FindAll(".member-remove"));
        Assert.Empty(page.FindAll(".group-delete"));
        Assert.Empty(page.FindAll(".group-save"));
    }

    [Theory]
    [InlineData(BuiltInGroups.HelpDeskId, true)]
    [InlineData(BuiltInGroups.AuditorsId, false)]
    public async Task UsersAndGroupsPages_CreateButtonsFollowTheDocuments(string groupId, bool shown)
    {
        await using var admin = As(groupId);
        admin.RenderProviders();

        var users = admin.Context.Render<UsersPage>();
        var groups = admin.Context.Render<GroupsPage>();

        users.WaitForAssertion(() => Assert.Equal(shown, users.FindAll(".users-create").Count == 1));
        groups.WaitForAssertion(() => Assert.Equal(shown, groups.FindAll(".groups-create").Count == 1));
        Assert.DoesNotContain("Import from CSV", users.Markup, StringComparison.Ordinal);
    }
}
