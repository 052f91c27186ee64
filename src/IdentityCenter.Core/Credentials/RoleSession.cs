using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Core.Policies.Matching;

namespace IdentityCenter.Core.Credentials;

/// <summary>
/// Everything the server knows about the principal of a role session: the role (with its path), the
/// session name, when the session began and whether MFA was used, its session (principal) tags, and the
/// organization of the role's account. <see cref="RoleSessionContext"/> turns it into the server-set keys
/// of every request the session makes; no caller can add to or override them.
/// </summary>
public sealed record RoleSession
{
    /// <summary>The IAM role ARN with its path, e.g. <c>arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ReadOnly_…</c>.</summary>
    public required string RoleArn { get; init; }

    /// <summary>The role session name (IAM Identity Center uses the user name).</summary>
    public required string SessionName { get; init; }

    /// <summary>When the session's credentials were issued: <c>aws:TokenIssueTime</c>, and the start of <c>aws:MultiFactorAuthAge</c>.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>The directory user behind the session, reported as <c>aws:username</c>; null when the session has no user.</summary>
    public string? UserName { get; init; }

    /// <summary>Whether the user signed in with MFA: <c>aws:MultiFactorAuthPresent</c>.</summary>
    public bool MfaPresent { get; init; }

    /// <summary>Session tags (key → value), evaluated as <c>aws:PrincipalTag/&lt;key&gt;</c>. Keys starting with <c>aws:</c> are never session tags.</summary>
    public IReadOnlyDictionary<string, string> PrincipalTags { get; init; } = NoTags;

    /// <summary>The organization of the role's account (<c>aws:PrincipalOrgID</c>); null when the account is in none.</summary>
    public string? OrganizationId { get; init; }

    /// <summary>The account's organization paths (<c>aws:PrincipalOrgPaths</c>), e.g. <c>o-…/r-…/ou-…/</c>.</summary>
    public IReadOnlyList<string> OrganizationPaths { get; init; } = [];

    /// <summary>The role's account: the account component of <see cref="RoleArn"/>.</summary>
    public string AccountId => Arn.AccountOf(RoleArn).ToString();

    /// <summary>The role's name: the last segment of <see cref="RoleArn"/>.</summary>
    public string RoleName => RoleArn[(RoleArn.LastIndexOf('/') + 1)..];

    /// <summary><c>arn:aws:sts::&lt;account&gt;:assumed-role/&lt;role name&gt;/&lt;session name&gt;</c>: the principal of its requests.</summary>
    public string AssumedRoleArn => PermissionSetNaming.AssumedRoleArn(AccountId, RoleName, SessionName);

    /// <summary>The value of <c>aws:userid</c>: <c>&lt;role unique id&gt;:&lt;session name&gt;</c>.</summary>
    public string AwsUserId => PermissionSetNaming.RoleUniqueId(RoleArn) + ":" + SessionName;

    internal static IReadOnlyDictionary<string, string> NoTags { get; } = new Dictionary<string, string>(0, StringComparer.OrdinalIgnoreCase);
}
