namespace IdentityCenter.Core.Policies.Evaluation.Conditions;

/// <summary>How the request value is compared with the policy value.</summary>
public enum Comparison
{
    Equals,
    Like,
    LessThan,
    LessThanEquals,
    GreaterThan,
    GreaterThanEquals,
}
