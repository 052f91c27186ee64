using System.Collections.Concurrent;
using IdentityCenter.Core.Administration;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Identity;

namespace IdentityCenter.Infrastructure.Administration;

/// <summary>
/// Which administration documents a set of groups holds: each built-in administrative group holds its built-in
/// document (<see cref="BuiltInGroups.Administrative"/>); other groups hold none this release. Policy sets are
/// compiled once per combination.
/// </summary>
public static class BuiltInAdministration
{
    private static readonly ConcurrentDictionary<string, PolicySet> Sets = new(StringComparer.Ordinal);

    /// <summary>The documents held through <paramref name="groupNames"/>, strongest group first, without repeats.</summary>
    public static IReadOnlyList<string> PolicyNamesFor(IEnumerable<string> groupNames)
    {
        ArgumentNullException.ThrowIfNull(groupNames);
        var names = new HashSet<string>(groupNames, StringComparer.OrdinalIgnoreCase);
        return [.. BuiltInGroups.Administrative.Where(g => names.Contains(g.Name)).Select(g => g.PolicyName).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The compiled identity-policy set of an administrator in <paramref name="groupNames"/>.</summary>
    public static PolicySet PolicySetFor(IEnumerable<string> groupNames)
    {
        var policies = PolicyNamesFor(groupNames);
        return Sets.GetOrAdd(string.Join('|', policies), _ => new PolicySet(
            [.. policies.Select(AdministrationPolicies.Get)], null, null, null, null, null, null));
    }
}
