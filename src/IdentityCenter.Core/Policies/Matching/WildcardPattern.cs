namespace IdentityCenter.Core.Policies.Matching;

/// <summary>
/// IAM glob matching: <c>*</c> matches any run of characters (including none, and including
/// <c>/</c> and <c>:</c>), <c>?</c> matches exactly one character. Allocation-free.
/// </summary>
public static class WildcardPattern
{
    /// <summary>Stands for a literal <c>*</c> inside a resolved pattern (from <c>${*}</c> or a variable value).</summary>
    public const char LiteralStar = '\uE000';

    /// <summary>Stands for a literal <c>?</c> inside a resolved pattern (from <c>${?}</c> or a variable value).</summary>
    public const char LiteralQuestion = '\uE001';

    /// <summary>True when <paramref name="pattern"/> contains <c>*</c> or <c>?</c>.</summary>
    public static bool HasWildcards(ReadOnlySpan<char> pattern) => pattern.IndexOfAny('*', '?') >= 0;

    /// <summary>Matches <paramref name="text"/> against <paramref name="pattern"/>.</summary>
    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text, bool ignoreCase)
    {
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length)
            {
                var pc = pattern[p];
                if (pc == '*')
                {
                    starP = p++;
                    starT = t;
                    continue;
                }

                if (pc == '?' || CharEquals(pc, text[t], ignoreCase))
                {
                    p++;
                    t++;
                    continue;
                }
            }

            if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
                continue;
            }

            return false;
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>Exact comparison that honours the literal-wildcard sentinels.</summary>
    public static bool LiteralEquals(ReadOnlySpan<char> resolved, ReadOnlySpan<char> text, bool ignoreCase)
    {
        if (resolved.Length != text.Length)
        {
            return false;
        }

        for (var i = 0; i < resolved.Length; i++)
        {
            if (!CharEquals(resolved[i], text[i], ignoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private static bool CharEquals(char pc, char tc, bool ignoreCase)
    {
        if (pc == tc)
        {
            return true;
        }

        if (pc == LiteralStar)
        {
            return tc == '*';
        }

        if (pc == LiteralQuestion)
        {
            return tc == '?';
        }

        if (!ignoreCase)
        {
            return false;
        }

        if (pc < 128 && tc < 128)
        {
            return (pc | 0x20) == (tc | 0x20) && (uint)((pc | 0x20) - 'a') <= 'z' - 'a';
        }

        return char.ToUpperInvariant(pc) == char.ToUpperInvariant(tc);
    }
}
