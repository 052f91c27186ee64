namespace IdentityCenter.Core.Credentials;

/// <summary>
/// What a session token carries: who, which account and permission set (and its version), the role,
/// the session name, when it was issued and until when it is valid, whether MFA was used, the
/// principal (ABAC) tags, the organization of the account, and which principals' assignments granted
/// the access (for revocation). The access key id is the one the token is bound to.
/// <see cref="ToRoleSession"/> gives the principal its requests are evaluated as.
/// </summary>
public sealed record SessionClaims
{
    public required string AccessKeyId { get; init; }

    public required string UserId { get; init; }

    public required string UserName { get; init; }

    public required string AccountId { get; init; }

    public required string PermissionSetId { get; init; }

    public required int PermissionSetVersion { get; init; }

    /// <summary>The IAM role ARN (<c>arn:aws:iam::…:role/aws-reserved/sso.amazonaws.com/…/AWSReservedSSO_…</c>).</summary>
    public required string RoleArn { get; init; }

    public required string SessionName { get; init; }

    /// <summary>Issue time, millisecond precision.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>Expiry, millisecond precision; the token is rejected from this instant on.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    public bool MfaPresent { get; init; }

    /// <summary>Session tags (key → value), evaluated as <c>aws:PrincipalTag/&lt;key&gt;</c>.</summary>
    public IReadOnlyDictionary<string, string> PrincipalTags { get; init; } = EmptyTags;

    /// <summary>The organization of the account when the credentials were issued (<c>aws:PrincipalOrgID</c>); null when none.</summary>
    public string? OrganizationId { get; init; }

    /// <summary>The account's organization paths (<c>aws:PrincipalOrgPaths</c>), e.g. <c>o-…/r-…/ou-…/</c>.</summary>
    public IReadOnlyList<string> OrganizationPaths { get; init; } = [];

    /// <summary>The user id (direct assignment) and/or group ids whose assignments granted this access.</summary>
    public IReadOnlyList<string> GrantingPrincipalIds { get; init; } = [];

    /// <summary>The role's name: the last segment of <see cref="RoleArn"/>.</summary>
    public string RoleName => RoleArn[(RoleArn.LastIndexOf('/') + 1)..];

    /// <summary><c>arn:aws:sts::&lt;account&gt;:assumed-role/&lt;role name&gt;/&lt;session name&gt;</c>.</summary>
    public string AssumedRoleArn => PermissionSets.PermissionSetNaming.AssumedRoleArn(AccountId, RoleName, SessionName);

    /// <summary>The role session these credentials stand for: the principal of every request made with them.</summary>
    public RoleSession ToRoleSession() => new()
    {
        RoleArn = RoleArn,
        SessionName = SessionName,
        IssuedAt = IssuedAt,
        UserName = UserName,
        MfaPresent = MfaPresent,
        PrincipalTags = PrincipalTags,
        OrganizationId = OrganizationId,
        OrganizationPaths = OrganizationPaths,
    };

    internal static IReadOnlyDictionary<string, string> EmptyTags { get; } = new Dictionary<string, string>(0, StringComparer.OrdinalIgnoreCase);
}
