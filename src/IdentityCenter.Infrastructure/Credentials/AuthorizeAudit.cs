using IdentityCenter.Core.Audit;

namespace IdentityCenter.Infrastructure.Credentials;

/// <summary>The audit shape of an authorize decision.</summary>
internal static class AuthorizeAudit
{
    public static AuditEvent Decision(
        AllowedDecisionAggregator.SessionKey session,
        string action,
        string resource,
        string decision,
        string? sourceIp,
        DateTimeOffset at,
        IReadOnlyDictionary<string, string?>? additional = null,
        string? errorCode = null,
        string? errorMessage = null) => new()
        {
            EventTime = at,
            EventSource = CredentialAuditNames.AuthorizeSource,
            EventName = CredentialAuditNames.Authorize,
            UserIdentity = new AuditUserIdentity("AssumedRole", session.UserId, session.UserName),
            SourceIpAddress = sourceIp,
            TargetUserId = session.UserId,
            TargetUserName = session.UserName,
            RequestParameters = new Dictionary<string, string?>
            {
                ["principalArn"] = session.AssumedRoleArn,
                ["accessKeyId"] = session.AccessKeyId,
                ["accountId"] = session.AccountId,
                ["permissionSetId"] = session.PermissionSetId,
                ["action"] = action,
                ["resource"] = resource,
            },
            ResponseElements = new Dictionary<string, string?> { ["decision"] = decision },
            AdditionalEventData = additional ?? new Dictionary<string, string?>(),
            ErrorCode = errorCode,
            ErrorMessage = errorMessage,
        };
}
