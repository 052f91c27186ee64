namespace IdentityCenter.Core.Policies.Language;

/// <summary>How serious a finding is. Errors mean AWS would reject the document.</summary>
public enum FindingSeverity
{
    Error,
    Warning,
    Suggestion,
}
