using System.Collections.Frozen;
using System.Globalization;
using IdentityCenter.Core.Policies.Evaluation;

namespace IdentityCenter.Core.Credentials;

/// <summary>
/// The one place where the request context of a role session is built, for every caller: the
/// <c>/api/authorize</c> token check, the portal playground, the policy simulator and the AWS-compatible
/// APIs. A caller supplies only the request-specific keys AWS lets a request carry (network, request and
/// resource properties such as <c>aws:SourceIp</c>, <c>aws:SecureTransport</c>, <c>aws:RequestedRegion</c>,
/// <c>aws:UserAgent</c>, <c>aws:ResourceTag/…</c>, and service keys such as <c>s3:prefix</c>); every
/// principal and session key (<c>aws:PrincipalArn</c>, <c>aws:PrincipalTag/…</c>, <c>aws:PrincipalOrgID</c>,
/// <c>aws:userid</c>, <c>aws:MultiFactorAuthPresent</c>, <c>aws:TokenIssueTime</c>, the time keys …) comes
/// from the <see cref="RoleSession"/> and the server's clock, and a caller's value for one of them is dropped.
/// Reference: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
/// </summary>
public static class RoleSessionContext
{
    /// <summary>The prefix of principal tag keys: <c>aws:PrincipalTag/&lt;key&gt;</c>.</summary>
    public const string PrincipalTagPrefix = "aws:PrincipalTag/";

    /// <summary>Global keys that describe the request, the network or the resource: the only <c>aws:</c> keys a caller may give.</summary>
    private static readonly FrozenSet<string> GlobalRequestKeys = new[]
    {
        // Network properties.
        "aws:SourceIp", "aws:SourceVpc", "aws:SourceVpcArn", "aws:SourceVpce", "aws:VpcSourceIp",
        "aws:VpceAccount", "aws:VpceOrgID", "aws:VpceOrgPaths",

        // Resource properties (aws:ResourceTag/… by prefix).
        "aws:ResourceAccount", "aws:ResourceOrgID", "aws:ResourceOrgPaths",

        // Request properties (aws:RequestTag/… by prefix). aws:CurrentTime and aws:EpochTime are the server's clock.
        "aws:CalledVia", "aws:CalledViaFirst", "aws:CalledViaLast", "aws:CalledViaAWSMCP", "aws:ViaAWSService",
        "aws:ViaAWSMCPService", "aws:IsMcpServiceAction", "aws:referer", "aws:RequestedRegion", "aws:TagKeys",
        "aws:SecureTransport", "aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths",
        "aws:SourceOwner", "aws:UserAgent",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly string[] GlobalRequestKeyPrefixes = ["aws:RequestTag/", "aws:ResourceTag/"];

    /// <summary>Service-prefixed keys that AWS sets from the role session (its "role session properties"), not from the request.</summary>
    private static readonly FrozenSet<string> ServiceSessionKeys = new[]
    {
        "ec2:RoleDelivery", "ec2:SourceInstanceArn", "glue:RoleAssumedBy", "glue:CredentialIssuingService",
        "codebuild:BuildArn", "codebuild:ProjectArn", "lambda:SourceFunctionArn", "ssm:SourceInstanceArn",
        "identitystore:UserId",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// True for a key a caller may put in the request context: a global request, network or resource key,
    /// or a service key (<c>s3:prefix</c>, <c>kms:ViaService</c>, …) that is not a session property.
    /// Every other <c>aws:</c> key is the server's (or one AWS never sets) and is dropped.
    /// </summary>
    public static bool IsRequestKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == key.Length - 1)
        {
            return false;
        }

        if (!key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
        {
            return !ServiceSessionKeys.Contains(key);
        }

        if (GlobalRequestKeys.Contains(key))
        {
            return true;
        }

        foreach (var prefix in GlobalRequestKeyPrefixes)
        {
            if (key.Length > prefix.Length && key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The request context of one request by <paramref name="session"/> at <paramref name="now"/>: the
    /// caller's <paramref name="requestKeys"/> that pass <see cref="IsRequestKey"/>, then the session's and
    /// the server's keys. Keys dropped from <paramref name="requestKeys"/> are added to <paramref name="ignoredKeys"/>
    /// when given, so a caller can say so.
    /// </summary>
    public static RequestContext Build(RoleSession session, RequestContext? requestKeys, DateTimeOffset now, ICollection<string>? ignoredKeys = null) =>
        Build(Keys(session), requestKeys, now, ignoredKeys);

    /// <summary>
    /// As <see cref="Build(RoleSession, RequestContext?, DateTimeOffset, ICollection{string}?)"/> with the session's keys made
    /// once (<see cref="Keys"/>): a caller that sees many requests of one session keeps them and makes only the request's
    /// and the clock's keys per request.
    /// </summary>
    public static RequestContext Build(SessionKeys session, RequestContext? requestKeys, DateTimeOffset now, ICollection<string>? ignoredKeys = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        var context = new RequestContext(3 + session.Fixed.Length + (requestKeys?.Count ?? 0));
        if (requestKeys is not null)
        {
            foreach (var (key, value) in requestKeys)
            {
                if (IsRequestKey(key))
                {
                    context.Set(key, value);
                }
                else
                {
                    ignoredKeys?.Add(key);
                }
            }
        }

        foreach (var (key, value) in session.Fixed)
        {
            context.Set(key, value);
        }

        if (ignoredKeys is not null)
        {
            foreach (var key in session.IgnoredTagKeys)
            {
                ignoredKeys.Add(key);
            }
        }

        if (session.MfaPresent)
        {
            var age = Math.Max(0L, (long)(now - session.IssuedAt).TotalSeconds);
            context.Set("aws:MultiFactorAuthAge", age.ToString(CultureInfo.InvariantCulture));
        }

        context.Set("aws:CurrentTime", RequestContext.FormatTime(now));
        context.Set("aws:EpochTime", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        return context;
    }

    /// <summary>
    /// The keys of <paramref name="session"/> that are the same in all of its requests (principal, session, organization and
    /// tag keys), made once; the clock's keys are added per request by <see cref="Build(SessionKeys, RequestContext?, DateTimeOffset, ICollection{string}?)"/>.
    /// </summary>
    public static SessionKeys Keys(RoleSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var keys = new List<KeyValuePair<string, ContextValue>>(12 + session.PrincipalTags.Count);
        var ignored = new List<string>();
        var awsUserId = session.AwsUserId;
        keys.Add(new("aws:PrincipalArn", new ContextValue(session.RoleArn)));
        keys.Add(new("aws:PrincipalAccount", new ContextValue(session.AccountId)));
        keys.Add(new("aws:PrincipalType", new ContextValue("AssumedRole")));
        keys.Add(new("aws:PrincipalIsAWSService", new ContextValue("false")));
        keys.Add(new("aws:userid", new ContextValue(awsUserId)));
        if (session.UserName is not null)
        {
            // AWS leaves aws:username out for role sessions; IdentityCenter reports the directory user behind the session.
            keys.Add(new("aws:username", new ContextValue(session.UserName)));
        }

        keys.Add(new("aws:MultiFactorAuthPresent", new ContextValue(session.MfaPresent ? "true" : "false")));
        keys.Add(new("aws:TokenIssueTime", new ContextValue(RequestContext.FormatTime(session.IssuedAt))));
        if (session.OrganizationId is { Length: > 0 } organizationId)
        {
            keys.Add(new("aws:PrincipalOrgID", new ContextValue(organizationId)));
        }

        if (session.OrganizationPaths.Count > 0)
        {
            keys.Add(new("aws:PrincipalOrgPaths", new ContextValue([.. session.OrganizationPaths])));
        }

        foreach (var (key, value) in session.PrincipalTags)
        {
            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                // Session tag keys may not use the reserved prefix; such a tag cannot belong to a session.
                ignored.Add(PrincipalTagPrefix + key);
                continue;
            }

            keys.Add(new(PrincipalTagPrefix + key, new ContextValue(value)));
        }

        return new SessionKeys(session.AssumedRoleArn, awsUserId, session.IssuedAt, session.MfaPresent, [.. keys], [.. ignored]);
    }

    /// <summary>
    /// The keys of one role session that do not change between its requests (<see cref="Keys"/>), with its principal
    /// (<see cref="AssumedRoleArn"/>) and <see cref="AwsUserId"/>. Immutable: share it between the session's requests.
    /// </summary>
    public sealed class SessionKeys
    {
        internal SessionKeys(string assumedRoleArn, string awsUserId, DateTimeOffset issuedAt, bool mfaPresent, KeyValuePair<string, ContextValue>[] @fixed, string[] ignoredTagKeys)
        {
            AssumedRoleArn = assumedRoleArn;
            AwsUserId = awsUserId;
            IssuedAt = issuedAt;
            MfaPresent = mfaPresent;
            Fixed = @fixed;
            IgnoredTagKeys = ignoredTagKeys;
        }

        /// <summary>The session's principal: <see cref="RoleSession.AssumedRoleArn"/>.</summary>
        public string AssumedRoleArn { get; }

        /// <summary>The session's <c>aws:userid</c>: <see cref="RoleSession.AwsUserId"/>.</summary>
        public string AwsUserId { get; }

        internal DateTimeOffset IssuedAt { get; }

        internal bool MfaPresent { get; }

        internal KeyValuePair<string, ContextValue>[] Fixed { get; }

        internal string[] IgnoredTagKeys { get; }
    }

    /// <summary>
    /// One request by <paramref name="session"/>: its assumed-role ARN as the principal, and the context
    /// <see cref="Build(RoleSession, RequestContext?, DateTimeOffset, ICollection{string}?)"/> makes. This is how every role-session request reaches the evaluator.
    /// </summary>
    public static AuthorizationRequest Request(
        RoleSession session, string action, string resource, RequestContext? requestKeys, DateTimeOffset now, ICollection<string>? ignoredKeys = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Request(Keys(session), action, resource, requestKeys, now, ignoredKeys);
    }

    /// <summary>As <see cref="Request(RoleSession, string, string, RequestContext?, DateTimeOffset, ICollection{string}?)"/> with the session's keys made once.</summary>
    public static AuthorizationRequest Request(
        SessionKeys session, string action, string resource, RequestContext? requestKeys, DateTimeOffset now, ICollection<string>? ignoredKeys = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new AuthorizationRequest(session.AssumedRoleArn, action, resource, Build(session, requestKeys, now, ignoredKeys));
    }
}
