namespace IdentityCenter.Core.Policies.Language;

/// <summary>
/// The outcome of <see cref="PolicyParser.Parse"/>: the document when its structure could be read (it may
/// still carry <see cref="FindingSeverity.Error"/> findings such as an unknown operator or a size over the
/// limit), and every finding in source order. One rule everywhere: a document with Error findings is not
/// evaluated (<see cref="Evaluable"/> is null); the CLI's evaluate and validate-policy, the editor and the
/// simulator all refuse it the same way, naming the first error.
/// </summary>
public sealed record PolicyParseResult(PolicyDocument? Document, IReadOnlyList<PolicyFinding> Findings)
{
    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);

    /// <summary>The document, when it has no Error findings and may be evaluated; null otherwise.</summary>
    public PolicyDocument? Evaluable => HasErrors ? null : Document;

    public IEnumerable<PolicyFinding> Errors => Findings.Where(f => f.Severity == FindingSeverity.Error);
}
