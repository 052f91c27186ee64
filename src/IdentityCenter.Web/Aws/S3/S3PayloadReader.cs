using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;
using IdentityCenter.Core.Aws.SigV4;

namespace IdentityCenter.Web.Aws.S3;

/// <summary>
/// The content of an S3 upload after its signature was verified (<see cref="SigV4Verification"/>): the whole body when its
/// SHA-256 was signed (already checked) or <c>UNSIGNED-PAYLOAD</c>; the decoded data of an <c>aws-chunked</c> body for the
/// streaming modes, with every chunk signature (and the trailer signature) checked against the chain that starts at the
/// request's signature, <c>x-amz-decoded-content-length</c> checked, and the checksum the client sent (trailer such as
/// <c>x-amz-checksum-crc32</c>, or header) compared with the data. Bodies over the limit are refused with EntityTooLarge.
/// </summary>
public static class S3PayloadReader
{
    private static readonly string[] Algorithms = ["crc32", "sha1", "sha256"];

    /// <summary>The data, or the S3 error to answer.</summary>
    public static async Task<(byte[]? Content, S3Error? Error)> ReadAsync(HttpRequest request, SigV4Verification verification, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(verification);
        var streaming = verification.PayloadKind is SigV4PayloadKind.StreamingSigned or SigV4PayloadKind.StreamingSignedWithTrailer or SigV4PayloadKind.StreamingUnsignedWithTrailer;
        long? decodedLength = null;
        if (streaming)
        {
            if (!long.TryParse(request.Headers["x-amz-decoded-content-length"], NumberStyles.None, CultureInfo.InvariantCulture, out var declared))
            {
                return (null, new S3Error("MissingContentLength", "You must provide the Content-Length HTTP header (x-amz-decoded-content-length for aws-chunked uploads).", StatusCodes.Status411LengthRequired));
            }

            decodedLength = declared;
        }

        var proposed = decodedLength ?? request.ContentLength ?? 0;
        if (proposed > maxBytes)
        {
            return (null, S3Error.EntityTooLarge(proposed, maxBytes));
        }

        // The raw body: the data, or the data with aws-chunked framing (a few hundred bytes per chunk).
        var rawLimit = streaming ? maxBytes + (maxBytes / 8) + 64 * 1024 : maxBytes;
        var raw = await ReadAllAsync(request.Body, rawLimit, cancellationToken);
        if (raw is null)
        {
            return (null, S3Error.EntityTooLarge(request.ContentLength ?? rawLimit + 1, maxBytes));
        }

        if (!streaming)
        {
            return raw.Length > maxBytes ? (null, S3Error.EntityTooLarge(raw.Length, maxBytes)) : CheckHeaderChecksum(request, raw);
        }

        var decoded = Decode(raw, verification);
        if (decoded.Error is not null)
        {
            return (null, decoded.Error);
        }

        if (decoded.Content!.Length != decodedLength)
        {
            return (null, S3Error.IncompleteBody($"The aws-chunked body holds {decoded.Content.Length} bytes but x-amz-decoded-content-length says {decodedLength}."));
        }

        if (decoded.Trailer.Count > 0)
        {
            foreach (var (name, value) in decoded.Trailer)
            {
                if (name.StartsWith("x-amz-checksum-", StringComparison.Ordinal) && Checksum(name["x-amz-checksum-".Length..], value, decoded.Content) is { } bad)
                {
                    return (null, bad);
                }
            }

            return (decoded.Content, null);
        }

        return CheckHeaderChecksum(request, decoded.Content);
    }

    private static (byte[]? Content, S3Error? Error) CheckHeaderChecksum(HttpRequest request, byte[] content)
    {
        foreach (var header in request.Headers)
        {
            var name = header.Key.ToLowerInvariant();
            if (name.StartsWith("x-amz-checksum-", StringComparison.Ordinal) && name != "x-amz-checksum-type"
                && Checksum(name["x-amz-checksum-".Length..], header.Value.ToString(), content) is { } bad)
            {
                return (null, bad);
            }
        }

        return (content, null);
    }

    /// <summary>Null when the checksum matches; BadDigest when not; InvalidRequest for an algorithm this store does not compute.</summary>
    private static S3Error? Checksum(string algorithm, string expected, byte[] content)
    {
        byte[] actual;
        switch (algorithm)
        {
            case "crc32":
                actual = new byte[4];
                BinaryPrimitives.WriteUInt32BigEndian(actual, Crc32.HashToUInt32(content));
                break;
            case "sha1":
#pragma warning disable CA5350 // S3's x-amz-checksum-sha1 is an integrity check the client chose; it is compared, not trusted for security.
                actual = SHA1.HashData(content);
#pragma warning restore CA5350
                break;
            case "sha256":
                actual = SHA256.HashData(content);
                break;
            default:
                return S3Error.InvalidRequest($"The checksum algorithm {algorithm.ToUpperInvariant()} is not supported by this store. Use one of: {string.Join(", ", Algorithms.Select(a => a.ToUpperInvariant()))} (for example, boto3's request_checksum_calculation default, CRC32).");
        }

        return string.Equals(Convert.ToBase64String(actual), expected.Trim(), StringComparison.Ordinal) ? null : S3Error.BadDigest(algorithm.ToUpperInvariant());
    }

    private sealed record Decoded(byte[]? Content, List<KeyValuePair<string, string>> Trailer, S3Error? Error);

    /// <summary>
    /// Decodes <c>aws-chunked</c>: <c>hex-size[;chunk-signature=sig]\r\n data \r\n</c> … <c>0[;chunk-signature=sig]\r\n</c>,
    /// then trailer lines (<c>name:value\r\n</c>, with <c>x-amz-trailer-signature</c> last when signed) and an empty line.
    /// </summary>
    private static Decoded Decode(byte[] raw, SigV4Verification verification)
    {
        var chunks = verification.Chunks;
        var signedTrailer = verification.PayloadKind == SigV4PayloadKind.StreamingSignedWithTrailer;
        var content = new MemoryStream();
        var trailer = new List<KeyValuePair<string, string>>();
        var previous = chunks?.SeedSignature;
        var position = 0;
        S3Error Malformed(string what) => S3Error.IncompleteBody("The aws-chunked body is malformed: " + what);
        while (true)
        {
            if (ReadLine(raw, ref position) is not { } header)
            {
                return new(null, trailer, Malformed("a chunk header is missing or not ended by CRLF."));
            }

            var semicolon = header.IndexOf(';', StringComparison.Ordinal);
            var sizeText = semicolon < 0 ? header : header[..semicolon];
            if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0 || size > raw.Length - position)
            {
                return new(null, trailer, Malformed($"the chunk size '{sizeText}' is not a hexadecimal size within the body."));
            }

            var data = raw.AsSpan(position, size);
            if (chunks is not null)
            {
                const string signatureField = "chunk-signature=";
                var signature = semicolon < 0 ? null : header[(semicolon + 1)..];
                if (signature is null || !signature.StartsWith(signatureField, StringComparison.Ordinal))
                {
                    return new(null, trailer, Malformed("a chunk has no chunk-signature."));
                }

                signature = signature[signatureField.Length..];
                if (!SigV4ChunkContext.SignaturesEqual(chunks.ChunkSignature(previous!, data), signature))
                {
                    return new(null, trailer, new S3Error("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.", StatusCodes.Status403Forbidden));
                }

                previous = signature;
            }

            content.Write(data);
            position += size;
            if (size == 0)
            {
                break;
            }

            if (ReadLine(raw, ref position) is not "")
            {
                return new(null, trailer, Malformed("a chunk's data is not followed by CRLF."));
            }
        }

        // Trailer lines up to the empty line (the signed modes without trailer end with the empty line at once).
        var canonical = new StringBuilder();
        string? trailerSignature = null;
        while (ReadLine(raw, ref position) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return new(null, trailer, Malformed($"the trailer line '{line}' is not name:value."));
            }

            var name = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (name == "x-amz-trailer-signature")
            {
                trailerSignature = value;
                continue;
            }

            trailer.Add(new(name, value));
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }

        if (signedTrailer)
        {
            if (trailerSignature is null || !SigV4ChunkContext.SignaturesEqual(chunks!.TrailerSignature(previous!, Encoding.UTF8.GetBytes(canonical.ToString())), trailerSignature))
            {
                return new(null, trailer, new S3Error("SignatureDoesNotMatch", "The trailer signature we calculated does not match the x-amz-trailer-signature you provided. Check your key and signing method.", StatusCodes.Status403Forbidden));
            }
        }

        return new(content.ToArray(), trailer, null);
    }

    /// <summary>The text up to the next CRLF (moving past it), or null when there is none.</summary>
    private static string? ReadLine(byte[] raw, ref int position)
    {
        var end = raw.AsSpan(position).IndexOf("\r\n"u8);
        if (end < 0)
        {
            return null;
        }

        var line = Encoding.ASCII.GetString(raw, position, end);
        position += end + 2;
        return line;
    }

    private static async Task<byte[]?> ReadAllAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
