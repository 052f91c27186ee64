namespace IdentityCenter.Core.Policies.Matching;

/// <summary>
/// Span-based ARN helpers: <c>arn:partition:service:region:account:resource</c>. The resource part
/// may itself contain <c>:</c> and <c>/</c>.
/// </summary>
public static class Arn
{
    /// <summary>Splits an ARN into its six components without allocating.</summary>
    public static bool TrySplit(ReadOnlySpan<char> arn, out ArnParts parts)
    {
        parts = default;
        if (!arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return false;
        }

        Span<int> colons = stackalloc int[5];
        var found = 0;
        for (var i = 0; i < arn.Length && found < 5; i++)
        {
            if (arn[i] == ':')
            {
                colons[found++] = i;
            }
        }

        if (found < 5)
        {
            return false;
        }

        parts = new ArnParts(colons[0], colons[1], colons[2], colons[3], colons[4]);
        return true;
    }

    /// <summary>
    /// ARN matching as IAM does it for <c>Resource</c> and <c>ArnLike</c>: the first five components are
    /// matched one by one (a wildcard does not cross a colon there), the resource part as a whole
    /// (wildcards cross <c>/</c> and <c>:</c>). Case-sensitive. A pattern that is not a six-part ARN
    /// matches only non-ARN values, as a plain glob.
    /// </summary>
    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> value)
    {
        if (pattern.Length == 1 && pattern[0] == '*')
        {
            return true;
        }

        if (!TrySplit(pattern, out var pp))
        {
            // Not a six-part ARN pattern: it can only match a value that is not an ARN either.
            return !TrySplit(value, out _) && WildcardPattern.IsMatch(pattern, value, ignoreCase: false);
        }

        if (!TrySplit(value, out var vp))
        {
            return false;
        }

        for (var i = 1; i <= 5; i++)
        {
            if (!WildcardPattern.IsMatch(pp.Component(pattern, i), vp.Component(value, i), ignoreCase: false))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The account component of an ARN, or a bare 12-digit account id itself; empty otherwise.</summary>
    public static ReadOnlySpan<char> AccountOf(ReadOnlySpan<char> arnOrAccount)
    {
        if (IsAccountId(arnOrAccount))
        {
            return arnOrAccount;
        }

        return TrySplit(arnOrAccount, out var parts) ? parts.Component(arnOrAccount, 4) : [];
    }

    /// <summary>True for a 12-digit AWS account id.</summary>
    public static bool IsAccountId(ReadOnlySpan<char> value)
    {
        if (value.Length != 12)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
