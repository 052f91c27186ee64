using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.Infrastructure.Credentials;

/// <summary>
/// What a request for credentials led to. The refusals are told apart only for the audit log: the caller is
/// given one answer for all of them (<see cref="CredentialIssueResult.NoAccessMessage"/>).
/// </summary>
public enum CredentialIssueOutcome
{
    Issued,

    /// <summary>No active account with that id (or no account id given).</summary>
    AccountNotFound,

    /// <summary>No permission set of that name is provisioned in the account (or no role name given).</summary>
    RoleNotFound,

    /// <summary>The role exists but is not assigned to the caller, directly or through a group.</summary>
    NotAssigned,
}

/// <summary>
/// What a request for credentials led to. Every refusal gives the caller the same <see cref="Message"/> and
/// <see cref="StatusCode"/> (403 "No access", as AWS's <c>ForbiddenException</c>), so that a portal user cannot
/// learn which accounts or roles exist beyond their own; <see cref="Outcome"/> keeps the precise reason for the audit log.
/// </summary>
public sealed record CredentialIssueResult(CredentialIssueOutcome Outcome, RoleCredentials? Credentials, RoleGrant? Grant)
{
    public const string NoAccessMessage = "No access";

    public bool Succeeded => Outcome == CredentialIssueOutcome.Issued;

    /// <summary>What the caller is told.</summary>
    public string Message => Succeeded ? "Issued" : NoAccessMessage;

    /// <summary>The HTTP status an API answers: 200, or 403 for every refusal.</summary>
    public int StatusCode => Succeeded ? 200 : 403;

    internal static CredentialIssueResult Refused(CredentialIssueOutcome outcome) => new(outcome, null, null);
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
    /// <summary>The audit <c>errorCode</c> of every refusal, as AWS's portal API.</summary>
    public const string ForbiddenErrorCode = "ForbiddenException";

    /// <summary>The <c>additionalEventData</c> key of a refusal's precise reason (audit log only).</summary>
    public const string RefusalReasonKey = "refusalReason";

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
            return CredentialIssueResult.Refused(accountId.Length == 0 ? CredentialIssueOutcome.AccountNotFound : CredentialIssueOutcome.RoleNotFound);
        }

        // Taken before anything is read, so a revocation committed while this runs still covers the token.
        var issuedAt = time.GetUtcNow();

        var resolution = await entitlements.ResolveRoleAsync(caller.UserId, accountId, roleName, cancellationToken);
        switch (resolution.Outcome)
        {
            case RoleResolution.AccountNotFound:
                return CredentialIssueResult.Refused(CredentialIssueOutcome.AccountNotFound);
            case RoleResolution.RoleNotFound:
                return CredentialIssueResult.Refused(CredentialIssueOutcome.RoleNotFound);
            case RoleResolution.NotAssigned:
                return CredentialIssueResult.Refused(CredentialIssueOutcome.NotAssigned);
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
        return new(CredentialIssueOutcome.Issued, credentials, grant);
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

        var additional = new Dictionary<string, string?> { ["MFAUsed"] = caller.MfaPresent ? "Yes" : "No" };
        if (!result.Succeeded)
        {
            // The precise reason is for administrators reading the log; the caller was told only "No access".
            additional[RefusalReasonKey] = RefusalReason(result.Outcome, accountId, roleName);
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
            AdditionalEventData = additional,
            ErrorCode = result.Succeeded ? null : ForbiddenErrorCode,
            ErrorMessage = result.Succeeded ? null : result.Message,
        });
    }

    private static string RefusalReason(CredentialIssueOutcome outcome, string accountId, string roleName) => outcome switch
    {
        CredentialIssueOutcome.AccountNotFound => accountId.Length == 0 ? "No account id was given." : $"No active account {accountId} exists.",
        CredentialIssueOutcome.RoleNotFound => roleName.Length == 0 ? "No role name was given." : $"No role {roleName} is provisioned in account {accountId}.",
        _ => $"The role {roleName} in account {accountId} is not assigned to the caller.",
    };
}
