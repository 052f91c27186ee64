using System.Collections.Immutable;
using System.Text;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Core.Policies.Matching;

namespace IdentityCenter.Core.Policies.Evaluation;

/// <summary>
/// A policy string (resource pattern or condition value), either literal or a template of policy variables.
/// Literal strings resolve without allocating.
/// </summary>
internal sealed class CompiledText
{
    private readonly ImmutableArray<VariablePart> parts;

    private CompiledText(string literal, ImmutableArray<VariablePart> parts, bool isValid)
    {
        Literal = literal;
        this.parts = parts;
        IsValid = isValid;
    }

    /// <summary>The policy text as written.</summary>
    public string Literal { get; }

    public bool HasVariables => !parts.IsDefault;

    /// <summary>False for a malformed variable: such a value never matches.</summary>
    public bool IsValid { get; }

    public static CompiledText Create(string text, PolicyVersion version)
    {
        if (version == PolicyVersion.Version2008 || !PolicyVariables.ContainsVariable(text))
        {
            return new CompiledText(text, default, true);
        }

        return PolicyVariables.TryParse(text, out var parts, out _)
            ? new CompiledText(text, parts, true)
            : new CompiledText(text, default, false);
    }

    /// <summary>
    /// Substitutes variables from the request context. For patterns, characters coming from variable values
    /// and from <c>${*}</c>/<c>${?}</c> are literal, never wildcards. Returns false when a variable's key
    /// is missing and has no default: the value cannot match.
    /// </summary>
    public bool TryResolve(RequestContext context, bool forPattern, List<string>? missingKeys, out string resolved)
    {
        if (parts.IsDefault)
        {
            resolved = Literal;
            return IsValid;
        }

        var builder = new StringBuilder(Literal.Length + 16);
        foreach (var part in parts)
        {
            if (part.Key is null)
            {
                if (part.IsEscapedWildcard && forPattern)
                {
                    builder.Append(part.Literal == "*" ? WildcardPattern.LiteralStar : WildcardPattern.LiteralQuestion);
                }
                else
                {
                    builder.Append(part.Literal);
                }

                continue;
            }

            var value = context.TryGetValue(part.Key, out var contextValue) && contextValue.Count == 1 && !contextValue.IsMultivalued
                ? contextValue[0]
                : part.Default;
            if (value is null)
            {
                missingKeys?.Add(part.Key);
                resolved = string.Empty;
                return false;
            }

            if (forPattern)
            {
                foreach (var c in value)
                {
                    builder.Append(c switch
                    {
                        '*' => WildcardPattern.LiteralStar,
                        '?' => WildcardPattern.LiteralQuestion,
                        _ => c,
                    });
                }
            }
            else
            {
                builder.Append(value);
            }
        }

        resolved = builder.ToString();
        return true;
    }
}
