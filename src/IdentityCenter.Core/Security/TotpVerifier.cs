using System.Security.Cryptography;
using System.Text;
using OtpNet;

namespace IdentityCenter.Core.Security;

/// <summary>Why a code was refused.</summary>
public enum TotpFailure
{
    None,
    /// <summary>Not six digits.</summary>
    Malformed,
    /// <summary>No step in the window produces this code.</summary>
    Invalid,
    /// <summary>The code is right but its time step was already used (or an earlier one was accepted after it).</summary>
    Replayed,
}

/// <summary>The outcome of checking a code; <see cref="MatchedStep"/> is what the caller stores for the replay guard.</summary>
public sealed record TotpVerification(bool Succeeded, long? MatchedStep, TotpFailure Failure)
{
    public static TotpVerification Fail(TotpFailure failure) => new(false, null, failure);
}

/// <summary>
/// RFC 6238 time-based one-time passwords as authenticator apps compute them: HMAC-SHA1, 6 digits,
/// 30-second steps, accepting one step either side of now for clock drift. A code is accepted at most
/// once: the caller stores the matched time step and passes it back as <c>lastAcceptedStep</c>, and
/// only later steps are accepted afterwards (the replay guard).
/// </summary>
public sealed class TotpVerifier(TimeProvider timeProvider)
{
    public const int Digits = 6;
    public const int StepSeconds = 30;
    public const int WindowSteps = 1;
    public const int KeyBytes = 20;

    /// <summary>The time step (Unix seconds / 30) at the current time.</summary>
    public long CurrentStep => StepAt(timeProvider.GetUtcNow());

    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>
    /// Checks <paramref name="code"/> (spaces and dashes are ignored) against the steps now-1..now+1.
    /// Steps at or before <paramref name="lastAcceptedStep"/> are refused as replays.
    /// </summary>
    public TotpVerification Verify(byte[] key, string? code, long? lastAcceptedStep)
    {
        ArgumentNullException.ThrowIfNull(key);
        var normalized = Normalize(code);
        if (normalized is null)
        {
            return TotpVerification.Fail(TotpFailure.Malformed);
        }

        var totp = new Totp(key, StepSeconds, OtpHashMode.Sha1, Digits);
        var current = CurrentStep;
        var replayed = false;
        for (var step = current - WindowSteps; step <= current + WindowSteps; step++)
        {
            var expected = totp.ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * StepSeconds).UtcDateTime);
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(normalized)))
            {
                continue;
            }

            if (lastAcceptedStep is { } last && step <= last)
            {
                replayed = true;
                continue;
            }

            return new(true, step, TotpFailure.None);
        }

        return TotpVerification.Fail(replayed ? TotpFailure.Replayed : TotpFailure.Invalid);
    }

    /// <summary>The code for the given time; for tests and tooling that play the authenticator app.</summary>
    public static string ComputeCode(byte[] key, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new Totp(key, StepSeconds, OtpHashMode.Sha1, Digits).ComputeTotp(at.UtcDateTime);
    }

    /// <summary>A new random 160-bit key (the size RFC 4226 recommends for SHA1).</summary>
    public static byte[] GenerateKey() => KeyGeneration.GenerateRandomKey(KeyBytes);

    /// <summary>Base32 without padding, upper case: what authenticator apps expect in <c>secret=</c>.</summary>
    public static string ToBase32(byte[] key) => Base32Encoding.ToString(key).TrimEnd('=');

    /// <summary>Decodes a base32 key, ignoring case, spaces, dashes and padding; null when it is not base32.</summary>
    public static byte[]? FromBase32(string? base32)
    {
        if (string.IsNullOrWhiteSpace(base32))
        {
            return null;
        }

        var cleaned = new string(base32.Where(c => c is not (' ' or '-' or '=')).ToArray()).ToUpperInvariant();
        if (cleaned.Length == 0 || cleaned.Any(c => !(c is >= 'A' and <= 'Z' or >= '2' and <= '7')))
        {
            return null;
        }

        try
        {
            return Base32Encoding.ToBytes(cleaned);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The key in groups of four characters, for people typing it into an app.</summary>
    public static string FormatKeyForDisplay(string base32) =>
        string.Join(' ', base32.Chunk(4).Select(c => new string(c)));

    /// <summary>
    /// The <c>otpauth://totp/Issuer:account?secret=...&amp;issuer=...&amp;algorithm=SHA1&amp;digits=6&amp;period=30</c>
    /// URI that authenticator apps read from the QR code.
    /// </summary>
    public static string BuildOtpauthUri(string issuer, string accountName, string base32Key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentException.ThrowIfNullOrWhiteSpace(base32Key);
        var label = Uri.EscapeDataString(issuer) + ":" + Uri.EscapeDataString(accountName);
        return $"otpauth://totp/{label}?secret={base32Key}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={StepSeconds}";
    }

    private static string? Normalize(string? code)
    {
        if (code is null)
        {
            return null;
        }

        var digits = new string(code.Where(c => c is not (' ' or '-')).ToArray());
        return digits.Length == Digits && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
