namespace IdentityCenter.Core.Organizations;

/// <summary>One policy attached at one level: what the evaluator needs to compile it.</summary>
public sealed record PolicyPathEntry(string PolicyId, string PolicyName, string Document);

/// <summary>The policies attached directly to one node on the path from the root to an account.</summary>
public sealed record PolicyPathLevel(
    string TargetId,
    OrganizationTargetType TargetType,
    string TargetName,
    IReadOnlyList<PolicyPathEntry> Policies);

/// <summary>
/// The SCP (or RCP) path for an account: levels ordered root → each OU → the account. AWS semantics:
/// an action is allowed only if every level allows it (at least one policy per level), and any
/// explicit deny at any level wins. When <see cref="AppliesToAccount"/> is false (the management
/// account) the levels are empty and the guardrail does not restrict the account at all.
/// </summary>
public sealed record OrganizationPolicyPath(
    OrganizationPolicyType PolicyType,
    string AccountId,
    bool AppliesToAccount,
    IReadOnlyList<PolicyPathLevel> Levels)
{
    /// <summary>Every distinct policy on the path, in path order (for cache keys and display).</summary>
    public IEnumerable<PolicyPathEntry> DistinctPolicies =>
        Levels.SelectMany(l => l.Policies).DistinctBy(p => p.PolicyId, StringComparer.Ordinal);
}
