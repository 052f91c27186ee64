using System.Text.Json;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Aws.SigV4;
using IdentityCenter.Infrastructure.Audit;

namespace IdentityCenter.Web.Aws;

/// <summary>One call to an operation of an administrative API, after authentication and dispatch.</summary>
/// <param name="Operation">The operation name (the part of <c>X-Amz-Target</c> after the service prefix), e.g. <c>CreateUser</c>.</param>
/// <param name="Input">The request body (a JSON object; <c>{}</c> when the body was empty).</param>
public sealed record AwsJsonCall(HttpContext Http, AwsAccessKeyCaller Caller, string Operation, JsonElement Input, string RequestId)
{
    /// <summary>The caller as services record them in audit events: user, source address and user agent.</summary>
    public Actor Actor
    {
        get
        {
            var origin = RequestOrigin.From(Http);
            return new Actor(Caller.UserId, Caller.UserName, origin.SourceIpAddress, origin.UserAgent);
        }
    }

    public CancellationToken CancellationToken => Http.RequestAborted;
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
    public AwsJsonService(string targetPrefix, string signingName, IReadOnlyDictionary<string, AwsJsonOperation> operations)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetPrefix);
        ArgumentException.ThrowIfNullOrEmpty(signingName);
        ArgumentNullException.ThrowIfNull(operations);
        TargetPrefix = targetPrefix;
        Policy = AccessKeyRequestAuthenticator.Policy(signingName);
        Operations = operations;
    }

    public string TargetPrefix { get; }

    public SigV4ServicePolicy Policy { get; }

    public IReadOnlyDictionary<string, AwsJsonOperation> Operations { get; }

    /// <summary>identitystore 2020-06-15 at <c>/aws/identitystore</c>.</summary>
    public static AwsJsonService IdentityStore(IReadOnlyDictionary<string, AwsJsonOperation> operations) => new("AWSIdentityStore", "identitystore", operations);

    /// <summary>sso-admin 2020-07-20 at <c>/aws/sso-admin</c> (signing name <c>sso</c>).</summary>
    public static AwsJsonService SsoAdmin(IReadOnlyDictionary<string, AwsJsonOperation> operations) => new("SWBExternalService", "sso", operations);

    /// <summary>organizations 2016-11-28 at <c>/aws/organizations</c>.</summary>
    public static AwsJsonService Organizations(IReadOnlyDictionary<string, AwsJsonOperation> operations) => new("AWSOrganizationsV20161128", "organizations", operations);

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
