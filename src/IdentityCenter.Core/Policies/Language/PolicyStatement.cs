using System.Collections.Immutable;

namespace IdentityCenter.Core.Policies.Language;

/// <summary>
/// One statement. Exactly one of <see cref="Actions"/> (with <see cref="IsNotAction"/>) is given; resources
/// likewise. <see cref="Resources"/> is empty with <see cref="HasResourceElement"/> false only in
/// resource-based trust policies, where the statement applies to the resource that holds it.
/// </summary>
public sealed record PolicyStatement(
    int Index,
    string? Sid,
    Effect Effect,
    PrincipalElement? Principal,
    bool IsNotPrincipal,
    ImmutableArray<string> Actions,
    bool IsNotAction,
    ImmutableArray<string> Resources,
    bool IsNotResource,
    bool HasResourceElement,
    ImmutableArray<PolicyCondition> Conditions)
{
    /// <summary>"Sid" when present, else "#index" (0-based), as shown in explanations.</summary>
    public string Label => Sid ?? "#" + Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
