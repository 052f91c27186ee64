using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace IdentityCenter.Core.Policies.Evaluation.Conditions;

/// <summary>Parsers shared by validation and evaluation; none allocate for IPv4, numbers, dates or booleans.</summary>
public static class ConditionValues
{
    public static bool TryParseNumber(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>
    /// ISO 8601 date or date-time (with <c>Z</c> or an offset; no zone means UTC) or epoch seconds.
    /// Result is UTC ticks.
    /// </summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out long utcTicks)
    {
        utcTicks = 0;
        text = text.Trim();
        if (text.IsEmpty)
        {
            return false;
        }

        var allDigits = true;
        var start = text[0] == '-' ? 1 : 0;
        for (var i = start; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]) && text[i] != '.')
            {
                allDigits = false;
                break;
            }
        }

        if (allDigits && text.Length > start)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                return false;
            }

            var ticks = seconds * TimeSpan.TicksPerSecond;
            var min = (double)(DateTime.MinValue.Ticks - DateTime.UnixEpoch.Ticks);
            var max = (double)(DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks);
            if (ticks < min || ticks > max)
            {
                return false;
            }

            utcTicks = DateTime.UnixEpoch.Ticks + (long)ticks;
            return true;
        }

        // Require an ISO shape (yyyy-MM-dd...) so culture-style dates like 11/23/2026 are rejected.
        if (text.Length < 10 || text[4] != '-' || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[1]) || !char.IsAsciiDigit(text[2]) || !char.IsAsciiDigit(text[3]))
        {
            return false;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            utcTicks = parsed.UtcTicks;
            return true;
        }

        return false;
    }

    public static bool TryParseBool(ReadOnlySpan<char> text, out bool value)
    {
        text = text.Trim();
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        if (text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            value = false;
            return true;
        }

        value = false;
        return false;
    }

    /// <summary>Parses an IPv4 (dotted quad) or IPv6 address in any textual form.</summary>
    public static bool TryParseIp(ReadOnlySpan<char> text, out IpValue value)
    {
        text = text.Trim();
        if (TryParseIpv4(text, out var v4))
        {
            value = new IpValue(false, v4);
            return true;
        }

        value = default;
        if (text.IndexOf(':') < 0 || text.IndexOf('%') >= 0)
        {
            return false;
        }

        // IPv6 is rare in requests; IPAddress handles every compressed/uncompressed/mixed form.
        if (!IPAddress.TryParse(text, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out _))
        {
            return false;
        }

        value = new IpValue(true, BinaryPrimitives.ReadUInt128BigEndian(bytes));
        return true;
    }

    /// <summary>Parses <c>address/prefix</c>, or a bare address as a single-host block.</summary>
    public static bool TryParseCidr(ReadOnlySpan<char> text, out IpBlock block)
    {
        block = default;
        text = text.Trim();
        var slash = text.IndexOf('/');
        var addressText = slash >= 0 ? text[..slash] : text;
        if (!TryParseIp(addressText, out var address))
        {
            return false;
        }

        var width = address.IsV6 ? 128 : 32;
        var prefix = width;
        if (slash >= 0)
        {
            var prefixText = text[(slash + 1)..];
            if (prefixText.IsEmpty || prefixText.Length > 3 || !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > width)
            {
                return false;
            }
        }

        block = new IpBlock(address, prefix);
        return true;
    }

    public static bool IsBase64(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> buffer = text.Length <= 1024 ? stackalloc byte[text.Length] : new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    private static bool TryParseIpv4(ReadOnlySpan<char> text, out UInt128 bits)
    {
        bits = 0;
        uint result = 0;
        var octets = 0;
        var i = 0;
        while (octets < 4)
        {
            var digits = 0;
            var octet = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]) && digits < 3)
            {
                octet = (octet * 10) + (text[i] - '0');
                digits++;
                i++;
            }

            if (digits == 0 || octet > 255)
            {
                return false;
            }

            result = (result << 8) | (uint)octet;
            octets++;
            if (octets < 4)
            {
                if (i >= text.Length || text[i] != '.')
                {
                    return false;
                }

                i++;
            }
        }

        if (i != text.Length)
        {
            return false;
        }

        bits = result;
        return true;
    }
}
