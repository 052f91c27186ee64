using System.Collections.Frozen;

namespace IdentityCenter.Web.Aws.S3;

/// <summary>
/// The parameter names of a raw query string (<see cref="HttpRequest.QueryString"/>), decoded as
/// <see cref="HttpRequest.Query"/> decodes them (<c>+</c> is a space, then percent-decoding), read without parsing the values:
/// the S3 endpoint routes on names alone, and a presigned URL's values (its session token above all) are long and are
/// decoded by the signature check anyway.
/// </summary>
public static class S3QueryKeys
{
    /// <summary>True when the query has a parameter named <paramref name="name"/> (with or without a value), in any case, as <see cref="IQueryCollection.ContainsKey"/> finds it.</summary>
    public static bool Contains(string? rawQuery, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var query = Trim(rawQuery);
        foreach (var range in query.Split('&'))
        {
            if (Name(query[range]) is { IsEmpty: false } key && Matches(key, name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first parameter name (as sent, decoded) that is neither in <paramref name="known"/> (with its comparer) nor starts with <paramref name="knownPrefix"/>, or null.</summary>
    public static string? FirstUnknown(string? rawQuery, FrozenSet<string> known, string knownPrefix)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(knownPrefix);
        var lookup = known.GetAlternateLookup<ReadOnlySpan<char>>();
        var query = Trim(rawQuery);
        foreach (var range in query.Split('&'))
        {
            var key = Name(query[range]);
            if (key.IsEmpty)
            {
                continue;
            }

            var decoded = NeedsDecoding(key) ? Decode(key) : null;
            var name = decoded is null ? key : decoded.AsSpan();
            if (!lookup.Contains(name) && !name.StartsWith(knownPrefix, StringComparison.Ordinal))
            {
                return decoded ?? key.ToString();
            }
        }

        return null;
    }

    private static ReadOnlySpan<char> Trim(string? rawQuery) =>
        rawQuery is { Length: > 0 } ? rawQuery.AsSpan(rawQuery[0] == '?' ? 1 : 0) : [];

    private static ReadOnlySpan<char> Name(ReadOnlySpan<char> pair)
    {
        var equals = pair.IndexOf('=');
        return equals < 0 ? pair : pair[..equals];
    }

    private static bool Matches(ReadOnlySpan<char> key, string name) =>
        NeedsDecoding(key) ? string.Equals(Decode(key), name, StringComparison.OrdinalIgnoreCase) : key.Equals(name, StringComparison.OrdinalIgnoreCase);

    private static bool NeedsDecoding(ReadOnlySpan<char> key) => key.IndexOfAny('%', '+') >= 0;

    private static string Decode(ReadOnlySpan<char> key) => Uri.UnescapeDataString(key.ToString().Replace('+', ' '));
}
