using System.Text;
using IdentityCenter.Core.Catalog;

namespace IdentityCenter.Core.Administration;

/// <summary>
/// The one place where ARNs of administrative resources are built, from the ARN formats of the Service
/// Authorization Reference (the shipped <see cref="ServiceAuthorizationCatalog"/>), e.g.
/// <c>arn:aws:identitystore::ACCOUNT:identitystore/d-…</c>, <c>arn:aws:identitystore:::user/ID</c>,
/// <c>arn:aws:sso:::permissionSet/ssoins-…/ps-…</c>, <c>arn:aws:organizations::ACCOUNT:ou/o-…/ou-…</c>.
/// Ids are passed as IdentityCenter stores them (with their <c>o-</c>, <c>ou-</c>, <c>r-</c>, <c>p-</c> prefixes).
/// </summary>
public static class AdministrationArns
{
    public const string Partition = "aws";

    public static string IdentityStore(AdministrationScope scope) =>
        Build("identitystore", "Identitystore", ("Account", Scope(scope).AccountId), ("IdentityStoreId", scope.IdentityStoreId));

    public static string User(string userId) => Build("identitystore", "User", ("UserId", userId));

    public static string Group(string groupId) => Build("identitystore", "Group", ("GroupId", groupId));

    public static string GroupMembership(string membershipId) => Build("identitystore", "GroupMembership", ("MembershipId", membershipId));

    public static string AllUsers => Build("identitystore", "AllUsers");

    public static string AllGroups => Build("identitystore", "AllGroups");

    public static string AllGroupMemberships => Build("identitystore", "AllGroupMemberships");

    /// <summary>
    /// A directory user as IAM names the holder of long-term access keys (<c>arn:aws:iam::ACCOUNT:user/NAME</c>): the resource of
    /// <c>iam:CreateAccessKey</c> and the other access key actions, and the principal ARN an administrator has (so
    /// <c>arn:aws:iam::*:user/${aws:username}</c> in a document means "their own keys").
    /// </summary>
    public static string IamUser(AdministrationScope scope, string userName) =>
        Build("iam", "user", ("Account", Scope(scope).AccountId), ("UserNameWithPath", userName));

    /// <summary>A directory group as IAM names the holder of administration documents (<c>arn:aws:iam::ACCOUNT:group/NAME</c>).</summary>
    public static string IamGroup(AdministrationScope scope, string groupName) =>
        Build("iam", "group", ("Account", Scope(scope).AccountId), ("GroupNameWithPath", groupName));

    public static string Instance(AdministrationScope scope) => Build("sso", "Instance", ("InstanceId", Scope(scope).InstanceId));

    public static string PermissionSet(AdministrationScope scope, string permissionSetId) =>
        Build("sso", "PermissionSet", ("InstanceId", Scope(scope).InstanceId), ("PermissionSetId", permissionSetId));

    /// <summary>An AWS account as IAM Identity Center names it in assignments (<c>arn:aws:sso:::account/ID</c>).</summary>
    public static string SsoAccount(string accountId) => Build("sso", "Account", ("AccountId", accountId));

    public static string Organization(AdministrationScope scope) =>
        Build("organizations", "organization", ("Account", Scope(scope).AccountId), ("OrganizationId", OrganizationOf(scope)));

    public static string Root(AdministrationScope scope, string rootId) =>
        Build("organizations", "root", ("Account", scope.AccountId), ("OrganizationId", OrganizationOf(scope)), ("RootId", rootId));

    public static string OrganizationalUnit(AdministrationScope scope, string organizationalUnitId) =>
        Build("organizations", "organizationalunit", ("Account", scope.AccountId), ("OrganizationId", OrganizationOf(scope)), ("OrganizationalUnitId", organizationalUnitId));

    public static string OrganizationAccount(AdministrationScope scope, string accountId) =>
        Build("organizations", "account", ("Account", scope.AccountId), ("OrganizationId", OrganizationOf(scope)), ("AccountId", accountId));

    /// <summary>An organization policy; <paramref name="policyType"/> as in its ARN (<c>service_control_policy</c>, <c>resource_control_policy</c>).</summary>
    public static string OrganizationPolicy(AdministrationScope scope, string policyType, string policyId) =>
        Build("organizations", "policy", ("Account", scope.AccountId), ("OrganizationId", OrganizationOf(scope)), ("PolicyType", policyType), ("PolicyId", policyId));

    /// <summary>
    /// The resource that stands for a whole service of this instance, for questions such as "may this administrator
    /// use the Users page at all": the identity store for <c>identitystore</c> actions, the instance for <c>sso</c>, the
    /// organization for <c>organizations</c> (once one exists), <c>*</c> for services without resource types.
    /// Specific operations ask again with the resources the reference requires.
    /// </summary>
    public static string ScopeResource(string action, AdministrationScope scope)
    {
        ArgumentNullException.ThrowIfNull(action);
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        var service = colon > 0 ? action[..colon] : action;
        return service.ToLowerInvariant() switch
        {
            "identitystore" => IdentityStore(scope),
            "sso" => Instance(scope),
            "organizations" when scope?.OrganizationId is not null => Organization(scope),
            _ => "*",
        };
    }

    /// <summary>
    /// The resources of a directory operation on a user and/or a group, as the reference requires them: for
    /// <c>identitystore</c> actions the identity store plus the user and group ARNs given; for services without
    /// resource types (<c>sso-directory</c>, <c>identitystore-auth</c>) <c>*</c> (the authorizer is told the user separately).
    /// </summary>
    public static IReadOnlyList<string> DirectoryResources(string action, AdministrationScope scope, string? userId = null, string? groupId = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!action.StartsWith("identitystore:", StringComparison.OrdinalIgnoreCase))
        {
            return ["*"];
        }

        var resources = new List<string>(3) { IdentityStore(scope) };
        if (groupId is not null)
        {
            resources.Add(Group(groupId));
        }

        if (userId is not null)
        {
            resources.Add(User(userId));
        }

        return resources;
    }

    /// <summary>
    /// The ARN of <paramref name="resourceType"/> of <paramref name="service"/> with its <c>${…}</c> parts filled in.
    /// A value that already carries the literal prefix the format writes before its placeholder (<c>o-${OrganizationId}</c>
    /// given <c>o-abc</c>) is not prefixed twice. Throws for a resource type the catalogue does not have or a part not given:
    /// both are programming errors, not input errors.
    /// </summary>
    public static string Build(string service, string resourceType, params (string Name, string Value)[] parts)
    {
        var format = FindFormat(service, resourceType)
            ?? throw new ArgumentException($"The Service Authorization Reference has no resource type '{resourceType}' for service '{service}'.", nameof(resourceType));
        var result = new StringBuilder(format.Length + 32);
        var i = 0;
        while (i < format.Length)
        {
            var start = format.IndexOf("${", i, StringComparison.Ordinal);
            if (start < 0)
            {
                result.Append(format, i, format.Length - i);
                break;
            }

            var end = format.IndexOf('}', start);
            var name = format[(start + 2)..end];
            var value = name == "Partition" ? Partition : Lookup(parts, name)
                ?? throw new ArgumentException($"The ARN of {service} {resourceType} needs a value for '{name}' ({format}).", nameof(parts));
            result.Append(format, i, start - i);
            var literalPrefix = LiteralPrefix(format, start);
            if (literalPrefix.Length > 0 && value.StartsWith(literalPrefix, StringComparison.Ordinal))
            {
                value = value[literalPrefix.Length..];
            }

            result.Append(value);
            i = end + 1;
        }

        return result.ToString();
    }

    /// <summary>The ARN format of a resource type (<c>arn:${Partition}:sso:::instance/${InstanceId}</c>), or null.</summary>
    public static string? FindFormat(string service, string resourceType) =>
        ServiceAuthorizationCatalog.Default.FindService(service)?.ResourceTypes
            .FirstOrDefault(r => string.Equals(r.Name, resourceType, StringComparison.OrdinalIgnoreCase))?.ArnFormat;

    private static AdministrationScope Scope(AdministrationScope scope) => scope ?? throw new ArgumentNullException(nameof(scope));

    private static string OrganizationOf(AdministrationScope scope) =>
        Scope(scope).OrganizationId ?? throw new ArgumentException("No organization exists yet, so organization resources have no ARN.", nameof(scope));

    private static string? Lookup((string Name, string Value)[] parts, string name)
    {
        foreach (var (key, value) in parts)
        {
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return null;
    }

    // "o-" in ".../o-${OrganizationId}": the letters and dash written right before the placeholder.
    private static string LiteralPrefix(string format, int placeholderStart)
    {
        var j = placeholderStart;
        if (j == 0 || format[j - 1] != '-')
        {
            return string.Empty;
        }

        j--;
        while (j > 0 && char.IsAsciiLetterLower(format[j - 1]))
        {
            j--;
        }

        return format[j..placeholderStart];
    }
}
