using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Core.Policies.Matching;

namespace IdentityCenter.Core.Policies.Evaluation;

/// <summary>How a Principal element matched the requesting principal, weakest first.</summary>
public enum PrincipalMatch
{
    /// <summary>Not named.</summary>
    None,

    /// <summary>Named through its account (a bare account id or <c>:root</c>): the account delegates, it does not grant.</summary>
    Account,

    /// <summary>Named through the IAM role of a role session (limited by boundaries and session policies).</summary>
    SessionRole,

    /// <summary>Named through the IAM user of a federated-user session.</summary>
    SessionUser,

    /// <summary>Named exactly (user, session, service ARN) or through <c>"*"</c>.</summary>
    Direct,
}

/// <summary>A compiled Principal/NotPrincipal element.</summary>
internal sealed class CompiledPrincipal
{
    private readonly bool wildcard;
    private readonly string[] accounts;
    private readonly string[] exact;
    private readonly (string Account, string Name, string Arn)[] roles;
    private readonly (string Account, string Name)[] users;
    private readonly string[] services;
    private readonly string[] others;

    public CompiledPrincipal(PrincipalElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        wildcard = element.IsWildcard;
        var accountList = new List<string>();
        var exactList = new List<string>();
        var roleList = new List<(string, string, string)>();
        var userList = new List<(string, string)>();
        foreach (var value in element.Aws)
        {
            if (value == "*")
            {
                continue;
            }

            if (Arn.IsAccountId(value))
            {
                accountList.Add(value);
                continue;
            }

            if (!Arn.TrySplit(value, out var parts))
            {
                exactList.Add(value);
                continue;
            }

            var service = parts.Component(value, 2);
            var account = parts.Component(value, 4).ToString();
            var resource = parts.Component(value, 5);
            var lastSlash = resource.LastIndexOf('/');
            var name = lastSlash >= 0 ? resource[(lastSlash + 1)..].ToString() : string.Empty;
            if (service.SequenceEqual("iam") && resource.SequenceEqual("root"))
            {
                accountList.Add(account);
                continue;
            }

            exactList.Add(value);
            if (service.SequenceEqual("iam") && resource.StartsWith("role/", StringComparison.Ordinal))
            {
                roleList.Add((account, name, value));
            }
            else if (service.SequenceEqual("iam") && resource.StartsWith("user/", StringComparison.Ordinal))
            {
                userList.Add((account, name));
            }
        }

        accounts = [.. accountList];
        exact = [.. exactList];
        roles = [.. roleList];
        users = [.. userList];
        services = [.. element.Service];
        others = [.. element.Federated, .. element.CanonicalUser];
    }

    public PrincipalMatch Match(AuthorizationRequest request)
    {
        if (wildcard)
        {
            return PrincipalMatch.Direct;
        }

        var principal = request.Principal;
        if (request.PrincipalKind == PrincipalKind.Service)
        {
            foreach (var service in services)
            {
                if (string.Equals(service, principal, StringComparison.Ordinal))
                {
                    return PrincipalMatch.Direct;
                }
            }

            return PrincipalMatch.None;
        }

        foreach (var value in exact)
        {
            if (string.Equals(value, principal, StringComparison.Ordinal))
            {
                return PrincipalMatch.Direct;
            }
        }

        foreach (var value in others)
        {
            if (string.Equals(value, principal, StringComparison.Ordinal))
            {
                return PrincipalMatch.Direct;
            }
        }

        if (request.PrincipalKind == PrincipalKind.FederatedUser)
        {
            foreach (var (account, name) in users)
            {
                if (account == request.PrincipalAccount && name == request.PrincipalName)
                {
                    return PrincipalMatch.SessionUser;
                }
            }
        }

        if (request.PrincipalKind == PrincipalKind.AssumedRole)
        {
            // A role ARN covers every session of the role. The session ARN carries no path, so compare
            // account and role name; when aws:PrincipalArn gives the full role ARN, the path must match too.
            foreach (var (account, name, arn) in roles)
            {
                if (account == request.PrincipalAccount && name == request.PrincipalName
                    && (request.PrincipalRoleArn is null || string.Equals(arn, request.PrincipalRoleArn, StringComparison.Ordinal)))
                {
                    return PrincipalMatch.SessionRole;
                }
            }
        }

        foreach (var account in accounts)
        {
            if (account == request.PrincipalAccount)
            {
                return PrincipalMatch.Account;
            }
        }

        return PrincipalMatch.None;
    }
}
