using System.Buffers;
using IdentityCenter.Core.Aws.SigV4;
using Microsoft.AspNetCore.Http.Features;

namespace IdentityCenter.Web.Aws;

/// <summary>The outcome of <see cref="SigV4HttpRequestReader.ReadAsync"/>.</summary>
/// <param name="Request">The request to verify, or null when the body was over the limit.</param>
/// <param name="BodyTooLarge">The body is larger than the limit given; answer 413 without verifying.</param>
public sealed record SigV4HttpRead(SigV4Request? Request, bool BodyTooLarge);

/// <summary>
/// Reads an ASP.NET Core request into the transport-neutral <see cref="SigV4Request"/> without losing
/// what was signed: the request target exactly as sent (Kestrel's <see cref="IHttpRequestFeature.RawTarget"/>,
/// not the decoded and dot-normalised <see cref="HttpRequest.Path"/>), with the <see cref="HttpRequest.PathBase"/>
/// in front when a proxy stripped it (clients sign the full path: <c>&lt;base&gt;/aws/&lt;service&gt;/…</c>), the raw
/// query string (with its leading <c>?</c>), and every header field in arrival order with duplicates. The body is buffered (and
/// left readable again for the endpoint) only when the signature covers its hash.
/// </summary>
public static class SigV4HttpRequestReader
{
    /// <summary>Bodies larger than this are refused unless the caller gives another limit (1 MiB).</summary>
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    public static async Task<SigV4HttpRead> ReadAsync(HttpRequest request, SigV4Dialect dialect, long maxBodyBytes = DefaultMaxBodyBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (path, query) = SignedTarget(request);
        var headers = new List<KeyValuePair<string, string>>(request.Headers.Count + 2);
        foreach (var header in request.Headers)
        {
            foreach (var value in header.Value)
            {
                headers.Add(new(header.Key, value ?? string.Empty));
            }
        }

        var model = new SigV4Request(request.Method, path, query, headers);
        if (!MustHashBody(request, dialect))
        {
            return new SigV4HttpRead(model, false);
        }

        var body = await BufferAsync(request, maxBodyBytes, cancellationToken).ConfigureAwait(false);
        return body is null ? new SigV4HttpRead(null, true) : new SigV4HttpRead(model with { Payload = body }, false);
    }

    /// <summary>
    /// The path and query as the client sent them. Absolute-form targets (<c>http://host/path</c>, sent to
    /// proxies) are reduced to their path; a <see cref="HttpRequest.PathBase"/> that is not in the raw
    /// target (a proxy removed it and said so) is put back in front. The query keeps its leading <c>?</c>
    /// (<see cref="SigV4Request.RawQuery"/> allows it) so that the server's own query string serves when it is the one
    /// sent: a presigned URL's query is a kilobyte long.
    /// </summary>
    private static (string Path, string Query) SignedTarget(HttpRequest request)
    {
        var raw = RawTargetText(request, out var question);
        if (question < 0)
        {
            return (WithPathBase(request, raw), string.Empty);
        }

        var sent = raw.AsSpan(question);
        var query = request.QueryString.Value is { } known && sent.SequenceEqual(known) ? known : sent.ToString();
        return (WithPathBase(request, raw[..question]), query);
    }

    /// <summary>The path of <see cref="SignedTarget"/> alone (no copy of a long presigned query).</summary>
    internal static string RawPath(HttpRequest request)
    {
        var raw = RawTargetText(request, out var question);
        return WithPathBase(request, question < 0 ? raw : raw[..question]);
    }

    /// <summary>The request target as sent, reduced to path and query; <paramref name="question"/>: where the query starts, or -1.</summary>
    private static string RawTargetText(HttpRequest request, out int question)
    {
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/' && !raw.Contains("://", StringComparison.Ordinal))
        {
            raw = request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        }
        else if (raw[0] != '/')
        {
            var authorityEnd = raw.IndexOf('/', raw.IndexOf("://", StringComparison.Ordinal) + 3);
            raw = authorityEnd < 0 ? "/" : raw[authorityEnd..];
        }

        question = raw.IndexOf('?', StringComparison.Ordinal);
        return raw;
    }

    private static string WithPathBase(HttpRequest request, string path)
    {
        var pathBase = request.PathBase.ToUriComponent();
        return pathBase.Length > 0 && !path.StartsWith(pathBase, StringComparison.OrdinalIgnoreCase) ? pathBase + path : path;
    }

    /// <summary>
    /// Non-S3 services sign the SHA-256 of the body; S3 only when <c>x-amz-content-sha256</c> is a hash
    /// (not UNSIGNED-PAYLOAD or a streaming mode, whose bodies the endpoint reads itself).
    /// </summary>
    private static bool MustHashBody(HttpRequest request, SigV4Dialect dialect)
    {
        if (dialect != SigV4Dialect.S3)
        {
            return true;
        }

        var declared = request.Headers["x-amz-content-sha256"];
        return declared.Count == 1 && declared[0] is { Length: 64 } value && value.All(char.IsAsciiHexDigit);
    }

    /// <summary>Reads the whole body (at most <paramref name="maxBodyBytes"/>) and rewinds it for the endpoint.</summary>
    private static async Task<byte[]?> BufferAsync(HttpRequest request, long maxBodyBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length && length > maxBodyBytes)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 4096, maxBodyBytes) + 1);
        try
        {
            var total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (total > maxBodyBytes)
                    {
                        return null;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, maxBodyBytes + 1));
                    buffer.AsSpan(0, total).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
                if (total > maxBodyBytes)
                {
                    return null;
                }
            }

            var body = buffer.AsSpan(0, total).ToArray();
            request.Body = new MemoryStream(body, writable: false);
            return body;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
