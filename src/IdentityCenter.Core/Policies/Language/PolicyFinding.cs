namespace IdentityCenter.Core.Policies.Language;

/// <summary>
/// One problem or hint about a policy document, positioned at a 1-based <paramref name="Line"/> and
/// <paramref name="Column"/> of the source and at a JSON path such as <c>$.Statement[0].Effect</c>.
/// The message says what to change.
/// </summary>
public sealed record PolicyFinding(FindingSeverity Severity, int Line, int Column, string Path, string Code, string Message)
{
    public override string ToString() =>
        $"{Line}:{Column} {Severity.ToString().ToLowerInvariant()} {Code} at {Path}: {Message}";
}
