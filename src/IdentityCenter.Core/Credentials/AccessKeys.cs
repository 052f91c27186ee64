using System.Text.RegularExpressions;
using IdentityCenter.Core.Organizations;

namespace IdentityCenter.Core.Credentials;

/// <summary>Temporary access key ids (<c>ASIA</c> + 16 of [A-Z2-7]) and 40-character secret access keys.</summary>
public static partial class AccessKeys
{
    public const string TemporaryPrefix = "ASIA";
    public const int AccessKeyIdLength = 20;
    public const int SecretAccessKeyLength = 40;

    /// <summary>Raw bytes behind a secret: base64 of 30 bytes is exactly 40 characters.</summary>
    public const int SecretAccessKeyBytes = 30;

    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    [GeneratedRegex("^ASIA[A-Z2-7]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex TemporaryAccessKeyIdPattern();

    public static bool IsTemporaryAccessKeyId(string? value) => value is not null && TemporaryAccessKeyIdPattern().IsMatch(value);

    /// <summary>A fresh temporary access key id: 80 random bits as 16 base32 characters after <c>ASIA</c>.</summary>
    public static string NewTemporaryAccessKeyId(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<byte> bytes = stackalloc byte[10];
        random.Fill(bytes);
        ulong high = 0;
        ulong low = 0;
        for (var i = 0; i < 5; i++)
        {
            high = (high << 8) | bytes[i];
            low = (low << 8) | bytes[5 + i];
        }

        return string.Create(AccessKeyIdLength, (high, low), static (chars, state) =>
        {
            TemporaryPrefix.CopyTo(chars);
            for (var i = 0; i < 8; i++)
            {
                chars[4 + i] = Base32Alphabet[(int)((state.high >> (35 - (5 * i))) & 31)];
                chars[12 + i] = Base32Alphabet[(int)((state.low >> (35 - (5 * i))) & 31)];
            }
        });
    }

    /// <summary>Fills <paramref name="secret"/> (30 bytes) with fresh random bytes.</summary>
    public static void NewSecretAccessKeyBytes(IRandomSource random, Span<byte> secret)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (secret.Length != SecretAccessKeyBytes)
        {
            throw new ArgumentException($"A secret access key is {SecretAccessKeyBytes} bytes.", nameof(secret));
        }

        random.Fill(secret);
    }

    /// <summary>The 40-character text form of a secret access key.</summary>
    public static string FormatSecretAccessKey(ReadOnlySpan<byte> secret)
    {
        if (secret.Length != SecretAccessKeyBytes)
        {
            throw new ArgumentException($"A secret access key is {SecretAccessKeyBytes} bytes.", nameof(secret));
        }

        return Convert.ToBase64String(secret);
    }
}
