using System.Runtime.CompilerServices;
using IdentityCenter.Core.Aws.SigV4;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Matching;
using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.Infrastructure.Credentials;

/// <summary>
/// One authorize question from a resource service. <see cref="Context"/> holds the request's keys (source IP,
/// region, resource tags, service keys …); principal and session keys in it are dropped.
/// <see cref="ResourcePolicy"/> and <see cref="ResourceAccount"/>: the resource-based policy of the resource (e.g. a bucket
/// policy) and the account that owns it, for services whose ARNs name no account (S3): a resource of another account is
/// evaluated with that account's RCPs and needs the resource policy to allow the principal (cross-account access).
/// </summary>
public sealed record AuthorizeInput(
    string AccessKeyId,
    string SessionToken,
    string Action,
    string Resource,
    RequestContext? Context = null,
    bool Explain = false,
    string? SourceIpAddress = null,
    CompiledPolicy? ResourcePolicy = null,
    string? ResourceAccount = null);

/// <summary>
/// One authorize question with proof of the secret: the client's SigV4-signed request as the resource service
/// received it (<see cref="Request"/>, with the hash of the body it received), verified by <see cref="Policy"/>
/// (the signing service and regions the resource service expects). The access key id and session token are the
/// ones the signed request carries; <see cref="AccessKeyId"/> and <see cref="SessionToken"/>, when the caller also
/// sent them, must be the same.
/// </summary>
public sealed record SignedAuthorizeInput(
    SigV4Request Request,
    SigV4ServicePolicy Policy,
    string Action,
    string Resource,
    RequestContext? Context = null,
    bool Explain = false,
    string? SourceIpAddress = null,
    string? AccessKeyId = null,
    string? SessionToken = null);

/// <summary>Who the credentials belong to, as <c>/api/authorize</c> reports it.</summary>
public sealed record AuthorizePrincipal(string Arn, string Account, string UserName);

/// <summary>
/// The answer: a credential error (401), a refused signature (<see cref="SignatureError"/>, 401), a body whose
/// credentials are not the signed request's (<see cref="MismatchedField"/>, 400), or a decision about the
/// principal, with the explanation when asked. A denied decision always carries the
/// <see cref="EncodedAuthorizationMessage"/> (explained or not): opaque to the caller, decoded by STS
/// <c>DecodeAuthorizationMessage</c> for principals allowed <c>sts:DecodeAuthorizationMessage</c>.
/// </summary>
public sealed record AuthorizeOutcome(CredentialError? Error, Decision Decision, AuthorizePrincipal? Principal, Explanation? Explanation, string? EncodedAuthorizationMessage = null)
{
    /// <summary>The forwarded signed request was refused (signature, credential scope, time, payload hash): the AWS error.</summary>
    public SigV4Error? SignatureError { get; init; }

    /// <summary>The body's <c>accessKeyId</c> or <c>sessionToken</c> differs from the one the signed request carries.</summary>
    public string? MismatchedField { get; init; }

    public bool Allowed => Error is null && SignatureError is null && MismatchedField is null && Decision == Decision.Allow;

    public static AuthorizeOutcome Rejected(CredentialError error) => new(error, Decision.ImplicitDeny, null, null);

    public static AuthorizeOutcome Refused(SigV4Error error) => new(null, Decision.ImplicitDeny, null, null) { SignatureError = error };

    public static AuthorizeOutcome Mismatch(string field) => new(null, Decision.ImplicitDeny, null, null) { MismatchedField = field };
}

/// <summary>
/// The credential check behind <c>/api/authorize</c> and the portal playground. <see cref="AuthorizeSignedAsync"/>:
/// a forwarded SigV4-signed request, verified with the secret access key sealed in its session token (as STS does)
/// before anything is evaluated. <see cref="AuthorizeAsync"/>: a bare access key id and session token, for callers
/// that decided no proof of the secret is needed (the endpoint for services allowed bare tokens; the playground,
/// server-side, with credentials it issued). Both then: validate the credentials
/// (<see cref="SessionCredentialValidator"/>: token and in-memory revocation snapshot, no store), build the request with <see cref="RoleSessionContext"/> (the
/// caller's context gives request keys only; the session's keys cannot be supplied or overridden), take the
/// compiled policy set of (account, permission set) and ask the shared evaluator. Denied decisions are audited one by one, allowed ones aggregated; Access Advisor is
/// updated in memory, and so is the <see cref="RecentDecisionFeed"/> of the room view (when registered). A denial carries the sealed authorization message (<see cref="AuthorizationMessageProtector"/>). Nothing here reads or writes the database.
/// </summary>
public sealed class AuthorizeService(
    SessionCredentialValidator credentials,
    IPolicySetProvider policySets,
    CredentialAuditBuffer audit,
    AllowedDecisionAggregator allowed,
    AccessAdvisorTracker advisor,
    AuthorizationMessageProtector messages,
    SigV4Verifier verifier,
    TimeProvider time,
    RecentDecisionFeed? recent = null)
{
    /// <summary>
    /// The session keys of credentials seen before (<see cref="RoleSessionContext.Keys"/>), made once per opened token: the
    /// validator hands out the same <see cref="SessionClaims"/> for a token it remembers. Dropped with the claims.
    /// </summary>
    private static readonly ConditionalWeakTable<SessionClaims, RoleSessionContext.SessionKeys> SessionKeys = new();

    private static readonly CredentialError Gone = new(CredentialErrorCode.TokenRevoked, "The account or permission set of these credentials no longer exists.");

    /// <summary>A bare access key id and session token: the caller vouches that no proof of the secret is needed.</summary>
    public ValueTask<AuthorizeOutcome> AuthorizeAsync(AuthorizeInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var opened = credentials.Validate(input.SessionToken, input.AccessKeyId);
        return opened.Error is { } invalid
            ? ValueTask.FromResult(AuthorizeOutcome.Rejected(invalid))
            : EvaluateAsync(opened.Claims!, input.Action, input.Resource, input.Context, input.Explain, input.SourceIpAddress, cancellationToken, input.ResourcePolicy, input.ResourceAccount);
    }

    /// <summary>
    /// Credentials the caller has already validated in this same request with the same <see cref="SessionCredentialValidator"/>
    /// (authentic, unexpired, not revoked), as the AWS-compatible endpoints do when they verify the request's SigV4 signature
    /// with the secret sealed in the token: <paramref name="caller"/> is what that validation returned, and it is evaluated
    /// without opening the token a second time. <see cref="AuthorizeInput.AccessKeyId"/> and <see cref="AuthorizeInput.SessionToken"/>
    /// are not read.
    /// </summary>
    public ValueTask<AuthorizeOutcome> AuthorizeValidatedAsync(SessionClaims caller, AuthorizeInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        return EvaluateAsync(caller, input.Action, input.Resource, input.Context, input.Explain, input.SourceIpAddress, cancellationToken, input.ResourcePolicy, input.ResourceAccount);
    }

    /// <summary>
    /// A forwarded signed request: parse its authentication (credential scope, signed headers, time), open its
    /// session token (authentic, unexpired, not revoked), verify the signature with the secret sealed in it, then
    /// evaluate. <c>aws:RequestedRegion</c> is the region the request was signed for.
    /// </summary>
    public ValueTask<AuthorizeOutcome> AuthorizeSignedAsync(SignedAuthorizeInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var parsed = SigV4Verifier.Parse(input.Request, input.Policy, Workshop.WorkshopClock.Real(time).GetUtcNow());
        if (parsed.Authorization is not { } authorization)
        {
            return ValueTask.FromResult(AuthorizeOutcome.Refused(parsed.Error!));
        }

        if (input.AccessKeyId is { } accessKeyId && !string.Equals(accessKeyId, authorization.AccessKeyId, StringComparison.Ordinal))
        {
            return ValueTask.FromResult(AuthorizeOutcome.Mismatch("accessKeyId"));
        }

        if (input.SessionToken is { } sessionToken && !string.Equals(sessionToken, authorization.SecurityToken, StringComparison.Ordinal))
        {
            return ValueTask.FromResult(AuthorizeOutcome.Mismatch("sessionToken"));
        }

        if (authorization.SecurityToken is not { } token)
        {
            // Every credential IdentityCenter issues is temporary: an access key without its token is unknown.
            return ValueTask.FromResult(AuthorizeOutcome.Refused(SigV4Errors.InvalidAccessKeyId(input.Policy.Dialect, authorization.AccessKeyId)));
        }

        var opened = credentials.Validate(token, authorization.AccessKeyId, includeSecretAccessKey: true);
        if (opened.Error is { } invalid)
        {
            return ValueTask.FromResult(AuthorizeOutcome.Rejected(invalid));
        }

        var verification = verifier.Verify(authorization, opened.SecretAccessKey!);
        if (verification.Error is { } refused)
        {
            return ValueTask.FromResult(AuthorizeOutcome.Refused(refused));
        }

        var context = new RequestContext((input.Context?.Count ?? 0) + 1);
        foreach (var (key, value) in input.Context ?? RequestContext.Empty)
        {
            context.Set(key, value);
        }

        context.Set("aws:RequestedRegion", authorization.Region);
        return EvaluateAsync(opened.Claims!, input.Action, input.Resource, context, input.Explain, input.SourceIpAddress, cancellationToken);
    }

    private async ValueTask<AuthorizeOutcome> EvaluateAsync(
        SessionClaims claims, string action, string resource, RequestContext? requestKeys, bool explain, string? sourceIpAddress, CancellationToken cancellationToken,
        CompiledPolicy? resourcePolicy = null, string? owner = null)
    {
        // RCPs are the resource's: a resource (ARN or given owner) of another account gets that account's RCP levels.
        var resourceAccount = owner is { Length: > 0 } && owner != claims.AccountId ? owner : OtherAccount(resource, claims.AccountId);
        var set = resourceAccount is not null
            ? await policySets.GetForResourceAsync(claims.AccountId, claims.PermissionSetId, resourceAccount, cancellationToken)
            : await policySets.GetAsync(claims.AccountId, claims.PermissionSetId, cancellationToken);
        if (set is null)
        {
            return AuthorizeOutcome.Rejected(Gone);
        }

        if (resourcePolicy is not null || owner is { Length: > 0 })
        {
            set = set.WithResourcePolicy(resourcePolicy, owner is { Length: > 0 } ? owner : null);
        }

        var now = time.GetUtcNow();
        var sessionKeys = SessionKeys.GetValue(claims, static c => RoleSessionContext.Keys(c.ToRoleSession()));
        var request = RoleSessionContext.Request(sessionKeys, action, resource, requestKeys, now);
        var principalArn = request.Principal;
        var result = PolicyEvaluator.Evaluate(request, set, explain);
        var principal = new AuthorizePrincipal(principalArn, claims.AccountId, claims.UserName);

        var isAllowed = result.Decision == Decision.Allow;
        string? encodedMessage = null;
        var explained = result.Explanation;
        if (!isAllowed)
        {
            // Denials only (allowed decisions stay allocation-free): the message needs the explanation, asked for or not.
            var explanation = explained ??= PolicyEvaluator.Evaluate(request, set, explain: true).Explanation!;
            encodedMessage = messages.Seal(claims.AccountId, AuthorizationMessageMapper.Map(request, set, explanation, sessionKeys.AwsUserId));
        }

        recent?.Record(claims.UserId, claims.UserName, claims.AccountId, claims.PermissionSetId, request, set, result.Decision, explained, now);
        advisor.Record(claims.UserId, claims.UserName, claims.AccountId, claims.PermissionSetId, action, isAllowed, now);
        var session = new AllowedDecisionAggregator.SessionKey(claims.UserId, claims.UserName, claims.AccountId, claims.PermissionSetId, principalArn, claims.AccessKeyId);
        if (isAllowed)
        {
            allowed.Record(session, action, resource, sourceIpAddress, now);
        }
        else
        {
            audit.Enqueue(AuthorizeAudit.Decision(
                session, action, resource, result.Decision.ToString(), sourceIpAddress, now,
                errorCode: "AccessDenied",
                errorMessage: $"{principalArn} is not authorized to perform {action} on {resource} ({result.Decision})."));
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
