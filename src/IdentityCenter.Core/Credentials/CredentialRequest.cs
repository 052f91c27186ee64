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

    /// <summary>Session tags from the access control attributes; keys may not start with <c>aws:</c>.</summary>
    public IReadOnlyDictionary<string, string>? PrincipalTags { get; init; }

    /// <summary>The organization of the account (<c>aws:PrincipalOrgID</c>), when it is in one.</summary>
    public string? OrganizationId { get; init; }

    /// <summary>The account's organization paths (<c>aws:PrincipalOrgPaths</c>).</summary>
    public IReadOnlyList<string>? OrganizationPaths { get; init; }

    /// <summary>From <c>EffectiveAssignment.GrantingPrincipalIds</c>: which assignments grant this access.</summary>
    public IReadOnlyList<string>? GrantingPrincipalIds { get; init; }

    /// <summary>
    /// When the entitlement was checked; the issue time the token records (default: now). Callers take it
    /// before resolving the entitlement, so a revocation committed while they resolve still covers the token.
    /// </summary>
    public DateTimeOffset? IssuedAt { get; init; }
}
