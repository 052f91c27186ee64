namespace IdentityCenter.Core.Policies.Evaluation.Conditions;

/// <summary>The type of comparison an operator performs.</summary>
public enum ConditionFamily
{
    Text,
    TextIgnoreCase,
    Numeric,
    Date,
    Bool,
    Binary,
    IpAddress,
    Arn,
    Null,
}
