using IdentityCenter.Core.Policies.Evaluation.Conditions;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Core.Policies.Matching;

namespace IdentityCenter.Core.Policies.Evaluation;

/// <summary>How far a statement got against a request.</summary>
internal enum StatementOutcome
{
    /// <summary>Action, resource or principal do not match.</summary>
    NotApplicable,

    /// <summary>Action, resource and principal match but a condition is false.</summary>
    ConditionsNotMet,

    /// <summary>Everything matches: the statement's effect applies.</summary>
    Matched,
}

/// <summary>A statement compiled for fast, allocation-free matching.</summary>
internal sealed class CompiledStatement
{
    private readonly string[] actions;
    private readonly bool[] actionHasWildcard;
    private readonly bool actionsAll;
    private readonly CompiledText[] resources;
    private readonly ArnPattern?[] literalResources;
    private readonly CompiledCondition[] conditions;
    private readonly CompiledPrincipal? principal;

    public CompiledStatement(PolicyStatement statement, PolicyVersion version)
    {
        ArgumentNullException.ThrowIfNull(statement);
        Source = statement;
        Effect = statement.Effect;
        actions = [.. statement.Actions];
        actionHasWildcard = [.. actions.Select(a => WildcardPattern.HasWildcards(a))];
        actionsAll = !statement.IsNotAction && actions.Contains("*");
        resources = [.. statement.Resources.Select(r => CompiledText.Create(r, version))];
        literalResources = [.. resources.Select(r => r.HasVariables || !r.IsValid ? null : new ArnPattern(r.Literal))];
        conditions = [.. statement.Conditions.Select(c => new CompiledCondition(c, version))];
        principal = statement.Principal is null ? null : new CompiledPrincipal(statement.Principal);
        HasVariables = resources.Any(r => r.HasVariables) || conditions.Any(c => c.HasVariables);
    }

    public PolicyStatement Source { get; }

    public Effect Effect { get; }

    public bool HasVariables { get; }

    public bool MatchesAction(string action)
    {
        if (actionsAll)
        {
            return true;
        }

        var any = false;
        for (var i = 0; i < actions.Length; i++)
        {
            if (actionHasWildcard[i]
                ? WildcardPattern.IsMatch(actions[i], action, ignoreCase: true)
                : string.Equals(actions[i], action, StringComparison.OrdinalIgnoreCase))
            {
                any = true;
                break;
            }
        }

        return any != Source.IsNotAction;
    }

    /// <summary>Resource/NotResource test. A NotResource pattern whose variable is missing makes the statement unmatchable.</summary>
    public bool MatchesResource(AuthorizationRequest request, List<string>? missingKeys)
    {
        if (!Source.HasResourceElement)
        {
            return true;
        }

        var any = false;
        for (var i = 0; i < resources.Length; i++)
        {
            if (literalResources[i] is { } literal)
            {
                if (literal.IsMatch(request.Resource, request.ResourceIsArn, request.ResourceParts))
                {
                    any = true;
                    break;
                }

                continue;
            }

            var pattern = resources[i];
            if (!pattern.TryResolve(request.Context, forPattern: true, missingKeys, out var resolved))
            {
                if (Source.IsNotResource)
                {
                    return false;
                }

                continue;
            }

            if (Arn.IsMatch(resolved, request.Resource))
            {
                any = true;
                break;
            }
        }

        return any != Source.IsNotResource;
    }

    /// <summary>Principal/NotPrincipal test for resource-based policies.</summary>
    public PrincipalMatch MatchPrincipal(AuthorizationRequest request, bool principalHasBoundary)
    {
        if (principal is null)
        {
            return PrincipalMatch.None;
        }

        if (!Source.IsNotPrincipal)
        {
            return principal.Match(request);
        }

        // AWS: NotPrincipal with Deny always denies a principal that has a permissions boundary.
        if (principalHasBoundary && Effect == Effect.Deny)
        {
            return PrincipalMatch.Direct;
        }

        return principal.Match(request) == PrincipalMatch.None ? PrincipalMatch.Direct : PrincipalMatch.None;
    }

    public bool ConditionsHold(RequestContext context, List<string>? missingKeys)
    {
        foreach (var condition in conditions)
        {
            if (!condition.Evaluate(context, missingKeys))
            {
                return false;
            }
        }

        return true;
    }
}
