using IdentityCenter.Core.Policies.Language;

namespace IdentityCenter.Core.Policies.Evaluation;

/// <summary>A named policy document, as attached to a principal, resource or organization level.</summary>
public sealed record NamedPolicy(string Name, PolicyDocument Document);
