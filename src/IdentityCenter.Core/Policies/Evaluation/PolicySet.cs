namespace IdentityCenter.Core.Policies.Evaluation;

/// <summary>
/// Every policy that bears on a request, compiled once and meant to be cached by callers:
/// identity policies of the principal, the resource's policy and owning account, SCP levels
/// (root, OUs, account: each must allow), RCP levels, the permissions boundary and session policies.
/// </summary>
public sealed class PolicySet
{
    /// <summary>Compiles the given documents. Empty boundary or session lists mean "none".</summary>
    public PolicySet(
        IEnumerable<NamedPolicy> identity,
        NamedPolicy? resource = null,
        string? resourceAccount = null,
        IEnumerable<IEnumerable<NamedPolicy>>? serviceControlPolicies = null,
        IEnumerable<IEnumerable<NamedPolicy>>? resourceControlPolicies = null,
        IEnumerable<NamedPolicy>? permissionsBoundary = null,
        IEnumerable<NamedPolicy>? sessionPolicies = null)
        : this(
            Compile(identity ?? throw new ArgumentNullException(nameof(identity))),
            resource is null ? null : new CompiledPolicy(resource),
            resourceAccount,
            serviceControlPolicies?.Select(Compile),
            resourceControlPolicies?.Select(Compile),
            permissionsBoundary is null ? null : Compile(permissionsBoundary),
            sessionPolicies is null ? null : Compile(sessionPolicies))
    {
    }

    /// <summary>
    /// Builds a set from policies compiled earlier, so callers can compile each document once and share it
    /// across many sets (e.g. one SCP per organization level reused by every account below it).
    /// </summary>
    public PolicySet(
        IEnumerable<CompiledPolicy> identity,
        CompiledPolicy? resource,
        string? resourceAccount,
        IEnumerable<IEnumerable<CompiledPolicy>>? serviceControlPolicies,
        IEnumerable<IEnumerable<CompiledPolicy>>? resourceControlPolicies,
        IEnumerable<CompiledPolicy>? permissionsBoundary,
        IEnumerable<CompiledPolicy>? sessionPolicies)
    {
        ArgumentNullException.ThrowIfNull(identity);
        IdentityPolicies = [.. identity];
        Resource = resource;
        ResourceAccount = string.IsNullOrEmpty(resourceAccount) ? null : resourceAccount;
        ServiceControlLevels = serviceControlPolicies is null ? null : [.. serviceControlPolicies.Select(level => level.ToArray())];
        ResourceControlLevels = resourceControlPolicies is null ? null : [.. resourceControlPolicies.Select(level => level.ToArray())];
        var boundary = permissionsBoundary?.ToArray();
        BoundaryPolicies = boundary is { Length: > 0 } ? boundary : null;
        var session = sessionPolicies?.ToArray();
        SessionPolicyArray = session is { Length: > 0 } ? session : null;
        UsesVariables = All().Any(p => p.UsesVariables);
    }

    /// <summary>
    /// This set for a resource in another account: the same identity side, with the RCP levels of the account
    /// that owns the resource (RCPs restrict resources, so they are the resource account's, not the principal's).
    /// </summary>
    public PolicySet WithResourceControlLevels(IEnumerable<IEnumerable<CompiledPolicy>>? resourceControlLevels) =>
        new(IdentityPolicies, Resource, ResourceAccount, ServiceControlLevels, resourceControlLevels, BoundaryPolicies, SessionPolicyArray);

    /// <summary>This set with a resource-based policy and the account that owns the resource (e.g. a bucket policy).</summary>
    public PolicySet WithResourcePolicy(CompiledPolicy? resource, string? resourceAccount) =>
        new(IdentityPolicies, resource, resourceAccount, ServiceControlLevels, ResourceControlLevels, BoundaryPolicies, SessionPolicyArray);

    public IReadOnlyList<CompiledPolicy> Identity => IdentityPolicies;

    public CompiledPolicy? Resource { get; }

    /// <summary>Account owning the resource; when null, taken from the resource ARN or else the principal's account.</summary>
    public string? ResourceAccount { get; }

    /// <summary>Null = no organization. Otherwise one array per level; an empty level allows nothing.</summary>
    public IReadOnlyList<CompiledPolicy[]>? ServiceControlLevels { get; }

    /// <summary>Null = no RCPs. Otherwise one array per level.</summary>
    public IReadOnlyList<CompiledPolicy[]>? ResourceControlLevels { get; }

    /// <summary>Null (or empty on input) = no boundary.</summary>
    public IReadOnlyList<CompiledPolicy>? PermissionsBoundary => BoundaryPolicies;

    /// <summary>Null (or empty on input) = no session policy.</summary>
    public IReadOnlyList<CompiledPolicy>? SessionPolicies => SessionPolicyArray;

    // Arrays for the hot path: iterating IReadOnlyList<T> would box an enumerator per decision.
    internal CompiledPolicy[] IdentityPolicies { get; }

    internal CompiledPolicy[]? BoundaryPolicies { get; }

    internal CompiledPolicy[]? SessionPolicyArray { get; }

    /// <summary>True when some policy uses policy variables.</summary>
    public bool UsesVariables { get; }

    private static CompiledPolicy[] Compile(IEnumerable<NamedPolicy> policies) => [.. policies.Select(p => new CompiledPolicy(p))];

    public IEnumerable<CompiledPolicy> All()
    {
        foreach (var level in ServiceControlLevels ?? [])
        {
            foreach (var p in level)
            {
                yield return p;
            }
        }

        foreach (var level in ResourceControlLevels ?? [])
        {
            foreach (var p in level)
            {
                yield return p;
            }
        }

        if (Resource is not null)
        {
            yield return Resource;
        }

        foreach (var p in Identity)
        {
            yield return p;
        }

        foreach (var p in PermissionsBoundary ?? [])
        {
            yield return p;
        }

        foreach (var p in SessionPolicies ?? [])
        {
            yield return p;
        }
    }
}
