using IdentityCenter.Core.Policies.Language;

namespace IdentityCenter.Core.Policies.Evaluation;

/// <summary>
/// The statement that decided a request, read from the evaluator's <see cref="Explanation"/>, as the simulator
/// highlights it: for an explicit deny, the first matching Deny (whatever policy type holds it); for an allow, the
/// first matching Allow of an identity or resource-based policy (the SCP and RCP allows only let it through); for an
/// implicit deny, none (no statement decided: <see cref="Explanation.Reason"/> says which step allowed nothing).
/// </summary>
public static class DecidingStatements
{
    public static StatementTrace? Of(Explanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        return explanation.Decision switch
        {
            Decision.ExplicitDeny => explanation.Statements.FirstOrDefault(s => s.Role == StatementRole.Denies && s.Effect == Effect.Deny),
            Decision.Allow => explanation.Statements.FirstOrDefault(s => s.Role == StatementRole.Allows && s.Effect == Effect.Allow
                && s.PolicyType is PolicyType.IdentityPolicy or PolicyType.ResourcePolicy),
            _ => null,
        };
    }

    /// <summary>"policy name, statement Sid" (or "#index" for a statement without Sid), as the room view and logs show it.</summary>
    public static string Describe(StatementTrace statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return $"{statement.PolicyName}, statement {statement.Statement}";
    }
}
