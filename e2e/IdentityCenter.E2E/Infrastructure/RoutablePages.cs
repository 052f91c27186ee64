using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Events;
using IdentityCenter.Infrastructure.Directory;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.E2E.Infrastructure;

/// <summary>
/// The app's routable pages, in one place for every browser test that opens them all (the Content-Security-Policy
/// check, the accessibility check): those the navigation reaches, and those reached only from other pages.
/// </summary>
public static class RoutablePages
{
    private const string PageCheckEvent = "Page check";

    /// <summary>The administration console's pages without route parameters.</summary>
    public static readonly IReadOnlyList<string> Administration =
    [
        "/admin", "/admin/users", "/admin/users/import", "/admin/groups", "/admin/organization", "/admin/organization/policies",
        "/admin/policies", "/admin/permission-sets", "/admin/assignments/new", "/admin/access/matrix", "/admin/simulator",
        "/admin/audit", "/admin/settings/mfa", "/admin/settings/password-policy", "/admin/settings/abac",
        "/admin/credentials/services", "/admin/credentials/access-advisor", "/admin/credentials/revoke", "/admin/reports/credentials",
        "/admin/events", "/admin/environment", "/admin/workshop/clock",
    ];

    /// <summary>The pages every signed-in person has: their account and the AWS access portal.</summary>
    public static readonly IReadOnlyList<string> Portal = ["/account", "/start", "/start/cli", "/start/playground"];

    /// <summary>The sign-in pages, which the accessibility and layout tests open while signing in and out.</summary>
    public static readonly IReadOnlyList<string> SignIn =
        ["/Account/Login", "/Account/ChangePassword", "/Account/EnrollMfa", "/Account/LoginWithTotp", "/Account/Lockout"];

    /// <summary>The portal pages opened from others (a role's console link, a device code, a sign-in request).</summary>
    public static readonly IReadOnlyList<string> PortalReachedFromOthers = ["/start/console", "/device", "/start/authorize"];

    /// <summary>The route templates of <see cref="ReachedFromOthersAsync"/>.</summary>
    public static readonly IReadOnlyList<string> ReachedFromOthersTemplates =
    [
        "/admin/users/{UserId}", "/admin/groups/{GroupId}", "/admin/permission-sets/{PermissionSetId}", "/admin/accounts/{AccountId}/assignments",
        "/admin/events/{EventId}", "/admin/events/{EventId}/cards", "/admin/events/{EventId}/room",
        "/not-found", "/Account/AccessDenied", "/Error", "/",
    ];

    /// <summary>
    /// Every route template the accessibility and layout tests open: compared with the router's by
    /// <c>RoutablePagesTests</c>, so a page added to the app without being added here fails a test.
    /// </summary>
    public static IEnumerable<string> CheckedTemplates =>
        Administration.Concat(Portal).Concat(SignIn).Concat(PortalReachedFromOthers).Concat(ReachedFromOthersTemplates);

    /// <summary>
    /// The pages reached only from others, with the heading each shows, on the workshop organization (seeded):
    /// one user, group, permission set and account's assignments, a one-attendee workshop event (its page, cards and room
    /// view; created once), not found, access denied, the error page, the landing page.
    /// </summary>
    public static async Task<IReadOnlyList<(string Path, string Heading)>> ReachedFromOthersAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var organization = (await provider.GetRequiredService<IOrganizationService>().GetOrganizationAsync())!;
        var sandbox = organization.Accounts.Single(a => a.Name == "Sandbox");
        var ana = (await provider.GetRequiredService<IUserDirectoryService>().FindByUserNameAsync("ana.admin"))!;
        var group = (await provider.GetRequiredService<IGroupDirectoryService>().ListGroupsAsync(new GroupQuery("Workshop-CloudAdmins"))).Items.Single();
        var set = (await provider.GetRequiredService<IPermissionSetService>().ListAsync()).Single(s => s.Name == "AdministratorAccess");
        var events = provider.GetRequiredService<IWorkshopEventService>();
        var eventId = (await events.ListAsync()).FirstOrDefault(e => e.Name == PageCheckEvent)?.Id;
        if (eventId is null)
        {
            var now = DateTimeOffset.UtcNow;
            var readOnly = (await provider.GetRequiredService<IPermissionSetService>().ListAsync()).Single(s => s.Name == "ReadOnly");
            var created = await events.CreateAsync(
                new WorkshopEventInput(PageCheckEvent, now.AddHours(-1), now.AddDays(1), 1, "pagecheck", [], [readOnly.Id], SharedAccountId: sandbox.Id),
                Actor.System);
            eventId = created.Succeeded ? created.Value!.EventId : throw new InvalidOperationException("The page-check event was refused: " + created.Summary);
        }

        return
        [
            ($"/admin/users/{ana.Id}", "ana.admin"),
            ($"/admin/groups/{group.Id}", "Workshop-CloudAdmins"),
            ($"/admin/permission-sets/{set.Id}", "AdministratorAccess"),
            ($"/admin/accounts/{sandbox.Id}/assignments", $"Sandbox ({sandbox.Id})"),
            ($"/admin/events/{eventId}", PageCheckEvent),
            ($"/admin/events/{eventId}/cards", "Sign-in cards: " + PageCheckEvent),
            ($"/admin/events/{eventId}/room", "Room view: " + PageCheckEvent),
            ("/admin/no-such-page", "Page not found"),
            ("/not-found", "Page not found"),
            ("/Account/AccessDenied", "Access denied"),
            ("/Error", "Something went wrong"),
            ("/", "IdentityCenter"),
        ];
    }
}
