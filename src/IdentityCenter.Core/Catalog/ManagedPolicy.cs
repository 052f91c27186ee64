namespace IdentityCenter.Core.Catalog;

public enum ManagedPolicyKind
{
    /// <summary>An AWS managed IAM policy (<c>arn:aws:iam::aws:policy/…</c>).</summary>
    AwsManagedIamPolicy,

    /// <summary>An AWS managed service control policy of AWS Organizations.</summary>
    ServiceControlPolicy,

    /// <summary>An AWS managed resource control policy of AWS Organizations.</summary>
    ResourceControlPolicy,
}

/// <summary>
/// An AWS managed policy shipped with IdentityCenter (read-only). <see cref="Document"/> is the JSON
/// text exactly as published, for the evaluator to parse.
/// </summary>
public sealed record ManagedPolicy(
    string Name,
    string Arn,
    string Path,
    string? Description,
    string VersionId,
    string Document,
    ManagedPolicyKind Kind,
    DateTimeOffset? CreateDate = null,
    DateTimeOffset? UpdateDate = null);
