using System.Collections.Immutable;

namespace IdentityCenter.Core.Policies.Language;

/// <summary>
/// One key test inside a <c>Condition</c> block: an operator such as <c>ForAnyValue:StringLikeIfExists</c>,
/// a condition key, and its values (any of which may match).
/// </summary>
public sealed record PolicyCondition(string Operator, string Key, ImmutableArray<string> Values);
