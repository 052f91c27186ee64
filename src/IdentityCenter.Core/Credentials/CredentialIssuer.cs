using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.PermissionSets;

namespace IdentityCenter.Core.Credentials;

/// <summary>What the portal knows when a user asks for credentials for one (account, role).</summary>
public sealed record CredentialRequest
{
    public required string UserId { get; init; }

    public required string UserName { get; init; }

    public required string AccountId { get; init; }

    /// <summary>The permission set: its id, version and session duration go into the credentials.</summary>
    public required PermissionSet PermissionSet { get; init; }

    /// <summary>The provisioned role's ARN in the account.</summary>
    public required string RoleArn { get; init; }

    /// <summary>Defaults to the user name, as IAM Identity Center does.</summary>
    public string? SessionName { get; init; }

    public bool MfaPresent { get; init; }

    public IReadOnlyDictionary<string, string>? PrincipalTags { get; init; }

    /// <summary>From <c>EffectiveAssignment.GrantingPrincipalIds</c>: which assignments grant this access.</summary>
    public IReadOnlyList<string>? GrantingPrincipalIds { get; init; }
}

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

/// <summary>
/// Mints role credentials: a fresh ASIA access key id and secret, and a sealed session token;
/// Expiration = issue time (from <see cref="TimeProvider"/>) + the permission set's session duration.
/// </summary>
public sealed class CredentialIssuer(SessionTokenProtector protector, IRandomSource random, TimeProvider timeProvider)
{
    public RoleCredentials Issue(CredentialRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!OrganizationIds.IsAccountId(request.AccountId))
        {
            throw new ArgumentException($"'{request.AccountId}' is not an account id (12 digits).", nameof(request));
        }

        ArgumentException.ThrowIfNullOrEmpty(request.UserId);
        ArgumentException.ThrowIfNullOrEmpty(request.UserName);
        ArgumentException.ThrowIfNullOrEmpty(request.RoleArn);
        if (PermissionSetValidator.ValidateSessionDuration(request.PermissionSet.SessionDuration) is { } durationError)
        {
            throw new ArgumentException(durationError.Message, nameof(request));
        }

        // Millisecond precision is what the token keeps; truncate so the returned expiry matches it exactly.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        var claims = new SessionClaims
        {
            AccessKeyId = AccessKeys.NewTemporaryAccessKeyId(random),
            UserId = request.UserId,
            UserName = request.UserName,
            AccountId = request.AccountId,
            PermissionSetId = request.PermissionSet.Id,
            PermissionSetVersion = request.PermissionSet.Version,
            RoleArn = request.RoleArn,
            SessionName = string.IsNullOrEmpty(request.SessionName) ? request.UserName : request.SessionName,
            IssuedAt = now,
            ExpiresAt = now + request.PermissionSet.SessionDuration,
            MfaPresent = request.MfaPresent,
            PrincipalTags = request.PrincipalTags is { Count: > 0 } tags
                ? new Dictionary<string, string>(tags, StringComparer.OrdinalIgnoreCase)
                : SessionClaims.EmptyTags,
            GrantingPrincipalIds = request.GrantingPrincipalIds ?? [],
        };

        Span<byte> secret = stackalloc byte[AccessKeys.SecretAccessKeyBytes];
        AccessKeys.NewSecretAccessKeyBytes(random, secret);
        var token = protector.Seal(claims, secret);
        return new RoleCredentials(claims.AccessKeyId, AccessKeys.FormatSecretAccessKey(secret), token, claims.ExpiresAt, claims);
    }
}
