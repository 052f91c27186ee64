using System.Collections.Immutable;

namespace IdentityCenter.Core.Policies.Language;

/// <summary>The policy language version. A document without <c>Version</c> follows 2008-10-17 rules.</summary>
public enum PolicyVersion
{
    /// <summary>2008-10-17: policy variables are literal text.</summary>
    Version2008,

    /// <summary>2012-10-17: policy variables are substituted.</summary>
    Version2012,
}

/// <summary>Statement effect.</summary>
public enum Effect
{
    Allow,
    Deny,
}

/// <summary>A parsed, immutable IAM policy document.</summary>
public sealed record PolicyDocument(
    PolicyVersion Version,
    bool VersionSpecified,
    string? Id,
    ImmutableArray<PolicyStatement> Statements);

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

/// <summary>
/// One key test inside a <c>Condition</c> block: an operator such as <c>ForAnyValue:StringLikeIfExists</c>,
/// a condition key, and its values (any of which may match).
/// </summary>
public sealed record PolicyCondition(string Operator, string Key, ImmutableArray<string> Values);
