namespace IdentityCenter.Core.Aws.SigV4;

/// <summary>Why a signed request was refused, independent of the wording of any one service.</summary>
public enum SigV4ErrorReason
{
    /// <summary>Neither an <c>Authorization</c> header nor presigned query parameters (S3 treats this as anonymous).</summary>
    MissingAuthentication,

    /// <summary>An authentication mechanism other than AWS4-HMAC-SHA256 (e.g. <c>Bearer</c>, SigV2's <c>AWS</c>).</summary>
    UnsupportedAuthentication,

    /// <summary>Both an <c>Authorization</c> header and presigned query parameters.</summary>
    AmbiguousAuthentication,

    /// <summary>A required part is missing or malformed (Credential, SignedHeaders, Signature, date, expiry).</summary>
    IncompleteSignature,

    /// <summary>The credential scope names another date, region, service or terminator than this endpoint expects.</summary>
    WrongCredentialScope,

    /// <summary>A header that must be signed (<c>host</c>, the date header, S3's <c>x-amz-*</c> headers) is not.</summary>
    HeaderNotSigned,

    /// <summary>Header authentication whose time is more than the allowed skew away from the server's clock.</summary>
    RequestTimeTooSkewed,

    /// <summary>A presigned URL used after its <c>X-Amz-Expires</c>.</summary>
    PresignedUrlExpired,

    /// <summary>A presigned URL dated more than the allowed skew in the future.</summary>
    PresignedUrlNotYetValid,

    /// <summary>The access key id is unknown (or its security token is not valid for it).</summary>
    InvalidAccessKeyId,

    /// <summary>The security token is malformed, tampered or required but missing.</summary>
    InvalidSecurityToken,

    /// <summary>The credential (security token) has expired.</summary>
    ExpiredToken,

    /// <summary>The signature does not match the one computed with the credential's secret.</summary>
    SignatureDoesNotMatch,

    /// <summary><c>x-amz-content-sha256</c> is missing (S3 header authentication) or not an accepted value.</summary>
    InvalidPayloadHash,

    /// <summary>The declared <c>x-amz-content-sha256</c> is not the SHA-256 of the body received.</summary>
    PayloadHashMismatch,
}

/// <summary>
/// A refused request as a value: the AWS error code and message the service answers with, its HTTP
/// status, and the extra elements S3 adds to its XML error (<c>StringToSign</c>, <c>ServerTime</c>, ...).
/// </summary>
public sealed record SigV4Error(SigV4ErrorReason Reason, string Code, string Message, int StatusCode)
{
    /// <summary>Extra named values in the order S3 writes them as elements of its <c>&lt;Error&gt;</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Details { get; init; } = [];

    /// <summary>The canonical request the server computed (set for <see cref="SigV4ErrorReason.SignatureDoesNotMatch"/>).</summary>
    public string? CanonicalRequest { get; init; }

    /// <summary>The string to sign the server computed (set for <see cref="SigV4ErrorReason.SignatureDoesNotMatch"/>).</summary>
    public string? StringToSign { get; init; }

    public override string ToString() => $"{Code}: {Message}";
}
