using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IdentityCenter.Core.Aws.SigV4;

/// <summary>
/// Verifies AWS Signature Version 4 (AWS4-HMAC-SHA256) exactly as AWS services do, for requests signed
/// with an <c>Authorization</c> header or as presigned URLs. Pure and thread-safe: one instance per
/// application (it holds the bounded signing-key cache).
/// <para>Two steps, so the credential lookup may be synchronous (a sealed session token) or
/// asynchronous (a database row): <see cref="Parse"/> checks everything that needs no secret and yields
/// the access key id; <see cref="Verify(SigV4Authorization, string)"/> checks the signature with its secret.
/// <see cref="Verify{T}"/> does both with a synchronous lookup.</para>
/// </summary>
public sealed class SigV4Verifier(SigV4SigningKeyCache? keyCache = null)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string StreamingSignedPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    public const string StreamingSignedPayloadWithTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    public const string StreamingUnsignedPayloadWithTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    public const string EmptyPayloadSha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string Terminator = "aws4_request";
    private const string IsoBasicFormat = "yyyyMMdd'T'HHmmss'Z'";

    private static readonly string[] HttpDateFormats =
    [
        "r",
        "ddd, d MMM yyyy HH:mm:ss 'GMT'",
        "ddd, dd MMM yyyy HH:mm:ss '-0000'",
        "ddd, d MMM yyyy HH:mm:ss '-0000'",
        "ddd, dd MMM yyyy HH:mm:ss '+0000'",
        "ddd, d MMM yyyy HH:mm:ss '+0000'",
    ];

    [ThreadStatic]
    private static StringBuilder? t_builder;

    [ThreadStatic]
    private static StringBuilder? t_queryBuilder;

    private readonly SigV4SigningKeyCache _keys = keyCache ?? new SigV4SigningKeyCache();

    /// <summary>
    /// Step 1: reads the authentication of <paramref name="request"/> and checks everything that needs no
    /// secret, in the order AWS does: one mechanism, all parts present and well-formed, the credential
    /// scope (date = request date, a region and the service this endpoint accepts, <c>aws4_request</c>),
    /// <c>host</c> (and the date header) signed, and the clock skew or presigned expiry against <paramref name="now"/>.
    /// </summary>
    public static SigV4ParseResult Parse(SigV4Request request, SigV4ServicePolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        var dialect = policy.Dialect;
        var query = ParseQuery(request.RawQuery, out var presign);
        var authorizationHeaders = request.CountHeader("authorization");
        if (authorizationHeaders > 0 && presign.Any)
        {
            return SigV4ParseResult.Failure(SigV4Errors.AmbiguousAuthentication(dialect));
        }

        if (authorizationHeaders == 0 && !presign.Any)
        {
            return SigV4ParseResult.Failure(SigV4Errors.MissingAuthentication(dialect));
        }

        if (authorizationHeaders > 1)
        {
            return SigV4ParseResult.Failure(SigV4Errors.RepeatedAuthorizationHeader(dialect));
        }

        return presign.Any
            ? ParsePresigned(request, policy, now, query, presign)
            : ParseHeader(request, policy, now, query, request.FirstHeader("authorization")!);
    }

    /// <summary>
    /// Step 2: computes the canonical request, string to sign and signature with
    /// <paramref name="secretAccessKey"/> and compares in constant time; checks the declared payload hash
    /// against the body when the request carries it.
    /// </summary>
    public SigV4Verification Verify(SigV4Authorization authorization, string secretAccessKey)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(secretAccessKey);
        var policy = authorization.Policy;
        var payload = ResolvePayload(authorization);
        if (payload.Error is { } payloadError)
        {
            return SigV4Verification.Failure(authorization, payloadError);
        }

        var key = _keys.Get(authorization.AccessKeyId, secretAccessKey, authorization.Date, authorization.Region, authorization.Service);
        if (!SignatureMatches(key, authorization, payload.Line!))
        {
            // The texts the client must compare with its own are made only for the error.
            var canonicalRequest = BuildCanonicalRequest(authorization, payload.Line!);
            var stringToSign = BuildStringToSign(authorization, canonicalRequest);
            return SigV4Verification.Failure(
                authorization,
                SigV4Errors.SignatureDoesNotMatch(policy, authorization.AccessKeyId, authorization.Signature, canonicalRequest, stringToSign));
        }

        var verified = payload.Kind == SigV4PayloadKind.Sha256 && payload.Computed is not null;
        if (verified && !string.Equals(payload.Computed, payload.Line, StringComparison.OrdinalIgnoreCase))
        {
            return SigV4Verification.Failure(authorization, SigV4Errors.PayloadMismatch(policy.Dialect, payload.Line!, payload.Computed!));
        }

        var chunks = payload.Kind is SigV4PayloadKind.StreamingSigned or SigV4PayloadKind.StreamingSignedWithTrailer
            ? new SigV4ChunkContext(key, authorization.Timestamp, authorization.CredentialScope, authorization.Signature.ToLowerInvariant())
            : null;
        return new SigV4Verification(authorization, null, payload.Kind, payload.Line, verified, chunks);
    }

    /// <summary>
    /// Both steps with a synchronous credential lookup (e.g. a session token that seals its secret).
    /// </summary>
    public SigV4Outcome<T> Verify<T>(SigV4Request request, SigV4ServicePolicy policy, DateTimeOffset now, SigV4CredentialLookup<T> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var parsed = Parse(request, policy, now);
        if (parsed.Authorization is not { } authorization)
        {
            return new SigV4Outcome<T>(parsed.Error, null, default);
        }

        var credential = lookup(authorization);
        if (credential.Error is { } lookupError)
        {
            return new SigV4Outcome<T>(lookupError, null, default);
        }

        var verification = Verify(authorization, credential.SecretAccessKey!);
        return new SigV4Outcome<T>(verification.Error, verification, verification.Succeeded ? credential.Value : default);
    }

    /// <summary>The canonical request AWS would compute for this authorization (for diagnostics and tests).</summary>
    public static string CanonicalRequest(SigV4Authorization authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        var payload = ResolvePayload(authorization);
        return BuildCanonicalRequest(authorization, payload.Line ?? string.Empty);
    }

    private static SigV4ParseResult ParseHeader(SigV4Request request, SigV4ServicePolicy policy, DateTimeOffset now, List<KeyValuePair<ReadOnlyMemory<char>, ReadOnlyMemory<char>>> query, string header)
    {
        var dialect = policy.Dialect;
        var value = header.AsSpan().Trim();
        var space = value.IndexOfAny(' ', '\t');
        var scheme = space < 0 ? value : value[..space];
        var hasDate = request.FirstHeader("x-amz-date") is not null || request.FirstHeader("date") is not null;
        if (!scheme.SequenceEqual(Algorithm))
        {
            return SigV4ParseResult.Failure(dialect == SigV4Dialect.S3
                ? SigV4Errors.S3UnsupportedScheme(scheme.ToString(), header)
                : SigV4Errors.HeaderMissingParts(dialect, true, true, true, !hasDate, header));
        }

        string? credential = null, signedHeaders = null, signature = null;
        foreach (var range in value[(space + 1)..].Split(','))
        {
            var part = value[(space + 1)..][range].Trim();
            if (part.IsEmpty)
            {
                continue;
            }

            var equals = part.IndexOf('=');
            if (equals < 0)
            {
                return SigV4ParseResult.Failure(SigV4Errors.HeaderPairWithoutEquals(dialect, part.ToString(), header));
            }

            var name = part[..equals].Trim();
            var text = part[(equals + 1)..].Trim().ToString();
            if (name.SequenceEqual("Credential"))
            {
                credential ??= text;
            }
            else if (name.SequenceEqual("SignedHeaders"))
            {
                signedHeaders ??= text;
            }
            else if (name.SequenceEqual("Signature"))
            {
                signature ??= text;
            }
        }

        if (credential is null || signature is null || signedHeaders is null || !hasDate)
        {
            return SigV4ParseResult.Failure(SigV4Errors.HeaderMissingParts(dialect, credential is null, signature is null, signedHeaders is null, !hasDate, header));
        }

        string timestamp, dateHeader;
        DateTimeOffset requestTime;
        if (request.FirstHeader("x-amz-date") is { } amzDate)
        {
            dateHeader = "x-amz-date";
            timestamp = amzDate.Trim();
            if (!TryParseIsoBasic(timestamp, out requestTime))
            {
                return SigV4ParseResult.Failure(SigV4Errors.MalformedDate(dialect, false, timestamp));
            }
        }
        else
        {
            dateHeader = "date";
            var date = request.FirstHeader("date")!.Trim();
            if (!DateTimeOffset.TryParseExact(date, HttpDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out requestTime))
            {
                return SigV4ParseResult.Failure(SigV4Errors.MalformedDate(dialect, false, date));
            }

            timestamp = SigV4Errors.IsoBasic(requestTime);
        }

        var token = request.FirstHeader("x-amz-security-token");
        return Complete(request, policy, now, query, false, credential, signedHeaders, signature, timestamp, requestTime, dateHeader, null, token);
    }

    private static SigV4ParseResult ParsePresigned(SigV4Request request, SigV4ServicePolicy policy, DateTimeOffset now, List<KeyValuePair<ReadOnlyMemory<char>, ReadOnlyMemory<char>>> query, PresignFields presign)
    {
        var dialect = policy.Dialect;
        if (!policy.AllowPresigned)
        {
            return SigV4ParseResult.Failure(SigV4Errors.PresignedNotAccepted(dialect));
        }

        var missing = presign.Algorithm is null ? "X-Amz-Algorithm"
            : presign.Credential is null ? "X-Amz-Credential"
            : presign.Date is null ? "X-Amz-Date"
            : presign.SignedHeaders is null ? "X-Amz-SignedHeaders"
            : presign.Signature is null ? "X-Amz-Signature"
            : presign.Expires is null ? "X-Amz-Expires"
            : null;
        if (missing is not null)
        {
            return SigV4ParseResult.Failure(SigV4Errors.QueryMissingParameter(dialect, missing));
        }

        if (!string.Equals(presign.Algorithm, Algorithm, StringComparison.Ordinal))
        {
            return SigV4ParseResult.Failure(SigV4Errors.QueryUnsupportedAlgorithm(dialect, presign.Algorithm!));
        }

        if (!TryParseIsoBasic(presign.Date!, out var requestTime))
        {
            return SigV4ParseResult.Failure(SigV4Errors.MalformedDate(dialect, true, presign.Date!));
        }

        if (!int.TryParse(presign.Expires, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var expires))
        {
            return SigV4ParseResult.Failure(SigV4Errors.QueryBadExpires(dialect, "X-Amz-Expires should be a number"));
        }

        if (expires < 0)
        {
            return SigV4ParseResult.Failure(SigV4Errors.QueryBadExpires(dialect, "X-Amz-Expires must be non-negative"));
        }

        if (expires > SigV4ServicePolicy.MaxPresignedExpirySeconds)
        {
            return SigV4ParseResult.Failure(SigV4Errors.QueryBadExpires(dialect, "X-Amz-Expires must be less than a week (in seconds) that is 604800"));
        }

        var token = presign.SecurityToken ?? request.FirstHeader("x-amz-security-token");
        return Complete(request, policy, now, query, true, presign.Credential!, presign.SignedHeaders!, presign.Signature!, presign.Date!, requestTime, null, expires, token);
    }

    private static SigV4ParseResult Complete(
        SigV4Request request,
        SigV4ServicePolicy policy,
        DateTimeOffset now,
        List<KeyValuePair<ReadOnlyMemory<char>, ReadOnlyMemory<char>>> query,
        bool presigned,
        string credential,
        string signedHeaders,
        string signature,
        string timestamp,
        DateTimeOffset requestTime,
        string? dateHeader,
        int? expires,
        string? token)
    {
        var dialect = policy.Dialect;
        var parts = credential.Split('/');
        if (parts.Length != 5 || parts[0].Length == 0)
        {
            return SigV4ParseResult.Failure(SigV4Errors.MalformedCredential(dialect, presigned, credential));
        }

        if (!string.Equals(parts[1], timestamp[..8], StringComparison.Ordinal))
        {
            return SigV4ParseResult.Failure(SigV4Errors.ScopeDate(dialect, presigned, parts[1], timestamp));
        }

        if (!policy.AcceptsRegion(parts[2]))
        {
            return SigV4ParseResult.Failure(SigV4Errors.ScopeRegion(dialect, presigned, parts[2], policy.ExpectedRegion));
        }

        if (!string.Equals(parts[3], policy.Service, StringComparison.Ordinal))
        {
            return SigV4ParseResult.Failure(SigV4Errors.ScopeService(dialect, presigned, parts[3], policy.Service));
        }

        if (!string.Equals(parts[4], Terminator, StringComparison.Ordinal))
        {
            return SigV4ParseResult.Failure(SigV4Errors.ScopeTerminator(dialect, presigned, parts[4]));
        }

        var names = signedHeaders.Split(';');
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = names[i].Trim().ToLowerInvariant();
        }

        if (Array.IndexOf(names, "host") < 0)
        {
            return SigV4ParseResult.Failure(SigV4Errors.HeaderNotSigned(dialect, "host"));
        }

        if (dateHeader is not null && Array.IndexOf(names, dateHeader) < 0)
        {
            return SigV4ParseResult.Failure(SigV4Errors.HeaderNotSigned(dialect, dateHeader));
        }

        if (dialect == SigV4Dialect.S3)
        {
            foreach (var header in request.Headers)
            {
                if (header.Key.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase) && !Contains(names, header.Key))
                {
                    return SigV4ParseResult.Failure(SigV4Errors.HeaderNotSigned(dialect, header.Key.ToLowerInvariant()));
                }
            }
        }

        if (!presigned)
        {
            if ((requestTime - now).Duration() > policy.MaxClockSkew)
            {
                return SigV4ParseResult.Failure(SigV4Errors.Skewed(dialect, timestamp, requestTime, now, policy.MaxClockSkew));
            }
        }
        else
        {
            if (requestTime - now > policy.MaxClockSkew)
            {
                return SigV4ParseResult.Failure(SigV4Errors.PresignedNotYetValid(dialect, timestamp, now, policy.MaxClockSkew));
            }

            var expiresAt = requestTime.AddSeconds(expires!.Value);
            if (now > expiresAt)
            {
                return SigV4ParseResult.Failure(SigV4Errors.PresignedExpired(dialect, expires.Value, expiresAt, now));
            }
        }

        return SigV4ParseResult.Success(new SigV4Authorization(
            request, policy, presigned, parts[0], token, timestamp, requestTime, parts[2], signedHeaders, names, signature, expires, query));
    }

    private static bool Contains(string[] lowercaseNames, string name)
    {
        foreach (var candidate in lowercaseNames)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryParseIsoBasic(string value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(value, IsoBasicFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    /// <summary>
    /// Splits the raw query into canonical (encoded, sorted) pairs and picks out the presigning parameters. A key or value
    /// that is already canonical (unreserved characters only, the usual case) is a slice of <paramref name="rawQuery"/>, not a copy.
    /// </summary>
    private static List<KeyValuePair<ReadOnlyMemory<char>, ReadOnlyMemory<char>>> ParseQuery(string rawQuery, out PresignFields presign)
    {
        presign = default;
        if (string.IsNullOrEmpty(rawQuery))
        {
            return [];
        }

        var pairs = new List<KeyValuePair<ReadOnlyMemory<char>, ReadOnlyMemory<char>>>(rawQuery.AsSpan().Count('&') + 1);

        var builder = t_queryBuilder ??= new StringBuilder(256);
        var start = rawQuery[0] == '?' ? 1 : 0;
        var raw = rawQuery.AsMemory(start);
        foreach (var range in raw.Span.Split('&'))
        {
            var pair = raw[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.Span.IndexOf('=');
            var rawKey = equals < 0 ? pair : pair[..equals];
            var rawValue = equals < 0 ? ReadOnlyMemory<char>.Empty : pair[(equals + 1)..];
            var key = SigV4Encoding.Canonical(rawKey, keepSlash: false, builder);
            var value = SigV4Encoding.Canonical(rawValue, keepSlash: false, builder);
            if (key.Span.StartsWith("X-Amz-", StringComparison.Ordinal) && presign.Take(key.Span, rawValue.Span, value))
            {
                continue;
            }

            pairs.Add(new(key, value));
        }

        if (builder.Capacity > 16 * 1024)
        {
            t_queryBuilder = null;
        }

        pairs.Sort(static (a, b) =>
        {
            var byKey = a.Key.Span.SequenceCompareTo(b.Key.Span);
            return byKey != 0 ? byKey : a.Value.Span.SequenceCompareTo(b.Value.Span);
        });
        return pairs;
    }

    private static (string? Line, SigV4PayloadKind Kind, string? Computed, SigV4Error? Error) ResolvePayload(SigV4Authorization authorization)
    {
        var request = authorization.Request;
        var dialect = authorization.Policy.Dialect;
        var declared = request.FirstHeader("x-amz-content-sha256")?.Trim();
        if (declared is null)
        {
            if (dialect == SigV4Dialect.S3)
            {
                return authorization.IsPresigned
                    ? (UnsignedPayload, SigV4PayloadKind.UnsignedPayload, null, null)
                    : (null, SigV4PayloadKind.Sha256, null, SigV4Errors.MissingContentSha256());
            }

            var computed = ComputedPayloadHash(request)
                ?? throw new InvalidOperationException("A non-S3 request signs the SHA-256 of its body: set SigV4Request.Payload or PayloadSha256.");
            return (computed, SigV4PayloadKind.Sha256, computed, null);
        }

        if (IsHexSha256(declared))
        {
            return (declared, SigV4PayloadKind.Sha256, ComputedPayloadHash(request), null);
        }

        if (dialect == SigV4Dialect.S3)
        {
            SigV4PayloadKind? kind = declared switch
            {
                UnsignedPayload => SigV4PayloadKind.UnsignedPayload,
                StreamingSignedPayload => SigV4PayloadKind.StreamingSigned,
                StreamingSignedPayloadWithTrailer => SigV4PayloadKind.StreamingSignedWithTrailer,
                StreamingUnsignedPayloadWithTrailer => SigV4PayloadKind.StreamingUnsignedWithTrailer,
                _ => null,
            };
            if (kind is { } known)
            {
                return (declared, known, null, null);
            }
        }

        return (null, SigV4PayloadKind.Sha256, null, SigV4Errors.InvalidContentSha256(dialect));
    }

    private static string? ComputedPayloadHash(SigV4Request request)
    {
        if (request.Payload is { } payload)
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(payload.Span, hash);
            return Convert.ToHexStringLower(hash);
        }

        return request.PayloadSha256?.ToLowerInvariant();
    }

    private static bool IsHexSha256(string value)
    {
        if (value.Length != 64)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string BuildCanonicalRequest(SigV4Authorization authorization, string payloadLine)
    {
        var builder = WriteCanonicalRequest(authorization, payloadLine);
        var text = builder.ToString();
        if (builder.Capacity > 16 * 1024)
        {
            t_builder = null;
        }

        return text;
    }

    /// <summary>The canonical request in this thread's builder (read it before the next call on this thread).</summary>
    private static StringBuilder WriteCanonicalRequest(SigV4Authorization authorization, string payloadLine)
    {
        var request = authorization.Request;
        var builder = t_builder ??= new StringBuilder(1024);
        builder.Clear();
        builder.Append(request.Method).Append('\n');
        if (authorization.Policy.Dialect == SigV4Dialect.S3)
        {
            SigV4Encoding.AppendCanonicalComponent(builder, request.RawPath.Length == 0 ? "/" : request.RawPath, keepSlash: true);
        }
        else
        {
            SigV4Encoding.AppendEncodedPath(builder, SigV4Encoding.NormalizePath(request.RawPath));
        }

        builder.Append('\n');
        var query = authorization.CanonicalQuery;
        for (var i = 0; i < query.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('&');
            }

            builder.Append(query[i].Key).Append('=').Append(query[i].Value);
        }

        builder.Append('\n');
        var headers = request.Headers;
        foreach (var name in authorization.SignedHeaderNames)
        {
            builder.Append(name).Append(':');
            var first = true;
            for (var i = 0; i < headers.Count; i++)
            {
                var header = headers[i];
                if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    AppendTrimmed(builder, header.Value);
                    first = false;
                }
            }

            builder.Append('\n');
        }

        builder.Append('\n').Append(authorization.SignedHeaders).Append('\n').Append(payloadLine);
        return builder;
    }

    /// <summary>Trimall: no leading or trailing whitespace, each run of whitespace inside becomes one space.</summary>
    private static void AppendTrimmed(StringBuilder builder, string value)
    {
        var span = value.AsSpan().Trim(" \t\r\n\v\f");
        var inSpace = false;
        foreach (var c in span)
        {
            if (c is ' ' or '\t' or '\r' or '\n' or '\v' or '\f')
            {
                inSpace = true;
                continue;
            }

            if (inSpace)
            {
                builder.Append(' ');
                inSpace = false;
            }

            builder.Append(c);
        }
    }

    private static string BuildStringToSign(SigV4Authorization authorization, string canonicalRequest)
    {
        var length = Encoding.UTF8.GetMaxByteCount(canonicalRequest.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(canonicalRequest, rented);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(rented.AsSpan(0, written), hash);
            return string.Concat(
                Algorithm + "\n",
                authorization.Timestamp,
                "\n",
                authorization.CredentialScope,
                "\n",
                Convert.ToHexStringLower(hash));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Whether the request carries its signature (<see cref="SigV4Authorization.Signature"/>): the canonical request is hashed straight from this
    /// thread's builder and the string to sign is written as UTF-8 bytes (no intermediate strings), then one HMAC with the
    /// signing key, compared in constant time.
    /// </summary>
    private static bool SignatureMatches(byte[] signingKey, SigV4Authorization authorization, string payloadLine)
    {
        Span<byte> received = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var provided = authorization.Signature;
        if (provided.Length != received.Length * 2
            || Convert.FromHexString(provided, received, out _, out var written) != OperationStatus.Done
            || written != received.Length)
        {
            return false;
        }

        // The string to sign: algorithm, timestamp, credential scope, hex SHA-256 of the canonical request.
        Span<char> text = stackalloc char[512];
        var scopeLength = Algorithm.Length + 1 + authorization.Timestamp.Length + 1 + 8 + 1 + authorization.Region.Length + 1 + authorization.Service.Length + 1 + Terminator.Length + 1;
        if (scopeLength + SHA256.HashSizeInBytes * 2 > text.Length || authorization.Timestamp.Length < 8)
        {
            return SignatureMatches(signingKey, BuildStringToSign(authorization, BuildCanonicalRequest(authorization, payloadLine)), received);
        }

        var at = 0;
        Append(text, ref at, Algorithm);
        Append(text, ref at, "\n");
        Append(text, ref at, authorization.Timestamp);
        Append(text, ref at, "\n");
        Append(text, ref at, authorization.Timestamp.AsSpan(0, 8));
        Append(text, ref at, "/");
        Append(text, ref at, authorization.Region);
        Append(text, ref at, "/");
        Append(text, ref at, authorization.Service);
        Append(text, ref at, "/");
        Append(text, ref at, Terminator);
        Append(text, ref at, "\n");
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        HashCanonicalRequest(WriteCanonicalRequest(authorization, payloadLine), hash);
        Convert.TryToHexStringLower(hash, text[at..], out var hexLength);
        at += hexLength;

        Span<byte> utf8 = stackalloc byte[512 * 3];
        var length = Encoding.UTF8.GetBytes(text[..at], utf8);
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(signingKey, utf8[..length], expected);
        return CryptographicOperations.FixedTimeEquals(expected, received);
    }

    private static bool SignatureMatches(byte[] signingKey, string stringToSign, ReadOnlySpan<byte> received)
    {
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign), expected);
        return CryptographicOperations.FixedTimeEquals(expected, received);
    }

    private static void Append(Span<char> destination, ref int at, ReadOnlySpan<char> text)
    {
        text.CopyTo(destination[at..]);
        at += text.Length;
    }

    /// <summary>SHA-256 of the builder's text as UTF-8, encoded chunk by chunk into one pooled buffer.</summary>
    private static void HashCanonicalRequest(StringBuilder builder, Span<byte> hash)
    {
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(builder.Length));
        try
        {
            var encoder = Utf8NoBom.GetEncoder();
            var written = 0;
            foreach (var chunk in builder.GetChunks())
            {
                written += encoder.GetBytes(chunk.Span, rented.AsSpan(written), flush: false);
            }

            written += encoder.GetBytes(ReadOnlySpan<char>.Empty, rented.AsSpan(written), flush: true);
            SHA256.HashData(rented.AsSpan(0, written), hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        if (builder.Capacity > 16 * 1024)
        {
            t_builder = null;
        }
    }

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The presigning parameters of a query string, decoded.</summary>
    private struct PresignFields
    {
        public string? Algorithm;
        public string? Credential;
        public string? Date;
        public string? Expires;
        public string? SignedHeaders;
        public string? Signature;
        public string? SecurityToken;

        public readonly bool Any => Algorithm is not null || Credential is not null || Signature is not null || SignedHeaders is not null;

        /// <summary>
        /// Reads a presigning parameter (decoded); true only for X-Amz-Signature, the one parameter the canonical
        /// query leaves out. <paramref name="canonical"/> is the value's canonical form.
        /// </summary>
        public bool Take(ReadOnlySpan<char> key, ReadOnlySpan<char> rawValue, ReadOnlyMemory<char> canonical)
        {
            switch (key)
            {
                case "X-Amz-Signature":
                    Signature ??= Decode(rawValue, canonical);
                    return true;
                case "X-Amz-Security-Token":
                    SecurityToken ??= Decode(rawValue, canonical);
                    return false;
                case "X-Amz-Algorithm":
                    Algorithm ??= Decode(rawValue, canonical);
                    return false;
                case "X-Amz-Credential":
                    Credential ??= Decode(rawValue, canonical);
                    return false;
                case "X-Amz-Date":
                    Date ??= Decode(rawValue, canonical);
                    return false;
                case "X-Amz-Expires":
                    Expires ??= Decode(rawValue, canonical);
                    return false;
                case "X-Amz-SignedHeaders":
                    SignedHeaders ??= Decode(rawValue, canonical);
                    return false;
                default:
                    return false;
            }
        }

        // A value of unreserved characters only is its own decoding and canonical form.
        private static string Decode(ReadOnlySpan<char> rawValue, ReadOnlyMemory<char> canonical) =>
            rawValue.SequenceEqual(canonical.Span) && !rawValue.Contains('%') ? canonical.ToString() : SigV4Encoding.Decode(rawValue);
    }
}

/// <summary>What a credential lookup found: the secret access key (and the caller's own data about it), or an error.</summary>
public readonly record struct SigV4Credential<T>(string? SecretAccessKey, T? Value, SigV4Error? Error);

/// <summary>Builds <see cref="SigV4Credential{T}"/> values.</summary>
public static class SigV4Credential
{
    public static SigV4Credential<T> Found<T>(string secretAccessKey, T value) => new(secretAccessKey, value, null);

    /// <summary>A lookup failure, usually <see cref="SigV4Errors.InvalidAccessKeyId"/>, <see cref="SigV4Errors.InvalidSecurityToken"/> or <see cref="SigV4Errors.ExpiredToken"/>.</summary>
    public static SigV4Credential<T> Failed<T>(SigV4Error error) => new(null, default, error);
}

/// <summary>Finds the secret access key for the access key id (and security token) of a parsed request.</summary>
public delegate SigV4Credential<T> SigV4CredentialLookup<T>(SigV4Authorization authorization);

/// <summary>The outcome of <see cref="SigV4Verifier.Verify{T}"/>: the verification and the credential's data, or an error.</summary>
public readonly record struct SigV4Outcome<T>(SigV4Error? Error, SigV4Verification? Verification, T? Credential)
{
    public bool Succeeded => Error is null;
}
