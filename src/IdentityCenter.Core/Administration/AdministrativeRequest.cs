using System.Globalization;
using IdentityCenter.Core.Catalog;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Matching;

namespace IdentityCenter.Core.Administration;

/// <summary>
/// The one place where an administrative authorization request is built, for the console, the AWS-compatible
/// admin APIs and the simulator alike. A caller gives the administrator, the IAM action, the resource ARN (built
/// with <see cref="AdministrationArns"/>) and only the request keys AWS lets a request carry (<c>aws:SourceIp</c>,
/// <c>aws:SecureTransport</c>, <c>aws:RequestTag/…</c>, service keys …; filtered by
/// <see cref="RoleSessionContext.IsRequestKey"/>, the same rule role sessions use); every principal key
/// (<c>aws:username</c>, <c>aws:userid</c>, <c>aws:PrincipalArn</c>, <c>aws:PrincipalTag/…</c>,
/// <c>aws:MultiFactorAuthPresent</c>, time keys …) comes from the identity and the server's clock.
/// </summary>
public static class AdministrativeRequest
{
    /// <summary>
    /// Checks an action and a resource before they reach the evaluator: the action must be a real action of a service
    /// (per the catalogue; wildcards are not actions) and the resource <c>*</c> or an ARN of one of that service's resource
    /// types. Null when valid; otherwise a message that says what to fix.
    /// </summary>
    public static string? Validate(string action, string resource)
    {
        if (string.IsNullOrWhiteSpace(action) || WildcardPattern.HasWildcards(action))
        {
            return $"'{action}' is not an action; name one IAM action such as identitystore:CreateUser.";
        }

        var known = ServiceAuthorizationCatalog.Default.FindAction(action);
        if (known is null)
        {
            return $"'{action}' is not an action in the Service Authorization Reference; check the spelling (e.g. sso:CreatePermissionSet).";
        }

        if (string.IsNullOrWhiteSpace(resource))
        {
            return "Give the resource ARN the action applies to, or * for actions without resource types.";
        }

        if (resource == "*")
        {
            return null;
        }

        var service = ServiceAuthorizationCatalog.Default.FindService(known.ServicePrefix)!;
        foreach (var type in service.ResourceTypes)
        {
            if (Arn.IsMatch(FormatPattern(type.ArnFormat), resource))
            {
                return null;
            }
        }

        var formats = string.Join(", ", service.ResourceTypes.Select(t => t.ArnFormat.Replace("${Partition}", AdministrationArns.Partition, StringComparison.Ordinal)));
        return formats.Length == 0
            ? $"{known.FullName} has no resource types; use * as the resource."
            : $"'{resource}' is not an ARN of a {known.ServicePrefix} resource; expected one of: {formats}.";
    }

    /// <summary>The request context of one administrative request by <paramref name="who"/> at <paramref name="now"/>.</summary>
    public static RequestContext Context(AdministratorIdentity who, AdministrationScope scope, RequestContext? requestKeys, DateTimeOffset now, ICollection<string>? ignoredKeys = null)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(scope);
        var tags = who.PrincipalTags ?? new Dictionary<string, string>();
        var context = new RequestContext(16 + tags.Count + (requestKeys?.Count ?? 0));
        if (requestKeys is not null)
        {
            foreach (var (key, value) in requestKeys)
            {
                if (RoleSessionContext.IsRequestKey(key))
                {
                    context.Set(key, value);
                }
                else
                {
                    ignoredKeys?.Add(key);
                }
            }
        }

        context.Set("aws:PrincipalArn", who.PrincipalArn(scope));
        context.Set("aws:PrincipalAccount", scope.AccountId);
        context.Set("aws:PrincipalType", "User");
        context.Set("aws:PrincipalIsAWSService", "false");
        context.Set("aws:userid", who.UserId);
        context.Set("aws:username", who.UserName);
        context.Set("identitystore:UserId", who.UserId);
        context.Set("aws:MultiFactorAuthPresent", who.MfaPresent ? "true" : "false");
        context.Set("aws:CurrentTime", RequestContext.FormatTime(now));
        context.Set("aws:EpochTime", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        if (scope.OrganizationId is { Length: > 0 } organizationId)
        {
            context.Set("aws:PrincipalOrgID", organizationId);
        }

        foreach (var (key, value) in tags)
        {
            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                ignoredKeys?.Add(RoleSessionContext.PrincipalTagPrefix + key);
                continue;
            }

            context.Set(RoleSessionContext.PrincipalTagPrefix + key, value);
        }

        return context;
    }

    /// <summary>One administrative request: the administrator's principal ARN, the action, the resource and <see cref="Context"/>.</summary>
    public static AuthorizationRequest Build(
        AdministratorIdentity who, string action, string resource, AdministrationScope scope, RequestContext? requestKeys, DateTimeOffset now, ICollection<string>? ignoredKeys = null)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(scope);
        return new AuthorizationRequest(who.PrincipalArn(scope), action, resource, Context(who, scope, requestKeys, now, ignoredKeys));
    }

    // "arn:${Partition}:organizations::${Account}:ou/o-${OrganizationId}/ou-${OrganizationalUnitId}" → "arn:aws:organizations::*:ou/o-*/ou-*".
    private static string FormatPattern(string format)
    {
        var pattern = format.Replace("${Partition}", AdministrationArns.Partition, StringComparison.Ordinal);
        while (pattern.IndexOf("${", StringComparison.Ordinal) is var start and >= 0)
        {
            var end = pattern.IndexOf('}', start);
            pattern = string.Concat(pattern.AsSpan(0, start), "*", pattern.AsSpan(end + 1));
        }

        return pattern;
    }
}
