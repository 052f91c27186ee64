using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using IdentityCenter.Core.Administration;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Administration;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Hosted;

/// <summary>
/// Help desk and auditors against the real app on SQLite: the sign-in principal is made by the app's own claims
/// factory from the directory (group memberships included), then the real per-action policies, authorizer and
/// evaluator decide which pages open. Direct URLs to pages their documents do not allow are refused.
/// </summary>
public sealed class DelegatedAdminHostedTests(DelegatedAdminHostedTests.Factory factory) : IClassFixture<DelegatedAdminHostedTests.Factory>
{
    private async Task<string> UserInAsync(string userName, string? groupId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<IUserDirectoryService>();
        if (await users.FindByUserNameAsync(userName) is { } existing)
        {
            return existing.Id;
        }

        var created = await users.CreateUserAsync(new CreateUserRequest(userName, userName), Actor.System);
        Assert.True(created.Succeeded, created.Summary);
        if (groupId is not null)
        {
            var added = await scope.ServiceProvider.GetRequiredService<IGroupDirectoryService>().AddMembersAsync(groupId, [created.Value!.User.Id], Actor.System);
            Assert.True(added.Succeeded, added.Summary);
        }

        return created.Value!.User.Id;
    }

    private async Task<HttpClient> SignedInAsync(string userName, string? groupId, bool mfa = true)
    {
        var id = await UserInAsync(userName, groupId);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(DirectoryClaimsAuthHandler.UserIdHeader, id);
        if (!mfa)
        {
            client.DefaultRequestHeaders.Add(DirectoryClaimsAuthHandler.NoMfaHeader, "true");
        }

        return client;
    }

    private static async Task<(HttpStatusCode Status, string Html)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bootstrap_CreatesTheAuditorsAndHelpDeskGroups()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var groups = scope.ServiceProvider.GetRequiredService<IGroupDirectoryService>();

        foreach (var builtIn in BuiltInGroups.Administrative)
        {
            var group = await groups.GetGroupAsync(builtIn.Id);
            Assert.NotNull(group);
            Assert.Equal(builtIn.Name, group.DisplayName);
            Assert.True(group.IsBuiltIn);
        }
    }

    [Theory]
    [InlineData("/admin/users", "Users")]
    [InlineData("/admin/groups", "Groups")]
    public async Task HelpDesk_UsersAndGroupsPages_Open(string path, string heading)
    {
        using var client = await SignedInAsync("helpdesk1", BuiltInGroups.HelpDeskId);

        var (status, html) = await GetAsync(client, path);

        Assert.True(status == HttpStatusCode.OK, $"{path}: {(int)status} {html[..Math.Min(html.Length, 1500)]}");
        Assert.Contains($">{heading}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/users\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/groups\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin/permission-sets\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin/organization\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin/settings/password-policy\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/permission-sets")]
    [InlineData("/admin/organization")]
    [InlineData("/admin/organization/policies")]
    [InlineData("/admin/simulator")]
    [InlineData("/admin")]
    [InlineData("/admin/settings/password-policy")]
    [InlineData("/admin/users/import")]
    [InlineData("/admin/credentials/revoke")]
    public async Task HelpDeskAndAuditor_OtherAdminPagesByDirectUrl_AreRefused(string path)
    {
        using var helpDesk = await SignedInAsync("helpdesk1", BuiltInGroups.HelpDeskId);
        using var auditor = await SignedInAsync("auditor1", BuiltInGroups.AuditorsId);

        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(helpDesk, path)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(auditor, path)).Status);
    }

    [Fact]
    public async Task HelpDesk_SignedInWithoutMfa_UsersPageIsRefused()
    {
        using var client = await SignedInAsync("helpdesk1", BuiltInGroups.HelpDeskId, mfa: false);

        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(client, "/admin/users")).Status);
    }

    [Fact]
    public async Task NoAdministrativeGroup_UsersPage_IsRefused()
    {
        using var client = await SignedInAsync("plain1", null);

        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(client, "/admin/users")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(client, "/admin/groups")).Status);
    }

    [Fact]
    public async Task UserDetail_HelpDeskSeesResetPassword_AuditorSeesNoChangeButtons()
    {
        var target = await UserInAsync("target1", null);
        using var helpDesk = await SignedInAsync("helpdesk1", BuiltInGroups.HelpDeskId);
        using var auditor = await SignedInAsync("auditor1", BuiltInGroups.AuditorsId);

        var (helpDeskStatus, helpDeskHtml) = await GetAsync(helpDesk, $"/admin/users/{target}");
        var (auditorStatus, auditorHtml) = await GetAsync(auditor, $"/admin/users/{target}");

        Assert.Equal(HttpStatusCode.OK, helpDeskStatus);
        Assert.Equal(HttpStatusCode.OK, auditorStatus);
        Assert.Contains("user-reset-password", helpDeskHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("user-delete", helpDeskHtml, StringComparison.Ordinal);
        Assert.Contains(">target1</h1>", auditorHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("user-reset-password", auditorHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("user-disable", auditorHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorizer_HelpDeskFromTheDirectory_MayResetAndAddMembersButNotCreatePermissionSets()
    {
        var helpDeskId = await UserInAsync("helpdesk1", BuiltInGroups.HelpDeskId);
        var target = await UserInAsync("target1", null);
        var authorizer = factory.Services.GetRequiredService<IAdministrativeAuthorizer>();
        var scope = await authorizer.GetScopeAsync();
        var who = await authorizer.FindAdministratorAsync(helpDeskId);
        Assert.NotNull(who);
        Assert.Equal([BuiltInGroups.HelpDeskName], who.GroupNames);

        var reset = await authorizer.AuthorizeAsync(who, "sso-directory:UpdatePassword", ["*"], subjectUserId: target);
        var add = await authorizer.AuthorizeAsync(who, "identitystore:CreateGroupMembership",
            [AdministrationArns.IdentityStore(scope), AdministrationArns.Group("g-any"), AdministrationArns.User(target)]);
        var permissionSet = await authorizer.AuthorizeAsync(who, "sso:CreatePermissionSet", [AdministrationArns.Instance(scope)]);

        Assert.True(reset.IsAllowed, reset.Reason);
        Assert.True(add.IsAllowed, add.Reason);
        Assert.Equal(Decision.ImplicitDeny, permissionSet.Decision);
        Assert.StartsWith($"User: arn:aws:iam::{scope.AccountId}:user/helpdesk1 is not authorized to perform: sso:CreatePermissionSet", permissionSet.AccessDeniedMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorizer_HelpDeskOnAnAdministratorOrIntoTheAdminsGroup_IsExplicitlyDenied()
    {
        var helpDeskId = await UserInAsync("helpdesk1", BuiltInGroups.HelpDeskId);
        string rootId;
        await using (var s = factory.Services.CreateAsyncScope())
        {
            rootId = (await s.ServiceProvider.GetRequiredService<IUserDirectoryService>().FindByUserNameAsync("root"))!.Id;
        }

        var authorizer = factory.Services.GetRequiredService<IAdministrativeAuthorizer>();
        var scope = await authorizer.GetScopeAsync();
        var who = (await authorizer.FindAdministratorAsync(helpDeskId))!;

        var resetRoot = await authorizer.AuthorizeAsync(who, "sso-directory:UpdatePassword", ["*"], subjectUserId: rootId);
        var joinAdmins = await authorizer.AuthorizeAsync(who, "identitystore:CreateGroupMembership",
            [AdministrationArns.IdentityStore(scope), AdministrationArns.Group(BuiltInGroups.AdministratorsId), AdministrationArns.User(helpDeskId)]);
        var hideTheTag = await authorizer.AuthorizeAsync(who, "sso-directory:UpdatePassword", ["*"],
            new RequestContext().Set("aws:ResourceTag/" + AdministrationPolicies.AdministrativeResourceTag, ""), subjectUserId: rootId);

        Assert.Equal(Decision.ExplicitDeny, resetRoot.Decision);
        Assert.Equal("NoChangesToAdministrators", resetRoot.DecidingStatement?.Sid);
        Assert.Equal(Decision.ExplicitDeny, joinAdmins.Decision);
        Assert.Equal(Decision.ExplicitDeny, hideTheTag.Decision);
    }

    public sealed class Factory : WebApplicationFactory<Program>
    {
        public string DataDirectory { get; } = System.IO.Directory.CreateTempSubdirectory("ic-delegated-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("IdentityCenter:DataDirectory", DataDirectory);
            builder.UseSetting("IdentityCenter:Bootstrap:AdminUserName", "root");
            builder.UseSetting("IdentityCenter:Bootstrap:AdminPassword", "Bootstrap#Pass-2026");
            builder.ConfigureTestServices(services =>
            {
                services.AddIdentityCenterAdminConsole();
                services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, DirectoryClaimsAuthHandler>(DirectoryClaimsAuthHandler.SchemeName, null);
                services.PostConfigure<AuthenticationOptions>(o =>
                {
                    o.DefaultScheme = DirectoryClaimsAuthHandler.SchemeName;
                    o.DefaultAuthenticateScheme = DirectoryClaimsAuthHandler.SchemeName;
                    o.DefaultChallengeScheme = DirectoryClaimsAuthHandler.SchemeName;
                    o.DefaultForbidScheme = DirectoryClaimsAuthHandler.SchemeName;
                });
            });
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                IdentityCenter.Web.Tests.TestHost.TestFolders.TryDelete(DataDirectory);
            }
        }
    }

    /// <summary>
    /// Signs in the user whose id is in a header with the principal the app's own claims factory makes for them (group claims
    /// from the directory), as after a sign-in with MFA. The sign-in pages themselves are not exercised here.
    /// </summary>
    private sealed class DirectoryClaimsAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "DirectoryClaimsTest";
        public const string UserIdHeader = "X-Test-Directory-User";
        public const string NoMfaHeader = "X-Test-No-Mfa";

        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(UserIdHeader, out var id))
            {
                return AuthenticateResult.NoResult();
            }

            var users = Context.RequestServices.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByIdAsync(id.ToString());
            if (user is null)
            {
                return AuthenticateResult.Fail("No such user.");
            }

            var principal = await Context.RequestServices.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(user);
            if (!Request.Headers.ContainsKey(NoMfaHeader))
            {
                ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(IdentityCenterClaimTypes.MfaAuthenticated, IdentityCenterClaimTypes.TrueValue));
            }
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(principal.Claims, SchemeName)), SchemeName));
        }
    }
}
