using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.Infrastructure.Credentials;

public enum CredentialIssueOutcome
{
    Issued,
    AccountNotFound,
    RoleNotFound,
    NoAccess,
}

/// <summary>What a request for credentials led to; <see cref="StatusCode"/> is the HTTP status an API would answer.</summary>
public sealed record CredentialIssueResult(CredentialIssueOutcome Outcome, string Message, RoleCredentials? Credentials, RoleGrant? Grant)
{
    public bool Succeeded => Outcome == CredentialIssueOutcome.Issued;

    public int StatusCode => Outcome switch
    {
        CredentialIssueOutcome.Issued => 200,
        CredentialIssueOutcome.NoAccess => 403,
        _ => 404,
    };
}

/// <summary>Why credentials are issued: the access keys dialog (or API), or the console link.</summary>
public enum CredentialPurpose
{
    /// <summary>Audited as <c>GetRoleCredentials</c>.</summary>
    AccessKeys,

    /// <summary>Audited as <c>Federate</c>.</summary>
    Console,
}

/// <summary>The signed-in user asking for credentials, as the portal knows them.</summary>
public sealed record CredentialCaller(string UserId, string UserName, bool MfaPresent, string? SourceIpAddress = null, string? UserAgent = null)
{
    public Actor Actor => new(UserId, UserName, SourceIpAddress, UserAgent);
}

/// <summary>
/// Issues role credentials for (user, account, role name): the entitlement is resolved live (so a removed
/// assignment can no longer be used), the credentials carry the granting principals for revocation and the
/// organization of the account, and every issue (or refusal) is audited.
/// </summary>
public sealed class CredentialService(IEntitlementService entitlements, CredentialIssuer issuer, CredentialAuditBuffer audit, TimeProvider time)
{
    public async Task<CredentialIssueResult> IssueAsync(
        CredentialCaller caller,
        string accountId,
        string roleName,
        CredentialPurpose purpose = CredentialPurpose.AccessKeys,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        accountId = accountId?.Trim() ?? "";
        roleName = roleName?.Trim() ?? "";
        var result = await ResolveAndIssueAsync(caller, accountId, roleName, cancellationToken);
        Audit(caller, accountId, roleName, purpose, result);
        return result;
    }

    private async Task<CredentialIssueResult> ResolveAndIssueAsync(CredentialCaller caller, string accountId, string roleName, CancellationToken cancellationToken)
    {
        if (accountId.Length == 0 || roleName.Length == 0)
        {
            return new(CredentialIssueOutcome.AccountNotFound, "Give both an account id and a role name.", null, null);
        }

        // Taken before anything is read, so a revocation committed while this runs still covers the token.
        var issuedAt = time.GetUtcNow();

        var resolution = await entitlements.ResolveRoleAsync(caller.UserId, accountId, roleName, cancellationToken);
        switch (resolution.Outcome)
        {
            case RoleResolution.AccountNotFound:
                return new(CredentialIssueOutcome.AccountNotFound, $"No account '{accountId}' exists.", null, null);
            case RoleResolution.RoleNotFound:
                return new(CredentialIssueOutcome.RoleNotFound, $"No role '{roleName}' exists in account {accountId}.", null, null);
            case RoleResolution.NotAssigned:
                return new(CredentialIssueOutcome.NoAccess, "No access", null, null);
        }

        var grant = resolution.Grant ?? throw new InvalidOperationException("A granted role resolution must carry the grant.");
        var credentials = issuer.Issue(new CredentialRequest
        {
            UserId = caller.UserId,
            UserName = caller.UserName,
            AccountId = grant.AccountId,
            PermissionSet = new PermissionSet
            {
                Id = grant.PermissionSetId,
                Name = grant.PermissionSetName,
                Version = grant.PermissionSetVersion,
                SessionDuration = grant.SessionDuration,
                RelayState = grant.RelayState,
            },
            RoleArn = grant.RoleArn,
            IssuedAt = issuedAt,
            MfaPresent = caller.MfaPresent,
            PrincipalTags = grant.PrincipalTags,
            OrganizationId = grant.OrganizationId,
            OrganizationPaths = grant.OrganizationPaths,
            GrantingPrincipalIds = grant.GrantingPrincipalIds,
        });
        return new(CredentialIssueOutcome.Issued, "Issued", credentials, grant);
    }

    private void Audit(CredentialCaller caller, string accountId, string roleName, CredentialPurpose purpose, CredentialIssueResult result)
    {
        var response = new Dictionary<string, string?>();
        if (result.Credentials is { } c)
        {
            response["accessKeyId"] = c.AccessKeyId;
            response["expiration"] = c.Expiration.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            response["assumedRoleArn"] = c.AssumedRoleArn;
        }

        audit.Enqueue(new AuditEvent
        {
            EventTime = time.GetUtcNow(),
            EventSource = AuditEventSources.Sso,
            EventName = purpose == CredentialPurpose.Console ? CredentialAuditNames.Federate : CredentialAuditNames.GetRoleCredentials,
            UserIdentity = caller.Actor.ToUserIdentity(),
            SourceIpAddress = caller.SourceIpAddress,
            UserAgent = caller.UserAgent,
            TargetUserId = caller.UserId,
            TargetUserName = caller.UserName,
            RequestParameters = new Dictionary<string, string?>
            {
                ["accountId"] = accountId,
                ["roleName"] = roleName,
                ["permissionSetId"] = result.Grant?.PermissionSetId,
            },
            ResponseElements = response,
            AdditionalEventData = new Dictionary<string, string?> { ["MFAUsed"] = caller.MfaPresent ? "Yes" : "No" },
            ErrorCode = result.Succeeded ? null : result.Outcome == CredentialIssueOutcome.NoAccess ? "ForbiddenException" : "ResourceNotFoundException",
            ErrorMessage = result.Succeeded ? null : result.Message,
        });
    }
}
