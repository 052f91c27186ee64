using System.Collections.Frozen;

namespace IdentityCenter.Core.Policies.Evaluation.Conditions;

/// <summary>
/// A parsed condition operator such as <c>ForAnyValue:StringNotLikeIfExists</c>. <see cref="Negated"/>
/// operators (<c>StringNotEquals</c>, <c>NotIpAddress</c>, <c>ArnNotLike</c>, ...) are true when the request
/// value matches none of the policy values.
/// </summary>
public sealed record ConditionOperator(
    string Name,
    string BaseName,
    ConditionFamily Family,
    Comparison Comparison,
    bool Negated,
    bool IfExists,
    SetQualifier Set)
{
    private static readonly FrozenDictionary<string, (ConditionFamily Family, Comparison Comparison, bool Negated)> Bases =
        new Dictionary<string, (ConditionFamily, Comparison, bool)>(StringComparer.Ordinal)
        {
            ["StringEquals"] = (ConditionFamily.Text, Comparison.Equals, false),
            ["StringNotEquals"] = (ConditionFamily.Text, Comparison.Equals, true),
            ["StringEqualsIgnoreCase"] = (ConditionFamily.TextIgnoreCase, Comparison.Equals, false),
            ["StringNotEqualsIgnoreCase"] = (ConditionFamily.TextIgnoreCase, Comparison.Equals, true),
            ["StringLike"] = (ConditionFamily.Text, Comparison.Like, false),
            ["StringNotLike"] = (ConditionFamily.Text, Comparison.Like, true),
            ["NumericEquals"] = (ConditionFamily.Numeric, Comparison.Equals, false),
            ["NumericNotEquals"] = (ConditionFamily.Numeric, Comparison.Equals, true),
            ["NumericLessThan"] = (ConditionFamily.Numeric, Comparison.LessThan, false),
            ["NumericLessThanEquals"] = (ConditionFamily.Numeric, Comparison.LessThanEquals, false),
            ["NumericGreaterThan"] = (ConditionFamily.Numeric, Comparison.GreaterThan, false),
            ["NumericGreaterThanEquals"] = (ConditionFamily.Numeric, Comparison.GreaterThanEquals, false),
            ["DateEquals"] = (ConditionFamily.Date, Comparison.Equals, false),
            ["DateNotEquals"] = (ConditionFamily.Date, Comparison.Equals, true),
            ["DateLessThan"] = (ConditionFamily.Date, Comparison.LessThan, false),
            ["DateLessThanEquals"] = (ConditionFamily.Date, Comparison.LessThanEquals, false),
            ["DateGreaterThan"] = (ConditionFamily.Date, Comparison.GreaterThan, false),
            ["DateGreaterThanEquals"] = (ConditionFamily.Date, Comparison.GreaterThanEquals, false),
            ["Bool"] = (ConditionFamily.Bool, Comparison.Equals, false),
            ["BinaryEquals"] = (ConditionFamily.Binary, Comparison.Equals, false),
            ["IpAddress"] = (ConditionFamily.IpAddress, Comparison.Equals, false),
            ["NotIpAddress"] = (ConditionFamily.IpAddress, Comparison.Equals, true),
            ["ArnEquals"] = (ConditionFamily.Arn, Comparison.Like, false),
            ["ArnLike"] = (ConditionFamily.Arn, Comparison.Like, false),
            ["ArnNotEquals"] = (ConditionFamily.Arn, Comparison.Like, true),
            ["ArnNotLike"] = (ConditionFamily.Arn, Comparison.Like, true),
            ["Null"] = (ConditionFamily.Null, Comparison.Equals, false),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> CanonicalNames =
        Bases.Keys.ToFrozenDictionary(k => k, k => k, StringComparer.OrdinalIgnoreCase);

    /// <summary>All base operator names, for "did you mean" messages and documentation.</summary>
    public static IEnumerable<string> BaseNames => Bases.Keys;

    /// <summary>
    /// Parses an operator name. Matching is case-insensitive so evaluation stays lenient;
    /// <paramref name="caseProblem"/> reports a spelling that AWS would reject.
    /// </summary>
    public static bool TryParse(string name, out ConditionOperator? op, out string? problem, out bool caseProblem)
    {
        ArgumentNullException.ThrowIfNull(name);
        op = null;
        problem = null;
        caseProblem = false;
        var rest = name.AsSpan();
        var set = SetQualifier.None;
        var colon = rest.IndexOf(':');
        if (colon >= 0)
        {
            var prefix = rest[..colon];
            if (prefix.Equals("ForAllValues", StringComparison.OrdinalIgnoreCase))
            {
                set = SetQualifier.ForAllValues;
                caseProblem |= !prefix.SequenceEqual("ForAllValues");
            }
            else if (prefix.Equals("ForAnyValue", StringComparison.OrdinalIgnoreCase))
            {
                set = SetQualifier.ForAnyValue;
                caseProblem |= !prefix.SequenceEqual("ForAnyValue");
            }
            else
            {
                problem = $"Unknown set qualifier '{prefix}'. Use 'ForAllValues:' or 'ForAnyValue:' before the operator, or remove the prefix.";
                return false;
            }

            rest = rest[(colon + 1)..];
        }

        var ifExists = false;
        if (rest.EndsWith("IfExists", StringComparison.OrdinalIgnoreCase))
        {
            caseProblem |= !rest.EndsWith("IfExists", StringComparison.Ordinal);
            ifExists = true;
            rest = rest[..^"IfExists".Length];
        }

        var baseText = rest.ToString();
        if (!CanonicalNames.TryGetValue(baseText, out var canonical))
        {
            problem = $"Unknown condition operator '{name}'. Use one of the IAM operators, e.g. StringEquals, StringLike, NumericLessThan, DateGreaterThan, Bool, IpAddress, ArnLike or Null (optionally with an IfExists suffix or a ForAllValues:/ForAnyValue: prefix).";
            var suggestion = Suggest(baseText);
            if (suggestion is not null)
            {
                problem += $" Did you mean '{suggestion}'?";
            }

            return false;
        }

        caseProblem |= !string.Equals(canonical, baseText, StringComparison.Ordinal);
        var (family, comparison, negated) = Bases[canonical];
        if (family == ConditionFamily.Null && ifExists)
        {
            problem = "'NullIfExists' is not an operator: Null already tests whether the key exists. Use 'Null'.";
            return false;
        }

        if (family == ConditionFamily.Null && set != SetQualifier.None)
        {
            problem = $"'{name}' is not valid: Null cannot take a ForAllValues:/ForAnyValue: qualifier. Use 'Null'.";
            return false;
        }

        op = new ConditionOperator(name, canonical, family, comparison, negated, ifExists, set);
        return true;
    }

    private static string? Suggest(string text)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in Bases.Keys)
        {
            var d = Distance(text.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }

        return bestDistance <= 3 ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }
}
