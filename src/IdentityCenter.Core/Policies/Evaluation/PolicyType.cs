namespace IdentityCenter.Core.Policies.Evaluation;

/// <summary>The kinds of policy, in the order AWS evaluates them and the simulator shows them.</summary>
public enum PolicyType
{
    ServiceControlPolicy,
    ResourceControlPolicy,
    ResourcePolicy,
    IdentityPolicy,
    PermissionsBoundary,
    SessionPolicy,
}
