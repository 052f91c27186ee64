using IdentityCenter.Core.Policies.Language;

namespace IdentityCenter.Core.Policies.Evaluation;

/// <summary>A policy compiled once for evaluation. Immutable and safe to share across threads.</summary>
public sealed class CompiledPolicy
{
    public CompiledPolicy(NamedPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Name = policy.Name;
        Document = policy.Document;
        Statements = [.. policy.Document.Statements.Select(s => new CompiledStatement(s, policy.Document.Version))];
        UsesVariables = Statements.Any(s => s.HasVariables);
    }

    public string Name { get; }

    public PolicyDocument Document { get; }

    /// <summary>True when some Resource or Condition value uses policy variables (evaluation then allocates).</summary>
    public bool UsesVariables { get; }

    internal CompiledStatement[] Statements { get; }
}
