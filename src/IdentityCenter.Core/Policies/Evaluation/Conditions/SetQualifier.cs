namespace IdentityCenter.Core.Policies.Evaluation.Conditions;

/// <summary>The set qualifier in front of an operator, for multivalued context keys.</summary>
public enum SetQualifier
{
    None,
    ForAllValues,
    ForAnyValue,
}
