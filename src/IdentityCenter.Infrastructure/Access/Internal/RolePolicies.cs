using IdentityCenter.Core.Catalog;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;

namespace IdentityCenter.Infrastructure.Access.Internal;

/// <summary>
/// Composes a role's documents (Core's <see cref="PermissionSetPolicyComposer"/>) and compiles them into the
/// evaluator's <see cref="PolicySet"/>. The role carries the permission set as last provisioned in the
/// account; customer managed policies and SCP/RCPs are read as they are now (as in AWS).
/// </summary>
internal static class RolePolicies
{
    /// <summary>The definition in force in the account: the provisioned one, else the current one (not provisioned yet).</summary>
    public static PermissionSet? DefinitionFor(AccessSnapshot snapshot, string accountId, string permissionSetId) =>
        snapshot.FindRole(accountId, permissionSetId)?.Definition
        ?? (snapshot.PermissionSets.TryGetValue(permissionSetId, out var entry) ? entry.Model : null);

    public static RolePolicySources? Compose(AccessSnapshot snapshot, string accountId, string permissionSetId)
    {
        // A suspended (or closing) account grants nothing: its roles have no policies to evaluate.
        if (snapshot.Tree?.FindAccount(accountId) is not { Status: AccountStatus.Active })
        {
            return null;
        }

        var definition = DefinitionFor(snapshot, accountId, permissionSetId);
        return definition is null
            ? null
            : PermissionSetPolicyComposer.Compose(definition, accountId, ManagedPolicyCatalog.Default, snapshot.CustomerPolicies, snapshot.Tree);
    }

    public static PolicySet? Build(AccessSnapshot snapshot, string accountId, string permissionSetId)
    {
        var sources = Compose(snapshot, accountId, permissionSetId);
        if (sources is null)
        {
            return null;
        }

        var identity = sources.IdentityPolicies
            .Select(p => Compile(snapshot, p.Name, p.Document, p.Kind == PolicySourceKind.Inline ? PolicyKind.Inline : PolicyKind.Managed))
            .OfType<CompiledPolicy>()
            .ToList();
        var boundary = sources.PermissionsBoundary is { } b ? Compile(snapshot, b.Name, b.Document, PolicyKind.Managed) : null;

        // A boundary that is set but cannot be found or read must not widen the role: it then allows nothing.
        if (boundary is null && DefinitionFor(snapshot, accountId, permissionSetId)?.PermissionsBoundary is not null)
        {
            boundary = UnresolvedBoundary.Value;
        }
        return new PolicySet(
            identity,
            resource: null,
            resourceAccount: null,
            Levels(snapshot, sources.ServiceControlPolicies, PolicyKind.Scp),
            Levels(snapshot, sources.ResourceControlPolicies, PolicyKind.Rcp),
            boundary is null ? null : [boundary],
            sessionPolicies: null);
    }

    /// <summary>The RCP levels that apply to resources of <paramref name="accountId"/>; null outside the organization and for the management account.</summary>
    public static List<CompiledPolicy[]>? ResourceControlLevels(AccessSnapshot snapshot, string accountId) =>
        Levels(snapshot, snapshot.Tree?.ComputePolicyPath(accountId, OrganizationPolicyType.ResourceControlPolicy), PolicyKind.Rcp);

    private static readonly Lazy<CompiledPolicy> UnresolvedBoundary = new(() => new CompiledPolicy(new NamedPolicy(
        "UnresolvedPermissionsBoundary",
        PolicyParser.Parse("""{"Version":"2012-10-17","Statement":[{"Sid":"BoundaryNotFound","Effect":"Allow","Action":"identitycenter:NoActionMatchesThis","Resource":"*"}]}""", PolicyKind.Managed).Document!)));

    /// <summary>Null (no guardrail) when the path does not apply, as for the management account.</summary>
    private static List<CompiledPolicy[]>? Levels(AccessSnapshot snapshot, OrganizationPolicyPath? path, PolicyKind kind) =>
        path is not { AppliesToAccount: true }
            ? null
            : path.Levels.Select(l => l.Policies.Select(p => Compile(snapshot, p.PolicyName, p.Document, kind)).OfType<CompiledPolicy>().ToArray()).ToList();

    /// <summary>
    /// Compiles once per snapshot per (kind, name, document); a document whose structure cannot be read
    /// grants nothing. Size findings are ignored here: AWS managed policies (ReadOnlyAccess) exceed the
    /// customer managed limit by design, and saved documents were validated when they were saved.
    /// </summary>
    private static CompiledPolicy? Compile(AccessSnapshot snapshot, string name, string document, PolicyKind kind) =>
        snapshot.CompiledDocuments.GetOrAdd(((int)kind).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\u0001" + name + "\u0001" + document, _ =>
        {
            var parsed = PolicyParser.Parse(document, kind);
            return parsed.Document is null ? null : new CompiledPolicy(new NamedPolicy(name, parsed.Document));
        });
}
