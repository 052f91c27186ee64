namespace IdentityCenter.Core.Aws.SigV4;

/// <summary>Which AWS service's rules a request is verified by.</summary>
public enum SigV4Dialect
{
    /// <summary>
    /// Every service except S3 (STS, IAM, Identity Store, SSO Admin, Organizations, ...): the path is
    /// normalised (dot segments, repeated slashes) and URI-encoded a second time, the payload is
    /// always hashed, and errors use the query/JSON protocol codes (<c>SignatureDoesNotMatch</c>,
    /// <c>IncompleteSignature</c>, <c>InvalidClientTokenId</c>, ...).
    /// </summary>
    Standard,

    /// <summary>
    /// Amazon S3: the path is signed as sent (encoded once, never normalised), <c>x-amz-content-sha256</c>
    /// is required with header authentication and may be <c>UNSIGNED-PAYLOAD</c> or a streaming mode,
    /// every <c>x-amz-*</c> header must be signed, and errors use S3's codes
    /// (<c>AuthorizationHeaderMalformed</c>, <c>RequestTimeTooSkewed</c>, <c>InvalidAccessKeyId</c>, ...).
    /// </summary>
    S3,
}

/// <summary>
/// What one endpoint accepts: the signing name(s) of its service, the regions a credential may be
/// scoped to, and the clock skew allowed.
/// </summary>
public sealed record SigV4ServicePolicy
{
    /// <summary>AWS allows 15 minutes between the request time and the server's clock.</summary>
    public static readonly TimeSpan DefaultMaxClockSkew = TimeSpan.FromMinutes(15);

    /// <summary>Presigned URLs live at most 7 days (604,800 seconds).</summary>
    public const int MaxPresignedExpirySeconds = 604_800;

    public SigV4ServicePolicy(string service, IReadOnlyCollection<string> regions, SigV4Dialect dialect = SigV4Dialect.Standard)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        ArgumentNullException.ThrowIfNull(regions);
        if (regions.Count == 0)
        {
            throw new ArgumentException("Name at least one region a credential may be scoped to.", nameof(regions));
        }

        Service = service;
        Regions = regions;
        Dialect = dialect;
    }

    /// <summary>The signing name in the credential scope, e.g. <c>sts</c>, <c>s3</c>, <c>sso</c> (SSO Admin).</summary>
    public string Service { get; }

    /// <summary>The regions a credential scope may name; the first is the one error messages expect.</summary>
    public IReadOnlyCollection<string> Regions { get; }

    public SigV4Dialect Dialect { get; }

    /// <summary>How far the request time may be from the server's clock (both directions).</summary>
    public TimeSpan MaxClockSkew { get; init; } = DefaultMaxClockSkew;

    /// <summary>Whether presigned URLs (query-string authentication) are accepted.</summary>
    public bool AllowPresigned { get; init; } = true;

    /// <summary>
    /// Whether <c>SignatureDoesNotMatch</c> messages carry the canonical request and string to sign the
    /// server computed, as AWS's query and JSON services do (the S3 dialect always returns them as
    /// separate error elements).
    /// </summary>
    public bool IncludeCanonicalRequestInMessage { get; init; } = true;

    internal string ExpectedRegion => Regions.First();

    internal bool AcceptsRegion(string region)
    {
        foreach (var accepted in Regions)
        {
            if (string.Equals(accepted, region, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
