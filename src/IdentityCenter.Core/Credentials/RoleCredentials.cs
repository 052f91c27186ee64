namespace IdentityCenter.Core.Credentials;

/// <summary>Temporary role credentials, shaped like sso:GetRoleCredentials' result.</summary>
public sealed record RoleCredentials(
    string AccessKeyId,
    string SecretAccessKey,
    string SessionToken,
    DateTimeOffset Expiration,
    SessionClaims Claims)
{
    /// <summary>The portal API sends the expiry in epoch milliseconds (the CLI divides by 1000).</summary>
    public long ExpirationEpochMilliseconds => Expiration.ToUnixTimeMilliseconds();

    public string AssumedRoleArn => Claims.AssumedRoleArn;

    /// <summary>Keeps the secret and the token out of logs.</summary>
    public override string ToString() => $"RoleCredentials {{ AccessKeyId = {AccessKeyId}, Expiration = {Expiration:O}, Arn = {AssumedRoleArn} }}";
}
