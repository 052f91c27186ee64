namespace IdentityCenter.Core.Credentials;

public enum CredentialErrorCode
{
    /// <summary>Malformed, tampered, signed with an unknown key, or presented with another access key id.</summary>
    InvalidClientTokenId,

    /// <summary>Authentic but past its expiry.</summary>
    ExpiredToken,

    /// <summary>Authentic and unexpired, but revoked (user, everyone, or the granting assignment).</summary>
    TokenRevoked,
}

/// <summary>A credential check failure as a value: the AWS error code and a message safe to return to the caller.</summary>
public sealed record CredentialError(CredentialErrorCode Code, string Message)
{
    public string CodeName => Code.ToString();

    internal static CredentialError Invalid { get; } =
        new(CredentialErrorCode.InvalidClientTokenId, "The security token included in the request is invalid.");

    internal static CredentialError Expired { get; } =
        new(CredentialErrorCode.ExpiredToken, "The security token included in the request is expired.");

    public override string ToString() => $"{CodeName}: {Message}";
}
