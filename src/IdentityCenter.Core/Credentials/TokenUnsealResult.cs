namespace IdentityCenter.Core.Credentials;

/// <summary>The outcome of opening a session token: claims, or an error value.</summary>
public sealed class TokenUnsealResult
{
    private TokenUnsealResult(SessionClaims? claims, CredentialError? error, string? secretAccessKey)
    {
        Claims = claims;
        Error = error;
        SecretAccessKey = secretAccessKey;
    }

    /// <summary>The claims when the token is authentic (also set for <see cref="CredentialErrorCode.ExpiredToken"/>, for auditing).</summary>
    public SessionClaims? Claims { get; }

    public CredentialError? Error { get; }

    /// <summary>The secret access key bound to the token, only when asked for (signature checks).</summary>
    public string? SecretAccessKey { get; }

    public bool Succeeded => Error is null;

    internal static TokenUnsealResult Success(SessionClaims claims, string? secret) => new(claims, null, secret);

    internal static TokenUnsealResult Failure(CredentialError error, SessionClaims? claims = null) => new(claims, error, null);
}
