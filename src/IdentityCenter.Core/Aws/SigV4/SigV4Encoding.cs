using System.Buffers;
using System.Text;

namespace IdentityCenter.Core.Aws.SigV4;

/// <summary>
/// URI encoding as SigV4 defines it: every byte except the unreserved characters
/// <c>A-Z a-z 0-9 - _ . ~</c> becomes <c>%XY</c> with upper-case hex, over the UTF-8 bytes.
/// </summary>
internal static class SigV4Encoding
{
    private const string Hex = "0123456789ABCDEF";
    private const string UnreservedCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
    private static readonly SearchValues<char> Unreserved = SearchValues.Create(UnreservedCharacters);
    private static readonly SearchValues<char> UnreservedOrSlash = SearchValues.Create(UnreservedCharacters + "/");

    public static bool IsUnreserved(int c) =>
        (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 || c is '-' or '_' or '.' or '~';

    /// <summary>
    /// Encodes every character of <paramref name="text"/> except unreserved ones and <c>/</c>, including
    /// <c>%</c>: the second encoding that non-S3 services apply to the (already encoded) request path.
    /// </summary>
    public static void AppendEncodedPath(StringBuilder builder, ReadOnlySpan<char> text)
    {
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value < 0x80 && (IsUnreserved(rune.Value) || rune.Value == '/'))
            {
                builder.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < length; i++)
            {
                AppendEscaped(builder, utf8[i]);
            }
        }
    }

    /// <summary>
    /// Canonicalises an already (maybe partly) encoded component: valid <c>%XY</c> escapes are decoded to
    /// their byte, then every byte is written back encoded, so <c>%7e</c> becomes <c>~</c>, <c>%2f</c>
    /// becomes <c>%2F</c>, a raw space becomes <c>%20</c> and a raw <c>+</c> becomes <c>%2B</c>. With
    /// <paramref name="keepSlash"/> (S3 paths) a literal <c>/</c> stays as it is while an encoded one stays encoded.
    /// </summary>
    public static void AppendCanonicalComponent(StringBuilder builder, ReadOnlySpan<char> text, bool keepSlash)
    {
        // The run of characters that stay as they are (most of a value the SDKs encoded) is copied at once.
        var verbatim = text.IndexOfAnyExcept(keepSlash ? UnreservedOrSlash : Unreserved);
        if (verbatim < 0)
        {
            builder.Append(text);
            return;
        }

        builder.Append(text[..verbatim]);
        text = text[verbatim..];
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && TryHex(text[i + 1], out var high) && TryHex(text[i + 2], out var low))
            {
                AppendByte(builder, (byte)((high << 4) | low));
                i += 2;
                continue;
            }

            if (c < 0x80)
            {
                if (keepSlash && c == '/')
                {
                    builder.Append('/');
                }
                else
                {
                    AppendByte(builder, (byte)c);
                }

                continue;
            }

            // A lone surrogate becomes U+FFFD, as a UTF-8 encoder would write it.
            Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed);
            var length = rune.EncodeToUtf8(utf8);
            for (var j = 0; j < length; j++)
            {
                AppendEscaped(builder, utf8[j]);
            }

            i += consumed - 1;
        }
    }

    /// <summary>
    /// <see cref="AppendCanonicalComponent"/> as text of its own; a component that is canonical already (only unreserved
    /// characters) is <paramref name="text"/> itself, not a copy.
    /// </summary>
    public static ReadOnlyMemory<char> Canonical(ReadOnlyMemory<char> text, bool keepSlash, StringBuilder scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        if (text.Span.IndexOfAnyExcept(keepSlash ? UnreservedOrSlash : Unreserved) < 0)
        {
            return text;
        }

        scratch.Clear();
        AppendCanonicalComponent(scratch, text.Span, keepSlash);
        return scratch.ToString().AsMemory();
    }

    /// <summary>Percent-decodes a query value as UTF-8 (for reading X-Amz-Credential and friends).</summary>
    public static string Decode(ReadOnlySpan<char> text)
    {
        if (text.IndexOf('%') < 0)
        {
            return text.ToString();
        }

        // At most three UTF-8 bytes per UTF-16 unit (four per surrogate pair); one pooled buffer, no per-byte growth.
        var rented = ArrayPool<byte>.Shared.Rent(text.Length * 3);
        try
        {
            var bytes = rented.AsSpan();
            var count = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '%' && i + 2 < text.Length && TryHex(text[i + 1], out var high) && TryHex(text[i + 2], out var low))
                {
                    bytes[count++] = (byte)((high << 4) | low);
                    i += 2;
                    continue;
                }

                Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed);
                count += rune.EncodeToUtf8(bytes[count..]);
                i += consumed - 1;
            }

            return Encoding.UTF8.GetString(bytes[..count]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// RFC 3986 section 5.2.4 dot-segment removal as the AWS SDKs apply it to non-S3 paths, which also
    /// drops empty segments (repeated slashes); a trailing slash is kept.
    /// </summary>
    public static string NormalizePath(string path)
    {
        if (path.Length == 0)
        {
            return "/";
        }

        if (!NeedsNormalization(path))
        {
            return path;
        }

        var output = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (output.Count > 0)
                {
                    output.RemoveAt(output.Count - 1);
                }

                continue;
            }

            output.Add(segment);
        }

        var first = path[0] == '/' ? "/" : string.Empty;
        var last = path[^1] == '/' && output.Count > 0 ? "/" : string.Empty;
        return first + string.Join('/', output) + last;
    }

    private static bool NeedsNormalization(string path)
    {
        if (path[0] != '/' || path.Contains("//", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var segment in path.AsSpan(1).Split('/'))
        {
            var part = path.AsSpan(1)[segment];
            if (part is "." or "..")
            {
                return true;
            }
        }

        return false;
    }

    private static void AppendByte(StringBuilder builder, byte value)
    {
        if (IsUnreserved(value))
        {
            builder.Append((char)value);
        }
        else
        {
            AppendEscaped(builder, value);
        }
    }

    private static void AppendEscaped(StringBuilder builder, byte value) =>
        builder.Append('%').Append(Hex[value >> 4]).Append(Hex[value & 0xF]);

    private static bool TryHex(char c, out int value)
    {
        value = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'A' and <= 'F' => c - 'A' + 10,
            >= 'a' and <= 'f' => c - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
