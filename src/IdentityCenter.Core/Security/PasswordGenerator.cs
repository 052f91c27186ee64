using System.Security.Cryptography;

namespace IdentityCenter.Core.Security;

/// <summary>Makes one-time passwords that satisfy a policy (used for new users, resets and the bootstrap administrator).</summary>
public static class PasswordGenerator
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "!@#$%^&*_-+=";

    /// <summary>
    /// A random password of max(16, minimum length) characters (capped at the policy maximum) with every character
    /// class, starting with a letter or digit.
    /// </summary>
    public static string Generate(PasswordPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var length = Math.Min(Math.Max(16, policy.MinimumPasswordLength), policy.MaximumPasswordLength);
        var all = Upper + Lower + Digits + Symbols;
        var chars = new char[length];
        chars[0] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        chars[1] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        chars[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        chars[3] = Symbols[RandomNumberGenerator.GetInt32(Symbols.Length)];
        for (var i = 4; i < length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());

        // Never a symbol first: a value starting with = + - or @ is a formula to a spreadsheet, so the CSV writer
        // would prefix it with an apostrophe and the password in the one-time-passwords file would be wrong.
        if (!char.IsLetterOrDigit(chars[0]))
        {
            var swap = Array.FindIndex(chars, char.IsLetterOrDigit);
            (chars[0], chars[swap]) = (chars[swap], chars[0]);
        }

        return new string(chars);
    }
}
