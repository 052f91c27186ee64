using IdentityCenter.Core.Aws.SigV4;
using IdentityCenter.Core.Credentials;

namespace IdentityCenter.Web.Aws;

/// <summary>
/// An AWS error as the query and JSON protocols answer it: code, message, HTTP status, and who is at fault. <see cref="Members"/>
/// holds the error shape's other string members where the model has them (awsJson writes them beside <c>message</c>), e.g.
/// <c>ResourceType</c>/<c>ResourceId</c> of identitystore's <c>ResourceNotFoundException</c> or <c>Reason</c> of organizations'
/// <c>ConstraintViolationException</c>.
/// </summary>
public sealed record AwsError(string Code, string Message, int StatusCode, bool SenderFault = true)
{
    public IReadOnlyDictionary<string, string>? Members { get; init; }

    public static AwsError From(SigV4Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(error.Code, error.Message, error.StatusCode);
    }
}

/// <summary>
/// The caller of a Signature Version 4 request: the claims of its credentials (the session token is in <see cref="Verification"/>), or the error
/// to answer. <see cref="BodyRead"/>: the body was read whole (and left readable), false when it was too large.
/// </summary>
public sealed record AwsAuthentication(SessionClaims? Caller, AwsError? Error, bool BodyRead)
{
    public bool Succeeded => Error is null;

    /// <summary>The verified signature (payload kind, chunk signing context of S3 streaming uploads), when it succeeded.</summary>
    public SigV4Verification? Verification { get; init; }

    /// <summary>The refusal as the SigV4 verifier gave it, with the details S3 writes as error elements; null when none.</summary>
    public SigV4Error? SignatureError { get; init; }
}

/// <summary>
/// Authenticates requests to the SigV4-signed AWS APIs (<c>/aws/sts</c>, …) with the credentials IdentityCenter
/// issued: reads the request as signed (<see cref="SigV4HttpRequestReader"/>), opens the session token from
/// <c>x-amz-security-token</c> (or <c>X-Amz-Security-Token</c> in a presigned query) and checks it exactly as
/// <c>/api/authorize</c> does (<see cref="SessionCredentialValidator"/>: authentic, unexpired, not revoked), then
/// verifies the signature with the secret access key sealed in that token. No database read. The request time
/// may be at most five minutes from the server's clock.
/// </summary>
public sealed class AwsRequestAuthenticator(SessionCredentialValidator credentials, SigV4Verifier verifier, TimeProvider time)
{
    /// <summary>How far a signed request's time may be from the server's clock, both ways.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>AWS API requests are small; larger bodies are refused before anything is verified.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    /// <summary>
    /// The regions a credential scope may name. IdentityCenter answers at one address for every region, so a
    /// client configured for any commercial AWS region (what the SDKs sign with by default) is accepted.
    /// </summary>
    public static readonly IReadOnlyCollection<string> Regions =
    [
        "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-east-2", "ap-south-1",
        "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
        "ap-southeast-7", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ca-central-1", "ca-west-1",
        "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1", "eu-south-2",
        "eu-north-1", "il-central-1", "me-south-1", "me-central-1", "mx-central-1", "sa-east-1",
    ];

    private static readonly AwsError BodyTooLarge = new("RequestEntityTooLarge", $"The request body is larger than {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);

    /// <summary>The policy of a non-S3 service by its signing name (e.g. <c>sts</c>), with the five-minute skew.</summary>
    public static SigV4ServicePolicy Policy(string signingName) => new(signingName, Regions) { MaxClockSkew = MaxClockSkew };

    public Task<AwsAuthentication> AuthenticateAsync(HttpRequest request, SigV4ServicePolicy policy, CancellationToken cancellationToken = default) =>
        AuthenticateAsync(request, policy, MaxBodyBytes, cancellationToken);

    /// <summary>
    /// As <see cref="AuthenticateAsync(HttpRequest, SigV4ServicePolicy, CancellationToken)"/>, buffering a hashed body of up to
    /// <paramref name="maxBodyBytes"/> (S3 uploads are larger than API requests).
    /// </summary>
    public async Task<AwsAuthentication> AuthenticateAsync(HttpRequest request, SigV4ServicePolicy policy, long maxBodyBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        var read = await SigV4HttpRequestReader.ReadAsync(request, policy.Dialect, maxBodyBytes, cancellationToken);
        if (read.Request is not { } signed)
        {
            return new AwsAuthentication(null, BodyTooLarge, false);
        }

        var outcome = verifier.Verify(signed, policy, IdentityCenter.Infrastructure.Workshop.WorkshopClock.Real(time).GetUtcNow(), Lookup);
        return outcome.Error is { } error
            ? new AwsAuthentication(null, AwsError.From(error), true) { SignatureError = error }
            : new AwsAuthentication(outcome.Credential, null, true) { Verification = outcome.Verification };
    }

    /// <summary>The secret of the presented credentials, sealed in their session token; or the AWS error for them.</summary>
    private SigV4Credential<SessionClaims> Lookup(SigV4Authorization authorization)
    {
        var dialect = authorization.Policy.Dialect;
        if (authorization.SecurityToken is not { } token)
        {
            // Every credential IdentityCenter issues is temporary: an access key without its token is unknown.
            return SigV4Credential.Failed<SessionClaims>(SigV4Errors.InvalidAccessKeyId(dialect, authorization.AccessKeyId));
        }

        var opened = credentials.Validate(token, authorization.AccessKeyId, includeSecretAccessKey: true);
        return opened.Error switch
        {
            null => SigV4Credential.Found(opened.SecretAccessKey!, opened.Claims!),
            { Code: CredentialErrorCode.ExpiredToken } => SigV4Credential.Failed<SessionClaims>(SigV4Errors.ExpiredToken(dialect)),
            { Code: CredentialErrorCode.TokenRevoked } revoked => SigV4Credential.Failed<SessionClaims>(SigV4Errors.InvalidSecurityToken(dialect) with { Message = revoked.Message }),
            _ => SigV4Credential.Failed<SessionClaims>(SigV4Errors.InvalidSecurityToken(dialect)),
        };
    }
}
