namespace IdentityCenter.Infrastructure.UserAccessKeys;

/// <summary>IAM's access key status.</summary>
public enum AccessKeyStatus
{
    Active,
    Inactive,
}

/// <summary>An access key as the console and the credential report show it (never its secret).</summary>
/// <param name="LastUsedService">Signing name of the service of the last signed call (<c>identitystore</c>, <c>sso</c>, <c>organizations</c>).</param>
public sealed record AccessKeyInfo(
    string AccessKeyId,
    string UserId,
    AccessKeyStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    string? LastUsedService,
    string? LastUsedRegion);

/// <summary>A new access key and its secret, which is shown this once: it cannot be read back from the console.</summary>
public sealed record CreatedAccessKey(AccessKeyInfo Key, string SecretAccessKey);

/// <summary>
/// A usable access key resolved for signature verification: the key is Active and its user exists and is enabled.
/// </summary>
public sealed record AccessKeyCredential(string AccessKeyId, string UserId, string UserName, string SecretAccessKey);

/// <summary>Audit event names and source of access keys (IAM's CloudTrail names).</summary>
public static class AccessKeyAuditNames
{
    public const string CreateAccessKey = nameof(CreateAccessKey);
    public const string UpdateAccessKey = nameof(UpdateAccessKey);
    public const string DeleteAccessKey = nameof(DeleteAccessKey);

    /// <summary>IAM's event source: access keys are IAM's in AWS.</summary>
    public const string Source = "iam.amazonaws.com";

    public static IReadOnlyList<string> All { get; } = [CreateAccessKey, UpdateAccessKey, DeleteAccessKey];
}
