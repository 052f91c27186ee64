using System.Buffers.Text;
using System.Text;

namespace IdentityCenter.Web.Aws;

/// <summary>
/// The opaque <c>NextToken</c> of the administrative APIs' list operations: a position in a listing (an offset or the last
/// key returned) and the operation it belongs to, base64url-encoded. A token is no secret and grants nothing (every page is
/// authorized again); a token that does not decode, or that another operation issued, is the caller's error.
/// </summary>
public static class AwsNextToken
{
    private const char Separator = '\n';

    /// <summary>The token for <paramref name="position"/> in <paramref name="operation"/>'s listing.</summary>
    public static string Encode(string operation, string position)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentNullException.ThrowIfNull(position);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(operation + Separator + position));
    }

    /// <summary>The position <paramref name="token"/> holds, when it is one that <paramref name="operation"/> issued.</summary>
    public static bool TryDecode(string operation, string? token, out string position)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        position = "";
        if (string.IsNullOrEmpty(token) || token.Length > 2048)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes);
        var separator = text.IndexOf(Separator, StringComparison.Ordinal);
        if (separator < 0 || !text.AsSpan(0, separator).SequenceEqual(operation))
        {
            return false;
        }

        position = text[(separator + 1)..];
        return true;
    }

    /// <summary>The position as a non-negative offset (for listings paged by offset).</summary>
    public static bool TryDecodeOffset(string operation, string? token, out int offset)
    {
        offset = 0;
        return TryDecode(operation, token, out var position)
            && int.TryParse(position, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out offset);
    }
}
