using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Matching;
using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.Infrastructure.Credentials;

/// <summary>
/// One authorize question from a resource service. <see cref="Context"/> holds the request's keys (source IP,
/// region, resource tags, service keys …); principal and session keys in it are dropped.
/// </summary>
public sealed record AuthorizeInput(
    string AccessKeyId,
    string SessionToken,
    string Action,
    string Resource,
    RequestContext? Context = null,
    bool Explain = false,
    string? SourceIpAddress = null);

/// <summary>Who the credentials belong to, as <c>/api/authorize</c> reports it.</summary>
public sealed record AuthorizePrincipal(string Arn, string Account, string UserName);

/// <summary>
/// The answer: a credential error (401), or a decision about the principal, with the explanation when asked. A denied
/// decision always carries the <see cref="EncodedAuthorizationMessage"/> (explained or not): opaque to the caller, decoded by
/// STS <c>DecodeAuthorizationMessage</c> for principals allowed <c>sts:DecodeAuthorizationMessage</c>.
/// </summary>
public sealed record AuthorizeOutcome(CredentialError? Error, Decision Decision, AuthorizePrincipal? Principal, Explanation? Explanation, string? EncodedAuthorizationMessage = null)
{
    public bool Allowed => Error is null && Decision == Decision.Allow;

    public static AuthorizeOutcome Rejected(CredentialError error) => new(error, Decision.ImplicitDeny, null, null);
}

/// <summary>
/// The token check behind <c>/api/authorize</c> and the portal playground: validate the credentials
/// (<see cref="SessionCredentialValidator"/>: token and in-memory revocation snapshot, no store), build the request with <see cref="RoleSessionContext"/> (the
/// caller's context gives request keys only; the session's keys cannot be supplied or overridden), take the
/// compiled policy set of (account, permission set) and ask the shared evaluator. Denied decisions are audited one by one, allowed ones aggregated; Access Advisor is
/// updated in memory. A denial carries the sealed authorization message (<see cref="AuthorizationMessageProtector"/>). Nothing here reads or writes the database.
/// </summary>
public sealed class AuthorizeService(
    SessionCredentialValidator credentials,
    IPolicySetProvider policySets,
    CredentialAuditBuffer audit,
    AllowedDecisionAggregator allowed,
    AccessAdvisorTracker advisor,
    AuthorizationMessageProtector messages,
    TimeProvider time)
{
    private static readonly CredentialError Gone = new(CredentialErrorCode.TokenRevoked, "The account or permission set of these credentials no longer exists.");

    public async ValueTask<AuthorizeOutcome> AuthorizeAsync(AuthorizeInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var opened = credentials.Validate(input.SessionToken, input.AccessKeyId);
        if (opened.Error is { } invalid)
        {
            return AuthorizeOutcome.Rejected(invalid);
        }

        var claims = opened.Claims!;

        // RCPs are the resource's: a resource ARN naming another account gets that account's RCP levels.
        var set = OtherAccount(input.Resource, claims.AccountId) is { } resourceAccount
            ? await policySets.GetForResourceAsync(claims.AccountId, claims.PermissionSetId, resourceAccount, cancellationToken)
            : await policySets.GetAsync(claims.AccountId, claims.PermissionSetId, cancellationToken);
        if (set is null)
        {
            return AuthorizeOutcome.Rejected(Gone);
        }

        var now = time.GetUtcNow();
        var request = RoleSessionContext.Request(claims.ToRoleSession(), input.Action, input.Resource, input.Context, now);
        var principalArn = request.Principal;
        var result = PolicyEvaluator.Evaluate(request, set, input.Explain);
        var principal = new AuthorizePrincipal(principalArn, claims.AccountId, claims.UserName);

        var isAllowed = result.Decision == Decision.Allow;
        string? encodedMessage = null;
        if (!isAllowed)
        {
            // Denials only (allowed decisions stay allocation-free): the message needs the explanation, asked for or not.
            var explanation = result.Explanation ?? PolicyEvaluator.Evaluate(request, set, explain: true).Explanation!;
            encodedMessage = messages.Seal(claims.AccountId, AuthorizationMessageMapper.Map(request, set, explanation, claims.ToRoleSession().AwsUserId));
        }

        advisor.Record(claims.UserId, claims.UserName, claims.AccountId, claims.PermissionSetId, input.Action, isAllowed, now);
        var session = new AllowedDecisionAggregator.SessionKey(claims.UserId, claims.UserName, claims.AccountId, claims.PermissionSetId, principalArn, claims.AccessKeyId);
        if (isAllowed)
        {
            allowed.Record(session, input.Action, input.Resource, input.SourceIpAddress, now);
        }
        else
        {
            audit.Enqueue(AuthorizeAudit.Decision(
                session, input.Action, input.Resource, result.Decision.ToString(), input.SourceIpAddress, now,
                errorCode: "AccessDenied",
                errorMessage: $"{principalArn} is not authorized to perform {input.Action} on {input.Resource} ({result.Decision})."));
        }

        return new AuthorizeOutcome(null, result.Decision, principal, result.Explanation, encodedMessage);
    }

    /// <summary>The account a resource ARN names, when it is not <paramref name="accountId"/>; null for ARNs without one (S3) or "*".</summary>
    private static string? OtherAccount(string resource, string accountId)
    {
        var account = Arn.AccountOf(resource);
        return account.IsEmpty || account.SequenceEqual(accountId) ? null : account.ToString();
    }
}
