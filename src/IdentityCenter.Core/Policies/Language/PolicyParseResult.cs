namespace IdentityCenter.Core.Policies.Language;

/// <summary>
/// The outcome of <see cref="PolicyParser.Parse"/>: the document when its structure could be read (it may
/// still carry <see cref="FindingSeverity.Error"/> findings such as an unknown operator or a size over the
/// limit), and every finding in source order.
/// </summary>
public sealed record PolicyParseResult(PolicyDocument? Document, IReadOnlyList<PolicyFinding> Findings)
{
    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);

    public IEnumerable<PolicyFinding> Errors => Findings.Where(f => f.Severity == FindingSeverity.Error);
}
