namespace IdentityCenter.Core.Aws.SigV4;

/// <summary>
/// A signed HTTP request as it arrived, in a form that does not depend on any web framework.
/// Nothing is decoded or normalised: the verifier canonicalises exactly as AWS does.
/// </summary>
/// <param name="Method">The HTTP method, e.g. <c>GET</c>.</param>
/// <param name="RawPath">The path as sent on the wire, still percent-encoded and including any prefix
/// the client signed (for IdentityCenter <c>&lt;base&gt;/aws/&lt;service&gt;/…</c>).</param>
/// <param name="RawQuery">The query string as sent; empty when none. It may start with the <c>?</c> that separates it from the path
/// (one such <c>?</c> is not part of the query; web hosts hand the query over that way without copying it).</param>
/// <param name="Headers">Every header field in the order received, duplicates kept (names in any case).</param>
public sealed record SigV4Request(
    string Method,
    string RawPath,
    string RawQuery,
    IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>The request body, when it was buffered (needed to hash the payload of non-S3 requests).</summary>
    public ReadOnlyMemory<byte>? Payload { get; init; }

    /// <summary>
    /// The lowercase hex SHA-256 of the body when the caller hashed it already (a forwarded request,
    /// or a body hashed while streaming). Used when <see cref="Payload"/> is not set.
    /// </summary>
    public string? PayloadSha256 { get; init; }

    /// <summary>How many fields named <paramref name="name"/> (case-insensitive) the request has.</summary>
    public int CountHeader(string name)
    {
        var count = 0;
        for (var i = 0; i < Headers.Count; i++)
        {
            if (string.Equals(Headers[i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The first value of the header <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? FirstHeader(string name)
    {
        for (var i = 0; i < Headers.Count; i++)
        {
            if (string.Equals(Headers[i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return Headers[i].Value;
            }
        }

        return null;
    }
}
