namespace IdentityCenter.Core.Policies.Evaluation;

/// <summary>The decision, plus the explanation when one was asked for.</summary>
public readonly record struct EvaluationResult(Decision Decision, Explanation? Explanation);
