using System.Text.RegularExpressions;
using IdentityCenter.Core.Organizations;

namespace IdentityCenter.Core.Credentials;

/// <summary>
/// Temporary access key ids (<c>ASIA</c> + 16 of [A-Z2-7]), long-term access key ids of directory users
/// (<c>AKIA</c> + 16 of [A-Z2-7], at most <see cref="MaxLongTermKeysPerUser"/> per user) and 40-character
/// secret access keys. As in AWS, a temporary
/// access key id carries its account: the 16 characters are the base32 of 10 bytes whose bits 1–40 (after
/// the first bit) are the account number, so <see cref="AccountOf"/> answers STS GetAccessKeyInfo without a
/// store, and so do the public tools that decode AWS key ids. The other 40 bits are random.
/// </summary>
public static partial class AccessKeys
{
    public const string TemporaryPrefix = "ASIA";
    public const string LongTermPrefix = "AKIA";

    /// <summary>A user holds at most two long-term access keys (as in IAM), so one can be rotated while the other works.</summary>
    public const int MaxLongTermKeysPerUser = 2;
    public const int AccessKeyIdLength = 20;
    public const int SecretAccessKeyLength = 40;

    /// <summary>Raw bytes behind a secret: base64 of 30 bytes is exactly 40 characters.</summary>
    public const int SecretAccessKeyBytes = 30;

    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    [GeneratedRegex("^ASIA[A-Z2-7]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex TemporaryAccessKeyIdPattern();

    public static bool IsTemporaryAccessKeyId(string? value) => value is not null && TemporaryAccessKeyIdPattern().IsMatch(value);

    [GeneratedRegex("^AKIA[A-Z2-7]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex LongTermAccessKeyIdPattern();

    /// <summary>True for a long-term access key id: <c>AKIA</c> followed by 16 characters of [A-Z2-7].</summary>
    public static bool IsLongTermAccessKeyId(string? value) => value is not null && LongTermAccessKeyIdPattern().IsMatch(value);

    /// <summary>
    /// True for a 40-character secret access key of printable ASCII without spaces (what AWS issues and what
    /// the SDKs accept: letters, digits, <c>+</c> and <c>/</c>; any other visible character is allowed for imported keys).
    /// </summary>
    public static bool IsSecretAccessKey(string? value) =>
        value is { Length: SecretAccessKeyLength } && !value.AsSpan().ContainsAnyExceptInRange('!', '~');

    /// <summary>A fresh long-term access key id: <c>AKIA</c> and 16 random base32 characters (80 random bits).</summary>
    public static string NewLongTermAccessKeyId(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<byte> bytes = stackalloc byte[16];
        random.Fill(bytes);
        Span<char> chars = stackalloc char[AccessKeyIdLength];
        LongTermPrefix.CopyTo(chars);
        for (var i = 0; i < 16; i++)
        {
            chars[4 + i] = Base32Alphabet[bytes[i] & 31];
        }

        return new string(chars);
    }

    /// <summary>A fresh 40-character secret access key (base64 of 30 random bytes).</summary>
    public static string NewSecretAccessKey(IRandomSource random)
    {
        Span<byte> secret = stackalloc byte[SecretAccessKeyBytes];
        NewSecretAccessKeyBytes(random, secret);
        var text = FormatSecretAccessKey(secret);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(secret);
        return text;
    }

    /// <summary>Bits of the first 48 (big-endian) that hold the account number, as AWS lays them out.</summary>
    private const ulong AccountMask = 0x7FFF_FFFF_FF80;

    /// <summary>A fresh temporary access key id of <paramref name="accountId"/>: the account and 40 random bits as 16 base32 characters after <c>ASIA</c>.</summary>
    public static string NewTemporaryAccessKeyId(IRandomSource random, string accountId)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!OrganizationIds.IsAccountId(accountId))
        {
            throw new ArgumentException($"'{accountId}' is not an account id (12 digits).", nameof(accountId));
        }

        Span<byte> bytes = stackalloc byte[10];
        random.Fill(bytes);
        var first = 0UL;
        for (var i = 0; i < 6; i++)
        {
            first = (first << 8) | bytes[i];
        }

        first = (first & ~AccountMask) | (ulong.Parse(accountId, System.Globalization.CultureInfo.InvariantCulture) << 7);
        for (var i = 5; i >= 0; i--)
        {
            bytes[i] = (byte)first;
            first >>= 8;
        }

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

    /// <summary>
    /// The account an access key id belongs to (12 digits), decoded from the id as AWS's GetAccessKeyInfo
    /// does; null when the id is not a 4-character prefix followed by 16 base32 characters.
    /// </summary>
    public static string? AccountOf(string? accessKeyId)
    {
        if (accessKeyId is not { Length: AccessKeyIdLength } || accessKeyId.AsSpan(0, 4).ContainsAnyExceptInRange('A', 'Z'))
        {
            return null;
        }

        var first = 0UL;
        for (var i = 4; i < 14; i++)
        {
            var value = Base32Alphabet.IndexOf(accessKeyId[i], StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            first = (first << 5) | (uint)value;
        }

        for (var i = 14; i < AccessKeyIdLength; i++)
        {
            if (Base32Alphabet.IndexOf(accessKeyId[i], StringComparison.Ordinal) < 0)
            {
                return null;
            }
        }

        // 10 characters are 50 bits; the first 48 are the 6 bytes AWS reads.
        var account = ((first >> 2) & AccountMask) >> 7;
        return account.ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
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
