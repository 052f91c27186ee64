using System.Collections.Immutable;

namespace IdentityCenter.Core.Policies.Language;

/// <summary>A parsed, immutable IAM policy document.</summary>
public sealed record PolicyDocument(
    PolicyVersion Version,
    bool VersionSpecified,
    string? Id,
    ImmutableArray<PolicyStatement> Statements);
