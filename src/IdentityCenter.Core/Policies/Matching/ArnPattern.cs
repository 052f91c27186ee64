namespace IdentityCenter.Core.Policies.Matching;

/// <summary>
/// A Resource/ArnLike pattern split once into its ARN components, so matching a request only compares
/// components (exactly when they hold no wildcard). Same semantics as <see cref="Arn.IsMatch"/>.
/// </summary>
public sealed class ArnPattern
{
    private readonly string pattern;
    private readonly string[]? components;
    private readonly bool[]? wildcard;

    public ArnPattern(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        this.pattern = pattern;
        MatchesAll = pattern == "*";
        if (!MatchesAll && Arn.TrySplit(pattern, out var parts))
        {
            components = new string[6];
            wildcard = new bool[6];
            for (var i = 1; i <= 5; i++)
            {
                var component = parts.Component(pattern, i);
                components[i] = component.ToString();
                wildcard[i] = WildcardPattern.HasWildcards(component);
            }
        }
    }

    public bool MatchesAll { get; }

    /// <summary>Matches <paramref name="value"/>, whose ARN split (if it is one) the caller already has.</summary>
    public bool IsMatch(string value, bool valueIsArn, in ArnParts valueParts)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (MatchesAll)
        {
            return true;
        }

        if (components is null)
        {
            return !valueIsArn && WildcardPattern.IsMatch(pattern, value, ignoreCase: false);
        }

        if (!valueIsArn)
        {
            return false;
        }

        for (var i = 1; i <= 5; i++)
        {
            var actual = valueParts.Component(value, i);
            var ok = wildcard![i]
                ? WildcardPattern.IsMatch(components[i], actual, ignoreCase: false)
                : actual.SequenceEqual(components[i]);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => pattern;
}
