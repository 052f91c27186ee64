using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.Infrastructure.Credentials;

/// <summary>One authorize question from a resource service.</summary>
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

/// <summary>The answer: a credential error (401), or a decision about the principal, with the explanation when asked.</summary>
public sealed record AuthorizeOutcome(CredentialError? Error, Decision Decision, AuthorizePrincipal? Principal, Explanation? Explanation)
{
    public bool Allowed => Error is null && Decision == Decision.Allow;

    public static AuthorizeOutcome Rejected(CredentialError error) => new(error, Decision.ImplicitDeny, null, null);
}

/// <summary>
/// The token check behind <c>/api/authorize</c> and the portal playground: open the token (no store),
/// check the in-memory revocation snapshot, build the request context from the session (the server's keys
/// win over the caller's), take the compiled policy set of (account, permission set) and ask the shared
/// evaluator. Denied decisions are audited one by one, allowed ones aggregated; Access Advisor is
/// updated in memory. Nothing here reads or writes the database.
/// </summary>
public sealed class AuthorizeService(
    SessionTokenProtector protector,
    RevocationSnapshotHolder revocations,
    IPolicySetProvider policySets,
    CredentialAuditBuffer audit,
    AllowedDecisionAggregator allowed,
    AccessAdvisorTracker advisor,
    TimeProvider time)
{
    private static readonly CredentialError Gone = new(CredentialErrorCode.TokenRevoked, "The account or permission set of these credentials no longer exists.");

    /// <summary>Context keys the server sets from the session; callers cannot supply or override them.</summary>
    public static bool IsServerKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.StartsWith("aws:PrincipalTag/", StringComparison.OrdinalIgnoreCase)
            || ServerKeys.Contains(key);
    }

    private static readonly HashSet<string> ServerKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalType", "aws:userid", "aws:username",
        "aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge", "aws:TokenIssueTime", "aws:CurrentTime", "aws:EpochTime",
        "aws:PrincipalIsAWSService", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
    };

    public async ValueTask<AuthorizeOutcome> AuthorizeAsync(AuthorizeInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var opened = protector.Unseal(input.SessionToken, input.AccessKeyId);
        if (opened.Error is { } invalid)
        {
            return AuthorizeOutcome.Rejected(invalid);
        }

        var claims = opened.Claims!;
        if (revocations.Current.Check(claims) is { } revoked)
        {
            return AuthorizeOutcome.Rejected(revoked);
        }

        var set = await policySets.GetAsync(claims.AccountId, claims.PermissionSetId, cancellationToken);
        if (set is null)
        {
            return AuthorizeOutcome.Rejected(Gone);
        }

        var now = time.GetUtcNow();
        var context = input.Context ?? new RequestContext(16);
        AddSessionKeys(context, claims, now);
        var principalArn = claims.AssumedRoleArn;
        var result = PolicyEvaluator.Evaluate(new AuthorizationRequest(principalArn, input.Action, input.Resource, context), set, input.Explain);
        var principal = new AuthorizePrincipal(principalArn, claims.AccountId, claims.UserName);

        var isAllowed = result.Decision == Decision.Allow;
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

        return new AuthorizeOutcome(null, result.Decision, principal, result.Explanation);
    }

    /// <summary>The global keys of a role session (see <see cref="SessionContextKeys"/>), written straight into the request context.</summary>
    private static void AddSessionKeys(RequestContext context, SessionClaims claims, DateTimeOffset now)
    {
        context.Set("aws:PrincipalArn", claims.RoleArn);
        context.Set("aws:PrincipalAccount", claims.AccountId);
        context.Set("aws:PrincipalType", "AssumedRole");
        context.Set("aws:userid", claims.AwsUserId);
        context.Set("aws:username", claims.UserName);
        context.Set("aws:MultiFactorAuthPresent", claims.MfaPresent ? "true" : "false");
        if (claims.MfaPresent)
        {
            context.Set("aws:MultiFactorAuthAge", ((long)(now - claims.IssuedAt).TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        context.Set("aws:TokenIssueTime", FormatTime(claims.IssuedAt));
        context.Set("aws:CurrentTime", FormatTime(now));
        context.Set("aws:EpochTime", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        context.Set("aws:PrincipalIsAWSService", "false");
        foreach (var (key, value) in claims.PrincipalTags)
        {
            if (string.Equals(key, CredentialService.OrganizationIdTag, StringComparison.OrdinalIgnoreCase))
            {
                context.Set("aws:PrincipalOrgID", value);
            }
            else if (string.Equals(key, CredentialService.OrganizationPathsTag, StringComparison.OrdinalIgnoreCase))
            {
                context.Set("aws:PrincipalOrgPaths", value.Split(','));
            }
            else
            {
                context.Set("aws:PrincipalTag/" + key, value);
            }
        }
    }

    private static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
