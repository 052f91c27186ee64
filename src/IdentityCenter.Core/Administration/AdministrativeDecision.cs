using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;

namespace IdentityCenter.Core.Administration;

/// <summary>
/// The answer to "may this administrator do this": the evaluator's decision for the resource that decided (the
/// first resource not allowed, or the first resource when all are), its reason, the statement that decided (an
/// Allow or a Deny; none for an implicit deny), the explanation when asked for, and condition keys a caller gave
/// that were left out because the identity sets them.
/// </summary>
public sealed record AdministrativeDecision(
    Decision Decision,
    string PrincipalArn,
    string Action,
    string Resource,
    string Reason,
    StatementTrace? DecidingStatement,
    Explanation? Explanation,
    IReadOnlyList<string> IgnoredContextKeys)
{
    public bool IsAllowed => Decision == Decision.Allow;

    /// <summary>
    /// The message of an <c>AccessDeniedException</c>, worded as AWS words it:
    /// <c>User: ARN is not authorized to perform: ACTION on resource: ARN because no identity-based policy allows the ACTION action</c>
    /// (or <c>with an explicit deny in an identity-based policy</c>, naming the policy and statement).
    /// </summary>
    public string AccessDeniedMessage => Decision switch
    {
        Decision.Allow => string.Empty,
        Decision.ExplicitDeny => $"User: {PrincipalArn} is not authorized to perform: {Action} on resource: {Resource} with an explicit deny in an identity-based policy"
            + (DecidingStatement is { } s ? $" ({s.PolicyName}, statement {s.Statement})" : string.Empty),
        Decision.ImplicitDeny => $"User: {PrincipalArn} is not authorized to perform: {Action} on resource: {Resource} because no identity-based policy allows the {Action} action",
        _ => Reason,
    };
}

/// <summary>
/// Administrative authorization as one pure call: validate the action and resources, build each request with
/// <see cref="AdministrativeRequest"/> and ask <see cref="PolicyEvaluator"/>. Every resource the Service
/// Authorization Reference requires for the action must be allowed, as in AWS.
/// </summary>
public static class AdministrativeAuthorization
{
    /// <summary>
    /// Decides whether <paramref name="who"/>, holding <paramref name="policies"/>, may perform <paramref name="action"/> on every
    /// one of <paramref name="resources"/>. <paramref name="resourceContext"/> may add, per resource, request keys that describe
    /// it (e.g. <c>aws:ResourceTag/…</c>). Invalid input gives <see cref="Decision.Error"/> with a reason that says what to fix.
    /// </summary>
    public static AdministrativeDecision Decide(
        AdministratorIdentity who,
        string action,
        IReadOnlyList<string> resources,
        AdministrationScope scope,
        PolicySet policies,
        RequestContext? requestKeys,
        DateTimeOffset now,
        bool explain = true,
        Func<string, RequestContext?>? resourceContext = null)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(policies);
        var principal = who.PrincipalArn(scope);
        if (resources.Count == 0)
        {
            return Error(principal, action, string.Empty, $"Give at least one resource ARN for {action} (or * for actions without resource types).");
        }

        foreach (var resource in resources)
        {
            if (AdministrativeRequest.Validate(action, resource) is { } problem)
            {
                return Error(principal, action, resource, problem);
            }
        }

        AdministrativeDecision? first = null;
        foreach (var resource in resources)
        {
            var ignored = new List<string>();
            var keys = Merge(requestKeys, resourceContext?.Invoke(resource));
            var request = AdministrativeRequest.Build(who, action, resource, scope, keys, now, ignored);
            var result = PolicyEvaluator.Evaluate(request, policies, explain);
            var decision = new AdministrativeDecision(
                result.Decision,
                principal,
                action,
                resource,
                result.Explanation?.Reason ?? Describe(result.Decision, action),
                DecidingStatement(result),
                result.Explanation,
                ignored);
            if (!decision.IsAllowed)
            {
                return decision;
            }

            first ??= decision;
        }

        return first!;
    }

    private static RequestContext? Merge(RequestContext? requestKeys, RequestContext? resourceKeys)
    {
        if (resourceKeys is null || resourceKeys.Count == 0)
        {
            return requestKeys;
        }

        var merged = new RequestContext((requestKeys?.Count ?? 0) + resourceKeys.Count);
        foreach (var (key, value) in requestKeys ?? RequestContext.Empty)
        {
            merged.Set(key, value);
        }

        foreach (var (key, value) in resourceKeys)
        {
            merged.Set(key, value);
        }

        return merged;
    }

    private static StatementTrace? DecidingStatement(EvaluationResult result)
    {
        if (result.Explanation is not { } explanation)
        {
            return null;
        }

        var wanted = result.Decision switch
        {
            Decision.ExplicitDeny => (StatementRole?)StatementRole.Denies,
            Decision.Allow => StatementRole.Allows,
            _ => null,
        };
        return wanted is null ? null : explanation.Statements.FirstOrDefault(s => s.Role == wanted && (s.Effect == Effect.Deny) == (wanted == StatementRole.Denies));
    }

    private static string Describe(Decision decision, string action) => decision switch
    {
        Decision.Allow => $"An identity-based policy allows {action}.",
        Decision.ExplicitDeny => $"A policy explicitly denies {action}.",
        _ => $"No identity-based policy allows {action}.",
    };

    private static AdministrativeDecision Error(string principal, string action, string resource, string reason) =>
        new(Decision.Error, principal, action ?? string.Empty, resource, reason, null, null, []);
}
