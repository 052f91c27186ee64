using System.Collections.Frozen;
using System.Collections.Immutable;

namespace IdentityCenter.Core.Policies.Language;

/// <summary>One piece of a string that may contain policy variables.</summary>
/// <param name="Literal">Text used as is (for <c>${*}</c>, <c>${?}</c>, <c>${$}</c> the literal character).</param>
/// <param name="Key">Condition key of a variable, or null for a literal piece.</param>
/// <param name="Default">Value used when the key is missing from the request, if given.</param>
/// <param name="IsEscapedWildcard">True for <c>${*}</c> and <c>${?}</c>, which stay literal in patterns.</param>
public sealed record VariablePart(string Literal, string? Key, string? Default, bool IsEscapedWildcard);

/// <summary>Finds and checks <c>${...}</c> policy variables (2012-10-17 policies).</summary>
public static class PolicyVariables
{
    /// <summary>Multivalued keys cannot be used as policy variables.</summary>
    private static readonly FrozenSet<string> MultivaluedKeys = new[]
    {
        "aws:TagKeys", "aws:PrincipalOrgPaths", "aws:PrincipalServiceNamesList", "aws:CalledVia",
        "aws:ResourceOrgPaths", "aws:SourceOrgPaths",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static bool ContainsVariable(string text) =>
        text is not null && text.Contains("${", StringComparison.Ordinal);

    /// <summary>
    /// Splits <paramref name="text"/> into literal and variable parts. Returns false with a message that
    /// says what to fix when a variable is malformed or unsupported.
    /// </summary>
    public static bool TryParse(string text, out ImmutableArray<VariablePart> parts, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = ImmutableArray.CreateBuilder<VariablePart>();
        var literal = new System.Text.StringBuilder();
        problem = null;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var close = text.IndexOf('}', i + 2);
                if (close < 0)
                {
                    problem = $"Policy variable starting at character {i + 1} is not closed. Add '}}', or write ${{$}} for a literal '$'.";
                    parts = [];
                    return false;
                }

                var inner = text.AsSpan(i + 2, close - i - 2).Trim();
                if (inner is "*" or "?" or "$")
                {
                    if (literal.Length > 0)
                    {
                        builder.Add(new VariablePart(literal.ToString(), null, null, false));
                        literal.Clear();
                    }

                    builder.Add(new VariablePart(inner.ToString(), null, null, inner[0] != '$'));
                    i = close + 1;
                    continue;
                }

                if (!TryParseVariable(inner, out var key, out var fallback, out problem))
                {
                    parts = [];
                    return false;
                }

                if (literal.Length > 0)
                {
                    builder.Add(new VariablePart(literal.ToString(), null, null, false));
                    literal.Clear();
                }

                builder.Add(new VariablePart(string.Empty, key, fallback, false));
                i = close + 1;
                continue;
            }

            literal.Append(text[i]);
            i++;
        }

        if (literal.Length > 0)
        {
            builder.Add(new VariablePart(literal.ToString(), null, null, false));
        }

        parts = builder.ToImmutable();
        return true;
    }

    private static bool TryParseVariable(ReadOnlySpan<char> inner, out string key, out string? fallback, out string? problem)
    {
        key = string.Empty;
        fallback = null;
        problem = null;
        var comma = inner.IndexOf(',');
        var keySpan = (comma >= 0 ? inner[..comma] : inner).Trim();
        if (comma >= 0)
        {
            var def = inner[(comma + 1)..].Trim();
            if (def.Length < 2 || def[0] != '\'' || def[^1] != '\'')
            {
                problem = $"The default value in '${{{inner}}}' must be in single quotes, e.g. ${{aws:username, 'anonymous'}}.";
                return false;
            }

            fallback = def[1..^1].ToString();
        }

        if (keySpan.IsEmpty)
        {
            problem = "Empty policy variable '${}'. Name a condition key, e.g. ${aws:username}.";
            return false;
        }

        var colon = keySpan.IndexOf(':');
        if (colon <= 0 || colon == keySpan.Length - 1)
        {
            problem = $"Unsupported policy variable '${{{keySpan}}}'. Variables name a condition key with a service prefix, e.g. ${{aws:username}} or ${{aws:PrincipalTag/team}}; use ${{*}}, ${{?}} or ${{$}} for literal characters.";
            return false;
        }

        foreach (var c in keySpan[..colon])
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                problem = $"Unsupported policy variable '${{{keySpan}}}': the service prefix may contain only letters, digits and '-'.";
                return false;
            }
        }

        foreach (var c in keySpan[(colon + 1)..])
        {
            if (c is '$' or '{' or '\'' || char.IsControl(c))
            {
                problem = $"Unsupported policy variable '${{{keySpan}}}': character '{c}' cannot appear in a condition key name.";
                return false;
            }
        }

        key = keySpan.ToString();
        if (MultivaluedKeys.Contains(key))
        {
            problem = $"'{key}' is multivalued and cannot be used as a policy variable. Use a single-valued key, or test it in a Condition with ForAnyValue/ForAllValues.";
            return false;
        }

        return true;
    }
}
