namespace IdentityCenter.Core.Policies.Evaluation;

/// <summary>The outcome of an authorization question.</summary>
public enum Decision
{
    /// <summary>Some policy allows and nothing denies or caps the request.</summary>
    Allow,

    /// <summary>A matching Deny statement in any policy.</summary>
    ExplicitDeny,

    /// <summary>Nothing allows the request (or an SCP/RCP level, boundary or session policy does not).</summary>
    ImplicitDeny,

    /// <summary>The question could not be evaluated (malformed input).</summary>
    Error,
}
