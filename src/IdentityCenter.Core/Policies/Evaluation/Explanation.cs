using IdentityCenter.Core.Policies.Language;

namespace IdentityCenter.Core.Policies.Evaluation;

/// <summary>The result of one step (one policy type, or one SCP/RCP level).</summary>
public enum StepOutcome
{
    /// <summary>The policies of this step allow the request.</summary>
    Allows,

    /// <summary>A statement in this step explicitly denies.</summary>
    Denies,

    /// <summary>Nothing in this step allows the request.</summary>
    NoAllow,

    /// <summary>The policy type is absent (no organization, no boundary, ...).</summary>
    NotPresent,
}

/// <summary>One step of the evaluation, in AWS order: SCP levels, RCP levels, resource, identity, boundary, session.</summary>
public sealed record EvaluationStep(PolicyType PolicyType, int? Level, StepOutcome Outcome, string Detail);

/// <summary>What a statement did for this request.</summary>
public enum StatementRole
{
    /// <summary>A matching Allow.</summary>
    Allows,

    /// <summary>A matching Deny.</summary>
    Denies,

    /// <summary>Action, resource and principal matched but a condition did not hold.</summary>
    ConditionsNotMet,
}

/// <summary>
/// A statement that matched (or nearly matched) the request. <c>Statement</c> is the Sid, or "#index"
/// (0-based) when the statement has none; <c>MissingContextKeys</c> are condition keys it tested that the
/// request lacked.
/// </summary>
public sealed record StatementTrace(
    PolicyType PolicyType,
    int? Level,
    string PolicyName,
    string Statement,
    int Index,
    string? Sid,
    Effect Effect,
    StatementRole Role,
    PrincipalMatch? PrincipalMatch,
    IReadOnlyList<string> MissingContextKeys);

/// <summary>
/// Why the evaluator decided what it decided; rendered step by step by the simulator. <c>DecidedBy</c> is
/// the policy type that decided.
/// </summary>
public sealed record Explanation(
    Decision Decision,
    PolicyType? DecidedBy,
    string Reason,
    IReadOnlyList<EvaluationStep> Steps,
    IReadOnlyList<StatementTrace> Statements,
    IReadOnlyList<string> MissingContextKeys);
