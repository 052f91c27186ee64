using IdentityCenter.Core.Administration;
using IdentityCenter.Core.Directory;

namespace IdentityCenter.Web.Aws.IdentityStore;

/// <summary>
/// The identitystore errors as the model shapes them (HTTP 400, <c>__type</c> and <c>x-amzn-ErrorType</c> the shape name,
/// extra members beside <c>message</c>), and the one step every operation takes between validation and its service:
/// authorization by the shared evaluator, then the identity store check.
/// </summary>
internal static class IdentityStoreErrors
{
    public const string ValidationCode = "ValidationException";
    public const string ResourceNotFoundCode = "ResourceNotFoundException";
    public const string ConflictCode = "ConflictException";

    public const string UserType = "USER";
    public const string GroupType = "GROUP";
    public const string GroupMembershipType = "GROUP_MEMBERSHIP";
    public const string IdentityStoreType = "IDENTITY_STORE";

    public const string UniquenessViolation = "UNIQUENESS_CONSTRAINT_VIOLATION";
    public const string ConcurrentModification = "CONCURRENT_MODIFICATION";

    public static AwsError Validation(string message) => new(ValidationCode, message, StatusCodes.Status400BadRequest);

    /// <summary><c>ResourceNotFoundException</c> with <c>ResourceType</c> and, when known, <c>ResourceId</c>.</summary>
    public static AwsError NotFound(string resourceType, string? resourceId, string message)
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal) { ["ResourceType"] = resourceType };
        if (resourceId is not null)
        {
            members["ResourceId"] = resourceId;
        }

        return new AwsError(ResourceNotFoundCode, message, StatusCodes.Status400BadRequest) { Members = members };
    }

    /// <summary><c>ConflictException</c> with its <c>Reason</c> (null: none of the model's reasons applies).</summary>
    public static AwsError Conflict(string? reason, string message) =>
        new(ConflictCode, message, StatusCodes.Status400BadRequest)
        {
            Members = reason is null ? null : new Dictionary<string, string>(StringComparer.Ordinal) { ["Reason"] = reason },
        };

    /// <summary>
    /// A failed directory write as the API answers it, with the service's own messages (the console shows the same):
    /// invalid input is <c>ValidationException</c>; a taken name <c>ConflictException</c> (<c>UNIQUENESS_CONSTRAINT_VIOLATION</c>);
    /// another conflict (the last administrator, a concurrent change) <c>ConflictException</c>; a missing resource
    /// <c>ResourceNotFoundException</c> naming <paramref name="resourceType"/> and <paramref name="resourceId"/>; a change the
    /// directory never allows (deleting oneself, the built-in administrators group) <c>AccessDeniedException</c>.
    /// </summary>
    public static AwsError FromResult(OperationResult result, string resourceType, string? resourceId)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.ErrorKind switch
        {
            OperationErrorKind.NotFound => NotFound(resourceType, resourceId, result.Summary),
            OperationErrorKind.Conflict => Conflict(
                result.Errors.Any(e => e.Field is "UserName" or "DisplayName") ? UniquenessViolation
                    : result.Summary.Contains("at the same time", StringComparison.Ordinal) ? ConcurrentModification : null,
                result.Summary),
            OperationErrorKind.Forbidden => AwsJsonCall.AccessDenied(result.Summary),
            _ => Validation(result.Summary),
        };
    }

    /// <summary>
    /// Asks the shared evaluator whether the caller may perform this call's operation (<c>identitystore:</c> + its name)
    /// on the resources <paramref name="resources"/> builds from the scope, then checks that <paramref name="identityStoreId"/>
    /// is this IdentityCenter's identity store (otherwise <c>ResourceNotFoundException</c>, <c>IDENTITY_STORE</c>).
    /// Null when the call may go on.
    /// </summary>
    public static async Task<AwsError?> AuthorizeInStoreAsync(AwsJsonCall call, string identityStoreId, Func<AdministrationScope, IReadOnlyList<string>> resources, string? subjectUserId = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(resources);
        var scope = await call.ScopeAsync();
        if (await call.AuthorizeAsync("identitystore:" + call.Operation, resources(scope), subjectUserId) is { } denied)
        {
            return denied;
        }

        return string.Equals(identityStoreId, scope.IdentityStoreId, StringComparison.Ordinal)
            ? null
            : NotFound(IdentityStoreType, identityStoreId, $"IdentityStore not present for IdentityStoreId: {identityStoreId}. This IdentityCenter's identity store is {scope.IdentityStoreId}: use that IdentityStoreId.");
    }

    /// <summary>An awsJson timestamp: seconds since the epoch, with milliseconds.</summary>
    public static double Epoch(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000d;
}
