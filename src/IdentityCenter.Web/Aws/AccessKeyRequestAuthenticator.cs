using IdentityCenter.Core.Aws.SigV4;
using IdentityCenter.Infrastructure.UserAccessKeys;

namespace IdentityCenter.Web.Aws;

/// <summary>The directory user whose access key signed a request, and what the signature was scoped to.</summary>
public sealed record AwsAccessKeyCaller(string UserId, string UserName, string AccessKeyId, string Region, string Service);

/// <summary>The caller of an administrative API request, or the awsJson error to answer.</summary>
public sealed record AwsAccessKeyAuthentication(AwsAccessKeyCaller? Caller, AwsError? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Authenticates requests to the administrative AWS APIs (Identity Store, SSO Admin, Organizations), signed with
/// Signature Version 4 by a user's long-term access key (<c>AKIA…</c>, no session token): reads the request as signed
/// (<see cref="SigV4HttpRequestReader"/>), checks everything that needs no secret (<see cref="SigV4Verifier.Parse"/>:
/// parts, credential scope, signed host and date, five minutes of skew), resolves the key from memory
/// (<see cref="AccessKeyCache"/>: Active, user enabled) and verifies the signature and body hash. A verified request
/// records the key's last use (in memory, written in batches). Errors are awsJson's (<see cref="AwsJsonProtocol.FromSigV4"/>).
/// Uses the process's <see cref="SigV4Verifier"/> (and so its signing-key cache) when one is registered.
/// </summary>
public sealed class AccessKeyRequestAuthenticator(AccessKeyCache keys, AccessKeyUsage usage, TimeProvider time, SigV4Verifier? verifier = null)
{
    private static readonly AwsError BodyTooLarge = new("RequestEntityTooLarge", $"The request body is larger than {AwsRequestAuthenticator.MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);

    private readonly SigV4Verifier _verifier = verifier ?? new SigV4Verifier();

    /// <summary>
    /// The policy of an administrative service by its signing name (<c>identitystore</c>, <c>sso</c>, <c>organizations</c>):
    /// any commercial region, five minutes of skew, header authentication only (the SDKs never presign these calls).
    /// </summary>
    public static SigV4ServicePolicy Policy(string signingName) => AwsRequestAuthenticator.Policy(signingName) with { AllowPresigned = false };

    public async Task<AwsAccessKeyAuthentication> AuthenticateAsync(HttpRequest request, SigV4ServicePolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        var read = await SigV4HttpRequestReader.ReadAsync(request, policy.Dialect, AwsRequestAuthenticator.MaxBodyBytes, cancellationToken);
        if (read.Request is not { } signed)
        {
            return new(null, BodyTooLarge);
        }

        var parsed = SigV4Verifier.Parse(signed, policy, IdentityCenter.Infrastructure.Workshop.WorkshopClock.Real(time).GetUtcNow());
        if (parsed.Authorization is not { } authorization)
        {
            return new(null, AwsJsonProtocol.FromSigV4(parsed.Error!));
        }

        // Long-term keys only: role credentials (ASIA… with a session token) are for AWS accounts, not for administering IdentityCenter.
        if (authorization.SecurityToken is not null)
        {
            return new(null, AwsJsonProtocol.UnrecognizedClientError);
        }

        var credential = await keys.ResolveAsync(authorization.AccessKeyId, cancellationToken);
        if (credential is null)
        {
            return new(null, AwsJsonProtocol.UnrecognizedClientError);
        }

        var verification = _verifier.Verify(authorization, credential.SecretAccessKey);
        if (verification.Error is { } error)
        {
            return new(null, AwsJsonProtocol.FromSigV4(error));
        }

        usage.Record(credential.AccessKeyId, authorization.Service, authorization.Region, time.GetUtcNow());
        return new(new AwsAccessKeyCaller(credential.UserId, credential.UserName, credential.AccessKeyId, authorization.Region, authorization.Service), null);
    }
}
