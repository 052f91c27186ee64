using IdentityCenter.Core.Policies.Matching;

namespace IdentityCenter.Core.Policies.Evaluation;

/// <summary>
/// One authorization question: who (principal ARN) does what (action) on which resource, with which
/// request context. Cheap to build per request; the principal ARN is decoded once here.
/// </summary>
public sealed class AuthorizationRequest
{
    public AuthorizationRequest(string principal, string action, string resource, RequestContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(resource);
        Principal = principal;
        Action = action;
        Resource = resource;
        Context = context ?? RequestContext.Empty;
        ResourceIsArn = Arn.TrySplit(resource, out var resourceParts);
        ResourceParts = resourceParts;
        (PrincipalKind, PrincipalAccount, PrincipalName) = Decode(principal);
        if (PrincipalAccount.Length == 0 && Context.GetString("aws:PrincipalAccount") is { } fromContext)
        {
            PrincipalAccount = fromContext;
        }

        // A role session's ARN drops the role's path; aws:PrincipalArn carries the full role ARN when known.
        if (PrincipalKind == PrincipalKind.AssumedRole
            && Context.GetString("aws:PrincipalArn") is { } roleArn
            && Arn.TrySplit(roleArn, out var roleParts)
            && roleParts.Component(roleArn, 5).StartsWith("role/", StringComparison.Ordinal))
        {
            PrincipalRoleArn = roleArn;
            IsServiceLinkedRole = roleParts.Component(roleArn, 5).StartsWith(ServiceLinkedRolePath, StringComparison.Ordinal);
        }
        else if (PrincipalKind == PrincipalKind.Role && Arn.TrySplit(principal, out var principalParts))
        {
            IsServiceLinkedRole = principalParts.Component(principal, 5).StartsWith(ServiceLinkedRolePath, StringComparison.Ordinal);
        }
    }

    /// <summary>Service-linked roles live under this path (<c>arn:aws:iam::ACCOUNT:role/aws-service-role/SERVICE/NAME</c>).</summary>
    public const string ServiceLinkedRolePath = "role/aws-service-role/";

    public string Principal { get; }

    public string Action { get; }

    public string Resource { get; }

    public RequestContext Context { get; }

    /// <summary>The resource split into ARN components once per request (valid when <see cref="ResourceIsArn"/>).</summary>
    internal ArnParts ResourceParts { get; }

    internal bool ResourceIsArn { get; }

    public PrincipalKind PrincipalKind { get; }

    /// <summary>Account of the principal, or empty for service principals.</summary>
    public string PrincipalAccount { get; }

    /// <summary>For a role session, the full role ARN (with path) from <c>aws:PrincipalArn</c>, when the context gives it.</summary>
    public string? PrincipalRoleArn { get; }

    /// <summary>
    /// True when the principal is a service-linked role or one of its sessions (the role's path is
    /// <c>/aws-service-role/</c>; for a session, as given by <c>aws:PrincipalArn</c>).
    /// </summary>
    public bool IsServiceLinkedRole { get; }

    /// <summary>User name, role name (for a role or its sessions) or federated user name; empty otherwise.</summary>
    public string PrincipalName { get; }

    private static (PrincipalKind, string, string) Decode(string principal)
    {
        if (!Arn.TrySplit(principal, out var parts))
        {
            if (Arn.IsAccountId(principal))
            {
                return (PrincipalKind.Root, principal, string.Empty);
            }

            return principal.Contains('.', StringComparison.Ordinal)
                ? (PrincipalKind.Service, string.Empty, string.Empty)
                : (PrincipalKind.Unknown, string.Empty, string.Empty);
        }

        var service = parts.Component(principal, 2);
        var account = parts.Component(principal, 4).ToString();
        var resource = parts.Component(principal, 5);
        if (service.SequenceEqual("sts"))
        {
            if (resource.StartsWith("assumed-role/", StringComparison.Ordinal))
            {
                var rest = resource["assumed-role/".Length..];
                var slash = rest.IndexOf('/');
                return (PrincipalKind.AssumedRole, account, (slash >= 0 ? rest[..slash] : rest).ToString());
            }

            if (resource.StartsWith("federated-user/", StringComparison.Ordinal))
            {
                return (PrincipalKind.FederatedUser, account, resource["federated-user/".Length..].ToString());
            }
        }
        else if (service.SequenceEqual("iam"))
        {
            if (resource.SequenceEqual("root"))
            {
                return (PrincipalKind.Root, account, string.Empty);
            }

            var lastSlash = resource.LastIndexOf('/');
            var name = lastSlash >= 0 ? resource[(lastSlash + 1)..].ToString() : string.Empty;
            if (resource.StartsWith("user/", StringComparison.Ordinal))
            {
                return (PrincipalKind.User, account, name);
            }

            if (resource.StartsWith("role/", StringComparison.Ordinal))
            {
                return (PrincipalKind.Role, account, name);
            }
        }

        return (PrincipalKind.Unknown, account, string.Empty);
    }
}
