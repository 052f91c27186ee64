using System.Text.Json;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Events;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Infrastructure.Tests.EnvironmentExport;

/// <summary>
/// What an administrator would compare between two instances, by name (ids differ), as the administration-as-code
/// acceptance test does: OUs, accounts, SCPs/RCPs with their targets, customer managed policies, ABAC attributes, users
/// with their extra attributes, groups with members, permission sets with their policies, assignments, and the effective
/// access matrix: for every user, every account and role the portal lists, with the principal tags the session gets.
/// </summary>
internal static class EnvironmentSnapshot
{
    public static async Task<List<string>> TakeAsync(IServiceProvider services)
    {
        var organizations = services.GetRequiredService<IOrganizationService>();
        var lines = new List<string>();
        var view = await organizations.GetOrganizationAsync();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (view is not null)
        {
            var units = view.OrganizationalUnits.ToDictionary(u => u.Id);
            string PathOf(string id) => units.TryGetValue(id, out var u) ? PathOf(u.ParentId) + "/" + u.Name : "Root";
            foreach (var unit in view.OrganizationalUnits)
            {
                names[unit.Id] = PathOf(unit.Id);
            }

            names[view.Organization.RootId] = "Root";
            foreach (var account in view.Accounts)
            {
                names[account.Id] = account.Name;
            }

            lines.AddRange(view.OrganizationalUnits.Select(u => $"ou: {names[u.Id]}"));
            lines.AddRange(view.Accounts.Select(a => $"account: {a.Name} <{a.Email}> {a.Status} management={a.IsManagement} in {names[a.ParentId]}"));
            lines.AddRange((await organizations.ListPoliciesAsync()).Select(p =>
                $"policy: {p.Type} {p.Name} ({p.Description}) {Normalized(p.Document)} on {string.Join(",", p.TargetIds.Select(t => names[t]).Order(StringComparer.Ordinal))}"));
        }

        var policies = services.GetRequiredService<IPolicyService>();
        foreach (var policy in await policies.ListCustomerManagedPoliciesAsync())
        {
            var detail = (await policies.GetCustomerManagedPolicyAsync(policy.Id))!;
            lines.Add($"customer managed: {names.GetValueOrDefault(policy.AccountId)} {policy.Path}{policy.Name} ({policy.Description}) {Normalized(detail.DefaultDocument)}");
        }

        var attributes = services.GetRequiredService<IAccessControlAttributeService>();
        lines.AddRange((await attributes.GetAttributesAsync()).Select(a => $"abac: {a.Key} = {a.Source}"));

        var users = await services.GetRequiredService<IUserDirectoryService>().ListUserDetailsAsync(null, 200);
        foreach (var u in users)
        {
            var extra = (await attributes.GetUserAttributesAsync(u.Id)).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}");
            lines.Add($"user: {u.UserName} {u.DisplayName} {u.GivenName} {u.FamilyName} <{u.Email}> enabled={u.Enabled} {string.Join(",", extra)}");
        }

        var groups = services.GetRequiredService<IGroupDirectoryService>();
        foreach (var group in await groups.ListGroupDetailsAsync(null, 200))
        {
            names[group.Id] = group.DisplayName;
            var members = (await groups.ListMembersAsync(group.Id, null, 0, 200)).Items.Select(m => m.UserName).Order(StringComparer.Ordinal);
            lines.Add($"group: {group.DisplayName} ({group.Description}) builtin={group.IsBuiltIn} members {string.Join(",", members)}");
        }

        var permissionSets = services.GetRequiredService<IPermissionSetService>();
        var assignments = services.GetRequiredService<IAssignmentService>();
        foreach (var summary in await permissionSets.ListAsync())
        {
            var set = (await permissionSets.GetAsync(summary.Id))!.PermissionSet;
            lines.Add($"permission set: {set.Name} ({set.Description}) {set.SessionDuration} relay={set.RelayState} managed {string.Join(",", set.ManagedPolicyArns)}"
                + $" customer {string.Join(",", set.CustomerManagedPolicyReferences)} inline {Normalized(set.InlinePolicy)}"
                + $" boundary {set.PermissionsBoundary?.ManagedPolicyArn}{set.PermissionsBoundary?.CustomerManagedPolicyReference} tags {string.Join(",", set.Tags)}");
            lines.AddRange((await assignments.ListForPermissionSetAsync(summary.Id)).Select(a => $"assignment: {a.AccountName} {a.PermissionSetName} {a.PrincipalType} {a.PrincipalName}"));
        }

        // Event templates, their references by name.
        foreach (var summary in await permissionSets.ListAsync())
        {
            names[summary.Id] = summary.Name;
        }

        string Named(string? id) => id is null ? "-" : names.GetValueOrDefault(id, "?" + id);
        foreach (var t in await services.GetRequiredService<IWorkshopEventTemplateService>().ListAsync())
        {
            lines.Add($"event template: {t.Name} {t.AttendeeCount}x{t.UserNamePrefix} {t.DurationHours}h {t.AccountMode} account={Named(t.SharedAccountId)} parent={Named(t.ParentOrganizationalUnitId)}"
                + $" {t.AssignmentScope} authenticator={t.WithAuthenticator} groups {string.Join(",", t.GroupIds.Select(Named))} sets {string.Join(",", t.PermissionSetIds.Select(Named))}");
        }

        lines.AddRange(await MatrixAsync(services));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>For every user × account × role the portal would list: the role and the principal tags its sessions get.</summary>
    public static async Task<List<string>> MatrixAsync(IServiceProvider services)
    {
        var entitlements = services.GetRequiredService<IEntitlementService>();
        var lines = new List<string>();
        foreach (var user in await services.GetRequiredService<IUserDirectoryService>().ListUserDetailsAsync(null, 200))
        {
            foreach (var account in await entitlements.ListAccountsAsync(user.Id))
            {
                foreach (var role in await entitlements.ListRolesAsync(user.Id, account.AccountId))
                {
                    var grant = (await entitlements.ResolveRoleAsync(user.Id, account.AccountId, role.RoleName)).Grant!;
                    lines.Add($"entitled: {user.UserName} in {account.AccountName} as {role.RoleName} ({role.SessionDuration}) tags {string.Join(",", grant.PrincipalTags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key + "=" + t.Value))}");
                }
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string? Normalized(string? document) =>
        document is null ? null : JsonSerializer.Serialize(JsonDocument.Parse(document).RootElement);
}
