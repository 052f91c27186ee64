namespace IdentityCenter.Core.Credentials;

/// <summary>
/// The one credential check every caller of issued credentials goes through (<c>/api/authorize</c>, the
/// playground, the SigV4-signed AWS APIs): open the session token with its access key id (authentic,
/// bound to that key, unexpired; <see cref="SessionTokenProtector"/>), then the in-memory revocation
/// snapshot. No store is read.
/// </summary>
public sealed class SessionCredentialValidator(SessionTokenProtector protector, RevocationSnapshotHolder revocations)
{
    /// <summary>
    /// The claims (and, when <paramref name="includeSecretAccessKey"/>, the sealed secret access key) of
    /// valid credentials; otherwise the error: <see cref="CredentialErrorCode.InvalidClientTokenId"/>,
    /// <see cref="CredentialErrorCode.ExpiredToken"/> or <see cref="CredentialErrorCode.TokenRevoked"/>.
    /// </summary>
    public TokenUnsealResult Validate(ReadOnlySpan<char> sessionToken, ReadOnlySpan<char> accessKeyId, bool includeSecretAccessKey = false)
    {
        var opened = protector.Unseal(sessionToken, accessKeyId, includeSecretAccessKey);
        if (opened.Claims is { } claims && opened.Succeeded && revocations.Current.Check(claims) is { } revoked)
        {
            return TokenUnsealResult.Failure(revoked, claims);
        }

        return opened;
    }
}
