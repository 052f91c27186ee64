using System.Collections.Immutable;

namespace IdentityCenter.Core.Policies.Language;

/// <summary>
/// A <c>Principal</c> or <c>NotPrincipal</c> element: <c>"*"</c>, or a map of <c>AWS</c>, <c>Service</c>,
/// <c>Federated</c>, <c>CanonicalUser</c> to one or more values.
/// </summary>
public sealed record PrincipalElement(
    bool IsWildcard,
    ImmutableArray<string> Aws,
    ImmutableArray<string> Service,
    ImmutableArray<string> Federated,
    ImmutableArray<string> CanonicalUser)
{
    public static PrincipalElement Everyone { get; } = new(true, [], [], [], []);
}
