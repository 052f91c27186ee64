namespace IdentityCenter.Core.Organizations;

/// <summary>Uniform random strings over an alphabet, drawn from an <see cref="IRandomSource"/>.</summary>
public static class RandomStrings
{
    public const string LowerAlphanumeric = "0123456789abcdefghijklmnopqrstuvwxyz";
    public const string Digits = "0123456789";
    public const string LowerHex = "0123456789abcdef";

    /// <summary>
    /// Draws <paramref name="length"/> characters; bytes that would bias the distribution are rejected
    /// and redrawn, so every character of the alphabet is equally likely.
    /// </summary>
    public static string Create(IRandomSource random, string alphabet, int length)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentException.ThrowIfNullOrEmpty(alphabet);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        if (alphabet.Length > 256)
        {
            throw new ArgumentException("The alphabet must have at most 256 characters.", nameof(alphabet));
        }

        var limit = 256 - (256 % alphabet.Length);
        Span<char> result = length <= 256 ? stackalloc char[length] : new char[length];
        Span<byte> buffer = stackalloc byte[64];
        var filled = 0;
        while (filled < length)
        {
            random.Fill(buffer);
            foreach (var b in buffer)
            {
                if (b >= limit)
                {
                    continue;
                }

                result[filled++] = alphabet[b % alphabet.Length];
                if (filled == length)
                {
                    break;
                }
            }
        }

        return new string(result);
    }
}
