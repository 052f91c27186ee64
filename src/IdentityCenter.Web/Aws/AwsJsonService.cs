using System.Text.Json;
using IdentityCenter.Core.Administration;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Aws.SigV4;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Administration;
using IdentityCenter.Infrastructure.Audit;

namespace IdentityCenter.Web.Aws;

/// <summary>One call to an operation of an administrative API, after authentication and dispatch.</summary>
/// <param name="Operation">The operation name (the part of <c>X-Amz-Target</c> after the service prefix), e.g. <c>CreateUser</c>.</param>
/// <param name="Input">The request body (a JSON object; <c>{}</c> when the body was empty).</param>
public sealed record AwsJsonCall(HttpContext Http, AwsAccessKeyCaller Caller, string Operation, JsonElement Input, string RequestId)
{
    /// <summary>The caller as services record them in audit events: user, source address, user agent and access key id.</summary>
    public Actor Actor
    {
        get
        {
            var origin = RequestOrigin.From(Http);
            return new Actor(Caller.UserId, Caller.UserName, origin.SourceIpAddress, origin.UserAgent, Caller.AccessKeyId);
        }
    }

    public CancellationToken CancellationToken => Http.RequestAborted;

    /// <summary>A service of the request's scope (the same services the console uses).</summary>
    public T Service<T>()
        where T : notnull => Http.RequestServices.GetRequiredService<T>();

    /// <summary>Account, identity store, instance and organization of this IdentityCenter, as ARNs and ids need them.</summary>
    public ValueTask<AdministrationScope> ScopeAsync() => Service<IAdministrativeAuthorizer>().GetScopeAsync(CancellationToken);

    /// <summary>
    /// Asks the shared evaluator whether the caller may perform <paramref name="action"/> (the IAM action, e.g.
    /// <c>identitystore:CreateUser</c>) on <paramref name="resourceArns"/> (built with <see cref="AdministrationArns"/> as the
    /// Service Authorization Reference requires; <c>["*"]</c> for actions without resource types), with the request's
    /// <c>aws:SourceIp</c>, <c>aws:UserAgent</c>, <c>aws:SecureTransport</c> and <c>aws:RequestedRegion</c> plus
    /// <paramref name="requestKeys"/> (e.g. <c>aws:RequestTag/…</c>, <c>aws:TagKeys</c>). Null when allowed; otherwise
    /// <c>AccessDeniedException</c> whose message is the evaluator's reason, as AWS words it. A caller whose user is gone
    /// or disabled since the signature was checked is refused the same way.
    /// </summary>
    public async Task<AwsError?> AuthorizeAsync(string action, IReadOnlyList<string> resourceArns, string? subjectUserId = null, RequestContext? requestKeys = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        ArgumentNullException.ThrowIfNull(resourceArns);
        var authorizer = Service<IAdministrativeAuthorizer>();
        if (await authorizer.FindAdministratorAsync(Caller.UserId, CancellationToken) is not { } found)
        {
            return AccessDenied($"User: {Caller.UserName} is not authorized to perform: {action}: the user is disabled or no longer exists.");
        }

        var who = found with { AccessKeyId = Caller.AccessKeyId };
        var keys = AwsRequestKeys.Add(requestKeys, Http, Caller.Region);
        var decision = await authorizer.AuthorizeAsync(who, action, resourceArns, keys, subjectUserId, explain: true, cancellationToken: CancellationToken);
        return decision.IsAllowed ? null : AccessDenied(decision.AccessDeniedMessage);
    }

    /// <summary><c>AccessDeniedException</c> (HTTP 400, as these awsJson services answer it) with <paramref name="message"/>.</summary>
    public static AwsError AccessDenied(string message) => new(AwsJsonProtocol.AccessDenied, message, StatusCodes.Status400BadRequest);
}

/// <summary>What an operation answers: its output (serialised with the model's member names) or an AWS error.</summary>
public sealed class AwsJsonResult
{
    private AwsJsonResult(object? output, AwsError? error)
    {
        Output = output;
        Error = error;
    }

    public object? Output { get; }

    public AwsError? Error { get; }

    /// <summary>Success; <paramref name="output"/> null answers <c>{}</c>.</summary>
    public static AwsJsonResult Ok(object? output = null) => new(output, null);

    /// <summary>A modelled error, e.g. <c>new AwsError("ResourceNotFoundException", "...", 400)</c>.</summary>
    public static AwsJsonResult Fail(AwsError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));
}

/// <summary>An operation handler of an administrative API.</summary>
public delegate Task<AwsJsonResult> AwsJsonOperation(AwsJsonCall call);

/// <summary>
/// An awsJson1_1 service: its <c>X-Amz-Target</c> prefix, its SigV4 signing name and its operations by name.
/// The three administrative services are <see cref="IdentityStore"/>, <see cref="SsoAdmin"/> and <see cref="Organizations"/>
/// (their prefixes and signing names are botocore's service models').
/// </summary>
public sealed class AwsJsonService
{
    public AwsJsonService(string targetPrefix, string signingName, string eventSource, IReadOnlyDictionary<string, AwsJsonOperation> operations)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetPrefix);
        ArgumentException.ThrowIfNullOrEmpty(signingName);
        ArgumentException.ThrowIfNullOrEmpty(eventSource);
        ArgumentNullException.ThrowIfNull(operations);
        TargetPrefix = targetPrefix;
        EventSource = eventSource;
        Policy = AccessKeyRequestAuthenticator.Policy(signingName);
        Operations = operations;
    }

    public string TargetPrefix { get; }

    /// <summary>CloudTrail's <c>eventSource</c> for this service's calls (<c>identitystore.amazonaws.com</c>, ...).</summary>
    public string EventSource { get; }

    public SigV4ServicePolicy Policy { get; }

    public IReadOnlyDictionary<string, AwsJsonOperation> Operations { get; }

    /// <summary>identitystore 2020-06-15 at <c>/aws/identitystore</c>.</summary>
    public static AwsJsonService IdentityStore(IReadOnlyDictionary<string, AwsJsonOperation> operations) => new("AWSIdentityStore", "identitystore", AuditEventSources.IdentityStore, operations);

    /// <summary>sso-admin 2020-07-20 at <c>/aws/sso-admin</c> (signing name <c>sso</c>).</summary>
    public static AwsJsonService SsoAdmin(IReadOnlyDictionary<string, AwsJsonOperation> operations) => new("SWBExternalService", "sso", AuditEventSources.Sso, operations);

    /// <summary>organizations 2016-11-28 at <c>/aws/organizations</c>.</summary>
    public static AwsJsonService Organizations(IReadOnlyDictionary<string, AwsJsonOperation> operations) => new("AWSOrganizationsV20161128", "organizations", AuditEventSources.Organizations, operations);

    /// <summary>The operation <c>X-Amz-Target</c> names, or null when it is missing, of another service, or unknown.</summary>
    public AwsJsonOperation? Find(string? target, out string operation)
    {
        operation = "";
        if (target is null || target.Length <= TargetPrefix.Length + 1
            || !target.StartsWith(TargetPrefix, StringComparison.Ordinal) || target[TargetPrefix.Length] != '.')
        {
            return null;
        }

        operation = target[(TargetPrefix.Length + 1)..];
        return Operations.GetValueOrDefault(operation);
    }
}
