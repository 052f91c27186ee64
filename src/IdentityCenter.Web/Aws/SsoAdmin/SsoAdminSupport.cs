using System.Globalization;
using IdentityCenter.Core.Administration;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.Web.Aws.SsoAdmin;

/// <summary>The sso-admin error shapes (all HTTP 400, as the service answers them) and the mapping of the services' results onto them.</summary>
internal static class SsoAdminErrors
{
    public const string ValidationCode = "ValidationException";
    public const string NotFoundCode = "ResourceNotFoundException";
    public const string ConflictCode = "ConflictException";
    public const string QuotaCode = "ServiceQuotaExceededException";

    public static AwsError Validation(string message) => new(ValidationCode, message, StatusCodes.Status400BadRequest);

    public static AwsError NotFound(string message) => new(NotFoundCode, message, StatusCodes.Status400BadRequest);

    public static AwsError Conflict(string message) => new(ConflictCode, message, StatusCodes.Status400BadRequest);

    public static AwsError QuotaExceeded(string message) => new(QuotaCode, message, StatusCodes.Status400BadRequest);

    /// <summary>
    /// A refused service call as the sso-admin error with the service's own message (the console shows the same words):
    /// invalid input is <c>ValidationException</c>, a missing resource <c>ResourceNotFoundException</c>, a clash with
    /// the current state <c>ConflictException</c>. A quota reached (the quota messages of <see cref="PermissionSetQuotas"/>
    /// and <see cref="PermissionSetValidator"/>: "… can have at most N …", "… the limit is N …") is
    /// <c>ServiceQuotaExceededException</c>, as AWS answers it.
    /// </summary>
    public static AwsError From(OperationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var message = result.Summary;
        var quota = message.Contains(" can have at most ", StringComparison.Ordinal) || message.Contains(" the limit is ", StringComparison.Ordinal);
        return result.ErrorKind switch
        {
            OperationErrorKind.NotFound => NotFound(message),
            OperationErrorKind.Conflict or OperationErrorKind.Validation when quota => QuotaExceeded(message),
            OperationErrorKind.Conflict => Conflict(message),
            OperationErrorKind.Forbidden => AwsJsonCall.AccessDenied(message),
            _ => Validation(message),
        };
    }

    public static AwsJsonResult Fail(OperationResult result) => AwsJsonResult.Fail(From(result));
}

/// <summary>
/// This IdentityCenter's one instance as an sso-admin call sees it: its ARN, the administration scope for resource ARNs,
/// and the checks that the ARNs a request names are this instance's.
/// </summary>
internal sealed class SsoAdminContext
{
    private SsoAdminContext(SsoInstanceInfo instance, AdministrationScope scope)
    {
        Instance = instance;
        Scope = scope;
    }

    public SsoInstanceInfo Instance { get; }

    public AdministrationScope Scope { get; }

    /// <summary>The instance ARN for authorization (from the Service Authorization Reference's format).</summary>
    public string InstanceResource => AdministrationArns.Instance(Scope);

    public string PermissionSetResource(string permissionSetId) => AdministrationArns.PermissionSet(Scope, permissionSetId);

    public static string AccountResource(string accountId) => AdministrationArns.SsoAccount(accountId);

    /// <summary>The permission set ARN the API answers with.</summary>
    public string PermissionSetArn(string permissionSetId) => $"{Instance.InstanceArn.Replace(":instance/", ":permissionSet/", StringComparison.Ordinal)}/{permissionSetId}";

    /// <summary>Makes sure the instance exists (as the console does on first use) and reads the scope.</summary>
    public static async Task<SsoAdminContext> OpenAsync(AwsJsonCall call)
    {
        var instance = await call.Service<IPermissionSetService>().GetInstanceAsync(call.CancellationToken);
        var scope = await call.ScopeAsync();
        return new SsoAdminContext(instance, scope);
    }

    /// <summary>The permission set id of an ARN that passed the model's pattern (<c>…:permissionSet/ssoins-…/ps-…</c>).</summary>
    public static string PermissionSetIdOf(string permissionSetArn)
    {
        var path = permissionSetArn[(permissionSetArn.IndexOf(":permissionSet/", StringComparison.Ordinal) + ":permissionSet/".Length)..];
        return path[(path.IndexOf('/', StringComparison.Ordinal) + 1)..];
    }

    /// <summary>The instance part of a permission set ARN (<c>ssoins-…</c>).</summary>
    public static string InstanceIdOfPermissionSet(string permissionSetArn)
    {
        var path = permissionSetArn[(permissionSetArn.IndexOf(":permissionSet/", StringComparison.Ordinal) + ":permissionSet/".Length)..];
        return path[..path.IndexOf('/', StringComparison.Ordinal)];
    }

    /// <summary>
    /// Null when <paramref name="instanceArn"/> is this instance and <paramref name="permissionSetArn"/> (when given) lies in it;
    /// otherwise the error: another instance does not exist here (<c>ResourceNotFoundException</c>); a permission set ARN of
    /// another instance than the one named is a <c>ValidationException</c>.
    /// </summary>
    public AwsError? CheckInstance(string? instanceArn, string? permissionSetArn = null)
    {
        if (instanceArn is not null && !string.Equals(instanceArn, Instance.InstanceArn, StringComparison.Ordinal))
        {
            return SsoAdminErrors.NotFound($"Instance {instanceArn} does not exist; this IdentityCenter's instance is {Instance.InstanceArn} (ListInstances returns it).");
        }

        if (permissionSetArn is not null && !string.Equals(InstanceIdOfPermissionSet(permissionSetArn), Instance.InstanceId, StringComparison.Ordinal))
        {
            return instanceArn is null
                ? SsoAdminErrors.NotFound($"Permission set {permissionSetArn} does not exist: it names another instance than {Instance.InstanceArn}.")
                : SsoAdminErrors.Validation($"Permission set {permissionSetArn} does not belong to instance {instanceArn}.");
        }

        return null;
    }

    public static AwsError PermissionSetNotFound(string permissionSetArn) =>
        SsoAdminErrors.NotFound($"Could not find PermissionSet with PermissionSetArn {permissionSetArn}; ListPermissionSets returns the instance's permission sets.");
}

/// <summary>Paging of the list operations by offset (<see cref="AwsNextToken"/>) and the wire form of timestamps.</summary>
internal static class SsoAdminWire
{
    public const int DefaultMaxResults = 100;

    /// <summary>Reads <c>MaxResults</c> (1-100) and <c>NextToken</c>; a token that this operation did not issue is a validation problem.</summary>
    public static (int Offset, int Max) Paging(SsoAdminInput input, string operation)
    {
        var max = input.Integer("MaxResults", 1, 100) ?? DefaultMaxResults;
        var token = input.String("NextToken", SsoShapes.Token);
        var offset = 0;
        if (!string.IsNullOrEmpty(token) && !AwsNextToken.TryDecodeOffset(operation, token, out offset))
        {
            input.Problem($"Value '{token}' at 'nextToken' failed to satisfy constraint: the token was not issued by {operation}; pass the NextToken of the previous page unchanged, or none for the first page");
        }

        return (offset, max);
    }

    /// <summary>One page of <paramref name="all"/> and the token for the next page (null on the last).</summary>
    public static (IReadOnlyList<T> Items, string? NextToken) Page<T>(IReadOnlyList<T> all, string operation, (int Offset, int Max) paging)
    {
        var items = all.Skip(paging.Offset).Take(paging.Max).ToList();
        var next = paging.Offset + items.Count;
        return (items, next < all.Count ? AwsNextToken.Encode(operation, next.ToString(CultureInfo.InvariantCulture)) : null);
    }

    /// <summary>awsJson timestamps are epoch seconds (a JSON number, with milliseconds as a fraction).</summary>
    public static double Epoch(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;
}
