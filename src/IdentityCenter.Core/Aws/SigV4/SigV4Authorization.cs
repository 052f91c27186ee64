namespace IdentityCenter.Core.Aws.SigV4;

/// <summary>
/// The authentication a request carries, parsed and checked for everything that needs no secret:
/// well-formed parts, credential scope (date, region, service), signed <c>host</c>, clock skew or
/// presigned expiry. Look up <see cref="AccessKeyId"/> (and <see cref="SecurityToken"/>), then call
/// <see cref="SigV4Verifier.Verify(SigV4Authorization, string)"/> with its secret.
/// </summary>
public sealed class SigV4Authorization
{
    internal SigV4Authorization(
        SigV4Request request,
        SigV4ServicePolicy policy,
        bool isPresigned,
        string accessKeyId,
        string? securityToken,
        string timestamp,
        DateTimeOffset requestTime,
        string region,
        string signedHeaders,
        string[] signedHeaderNames,
        string signature,
        int? expiresSeconds,
        List<KeyValuePair<ReadOnlyMemory<char>, ReadOnlyMemory<char>>> canonicalQuery)
    {
        Request = request;
        Policy = policy;
        IsPresigned = isPresigned;
        AccessKeyId = accessKeyId;
        SecurityToken = securityToken;
        Timestamp = timestamp;
        RequestTime = requestTime;
        Region = region;
        SignedHeaders = signedHeaders;
        SignedHeaderNames = signedHeaderNames;
        Signature = signature;
        ExpiresSeconds = expiresSeconds;
        CanonicalQuery = canonicalQuery;
    }

    public SigV4Request Request { get; }

    public SigV4ServicePolicy Policy { get; }

    /// <summary>Query-string authentication (a presigned URL) rather than an <c>Authorization</c> header.</summary>
    public bool IsPresigned { get; }

    public string AccessKeyId { get; }

    /// <summary><c>X-Amz-Security-Token</c> (header or query), present with temporary credentials.</summary>
    public string? SecurityToken { get; }

    /// <summary>The request time as signed, ISO 8601 basic format (<c>20150830T123600Z</c>).</summary>
    public string Timestamp { get; }

    public DateTimeOffset RequestTime { get; }

    /// <summary>The scope date, <c>yyyyMMdd</c> (always the date of <see cref="Timestamp"/>).</summary>
    public string Date => Timestamp[..8];

    public string Region { get; }

    public string Service => Policy.Service;

    /// <summary><c>date/region/service/aws4_request</c>.</summary>
    public string CredentialScope => $"{Date}/{Region}/{Service}/aws4_request";

    /// <summary>The SignedHeaders list exactly as sent (<c>host;x-amz-date</c>).</summary>
    public string SignedHeaders { get; }

    /// <summary>The signed header names, lower case, in the order sent.</summary>
    public IReadOnlyList<string> SignedHeaderNames { get; }

    /// <summary>The signature the client sent (hex).</summary>
    public string Signature { get; }

    /// <summary><c>X-Amz-Expires</c> of a presigned URL, in seconds.</summary>
    public int? ExpiresSeconds { get; }

    /// <summary>Canonical (encoded, sorted) query parameters, X-Amz-Signature excluded.</summary>
    internal List<KeyValuePair<ReadOnlyMemory<char>, ReadOnlyMemory<char>>> CanonicalQuery { get; }
}

/// <summary>The outcome of <see cref="SigV4Verifier.Parse"/>: an authorization to verify, or an error value.</summary>
public sealed class SigV4ParseResult
{
    private SigV4ParseResult(SigV4Authorization? authorization, SigV4Error? error)
    {
        Authorization = authorization;
        Error = error;
    }

    public SigV4Authorization? Authorization { get; }

    public SigV4Error? Error { get; }

    public bool Succeeded => Error is null;

    internal static SigV4ParseResult Success(SigV4Authorization authorization) => new(authorization, null);

    internal static SigV4ParseResult Failure(SigV4Error error) => new(null, error);
}
