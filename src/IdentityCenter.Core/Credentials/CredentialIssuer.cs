using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.PermissionSets;

namespace IdentityCenter.Core.Credentials;

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
        if (request.PrincipalTags?.Keys.FirstOrDefault(k => k.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)) is { } reserved)
        {
            throw new ArgumentException($"Session tag key '{reserved}' uses the reserved prefix 'aws:'.", nameof(request));
        }
        if (PermissionSetValidator.ValidateSessionDuration(request.PermissionSet.SessionDuration) is { } durationError)
        {
            throw new ArgumentException(durationError.Message, nameof(request));
        }

        // Millisecond precision is what the token keeps; truncate so the returned expiry matches it exactly.
        var now = DateTimeOffset.FromUnixTimeMilliseconds((request.IssuedAt ?? timeProvider.GetUtcNow()).ToUnixTimeMilliseconds());
        var claims = new SessionClaims
        {
            AccessKeyId = AccessKeys.NewTemporaryAccessKeyId(random, request.AccountId),
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
            OrganizationId = string.IsNullOrEmpty(request.OrganizationId) ? null : request.OrganizationId,
            OrganizationPaths = request.OrganizationPaths ?? [],
            GrantingPrincipalIds = request.GrantingPrincipalIds ?? [],
        };

        Span<byte> secret = stackalloc byte[AccessKeys.SecretAccessKeyBytes];
        AccessKeys.NewSecretAccessKeyBytes(random, secret);
        var token = protector.Seal(claims, secret);
        return new RoleCredentials(claims.AccessKeyId, AccessKeys.FormatSecretAccessKey(secret), token, claims.ExpiresAt, claims);
    }
}
