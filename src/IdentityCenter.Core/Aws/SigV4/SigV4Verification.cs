namespace IdentityCenter.Core.Aws.SigV4;

/// <summary>What the signature says about the body (the last line of the canonical request).</summary>
public enum SigV4PayloadKind
{
    /// <summary>The hex SHA-256 of the whole body.</summary>
    Sha256,

    /// <summary><c>UNSIGNED-PAYLOAD</c> (S3 only; always for S3 presigned URLs).</summary>
    UnsignedPayload,

    /// <summary><c>STREAMING-AWS4-HMAC-SHA256-PAYLOAD</c>: aws-chunked body, every chunk signed.</summary>
    StreamingSigned,

    /// <summary><c>STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER</c>: signed chunks and a signed trailer.</summary>
    StreamingSignedWithTrailer,

    /// <summary><c>STREAMING-UNSIGNED-PAYLOAD-TRAILER</c>: aws-chunked body with a checksum trailer, chunks unsigned.</summary>
    StreamingUnsignedWithTrailer,
}

/// <summary>
/// The outcome of verifying a signature: success with what was signed, or the AWS error value.
/// </summary>
public sealed class SigV4Verification
{
    internal SigV4Verification(SigV4Authorization authorization, SigV4Error? error, SigV4PayloadKind payloadKind, string? payloadHash, bool payloadVerified, SigV4ChunkContext? chunks)
    {
        Authorization = authorization;
        Error = error;
        PayloadKind = payloadKind;
        PayloadHash = payloadHash;
        PayloadVerified = payloadVerified;
        Chunks = chunks;
    }

    public SigV4Authorization Authorization { get; }

    public SigV4Error? Error { get; }

    public bool Succeeded => Error is null;

    public SigV4PayloadKind PayloadKind { get; }

    /// <summary>The payload line of the canonical request (a hex hash or one of the S3 constants).</summary>
    public string? PayloadHash { get; }

    /// <summary>
    /// True when the body the verifier was given (or its hash) matched the signed hash. False when the
    /// body was not available (the caller must compare <see cref="PayloadHash"/> while it reads the
    /// body) or the payload is unsigned or streamed (verify chunks with <see cref="Chunks"/>).
    /// </summary>
    public bool PayloadVerified { get; }

    /// <summary>For the signed streaming modes: the seed signature and signing key that chain the chunk signatures.</summary>
    public SigV4ChunkContext? Chunks { get; }

    internal static SigV4Verification Failure(SigV4Authorization authorization, SigV4Error error) =>
        new(authorization, error, SigV4PayloadKind.Sha256, null, false, null);
}
