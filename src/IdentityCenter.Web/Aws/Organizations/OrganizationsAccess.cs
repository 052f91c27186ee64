using IdentityCenter.Core.Administration;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.Web.Aws.Organizations;

/// <summary>
/// What every organizations handler shares: the ARNs the Service Authorization Reference names for each action (built
/// with <see cref="AdministrationArns"/>), the authorization call with <c>organizations:PolicyType</c> where the
/// reference lists it, and the translation of the organization service's failures into the model's errors.
/// </summary>
internal static class OrganizationsAccess
{
    public const string NotInUseCode = "AWSOrganizationsNotInUseException";

    public static AwsError NotInUse { get; } = new(NotInUseCode,
        "Your account is not a member of an organization: there is no organization yet; create it (CreateOrganization, the console's Organization page, or the workshop seed) first.",
        StatusCodes.Status400BadRequest);

    /// <summary>
    /// Asks the shared evaluator about <c>organizations:<paramref name="action"/></c> on the resources <paramref name="arns"/>
    /// builds from the scope (<c>*</c> when no organization exists yet, since its resources have no ARN), with
    /// <c>organizations:PolicyType</c> when <paramref name="policyType"/> is given.
    /// </summary>
    public static async Task<AwsError?> AuthorizeAsync(AwsJsonCall call, string action, Func<AdministrationScope, IReadOnlyList<string>>? arns = null, string? policyType = null)
    {
        var scope = await call.ScopeAsync();
        var resources = arns is null || scope.OrganizationId is null ? ["*"] : arns(scope);
        RequestContext? keys = null;
        if (policyType is not null)
        {
            keys = new RequestContext(5);
            keys.Set("organizations:PolicyType", policyType);
        }

        return await call.AuthorizeAsync("organizations:" + action, resources, requestKeys: keys);
    }

    /// <summary>The ARN of a root, OU or account id as the model's id patterns tell them apart.</summary>
    public static string TargetArn(AdministrationScope scope, string id) =>
        id.StartsWith("r-", StringComparison.Ordinal) ? AdministrationArns.Root(scope, id)
        : id.StartsWith("ou-", StringComparison.Ordinal) ? AdministrationArns.OrganizationalUnit(scope, id)
        : AdministrationArns.OrganizationAccount(scope, id);

    /// <summary>
    /// The ARN of a policy: AWS managed ones (<c>p-FullAWSAccess</c>) are <c>awspolicy</c> resources of the <c>aws</c>
    /// account; a policy not found is named with every type (<c>*</c>), so only a grant on all policies of that id covers it.
    /// </summary>
    public static string PolicyArn(AdministrationScope scope, string policyId, OrganizationPolicyInfo? policy) =>
        policy is null ? AdministrationArns.OrganizationPolicy(scope, "*", policyId)
        : policy.AwsManaged ? AdministrationArns.Build("organizations", "awspolicy", ("PolicyType", policy.Type.ToArnSegment()), ("PolicyId", policyId))
        : AdministrationArns.OrganizationPolicy(scope, policy.Type.ToArnSegment(), policyId);

    /// <summary>
    /// The model's error for a failure of the organization service: the code the organization model named
    /// (<see cref="OperationResult.ErrorCode"/>; <c>PolicyChangesNotAllowedException</c> becomes the model's
    /// <c>InvalidInputException</c> with <c>IMMUTABLE_POLICY</c>), else by kind: not found is
    /// <paramref name="notFoundCode"/>, invalid input <c>InvalidInputException</c> (<c>INVALID_PATTERN</c>), a conflict
    /// <c>ConstraintViolationException</c> with <paramref name="constraintReason"/>.
    /// </summary>
    public static AwsError ToError(OperationResult result, string notFoundCode, string? constraintReason = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var message = result.Summary;
        var code = result.ErrorCode ?? result.ErrorKind switch
        {
            OperationErrorKind.NotFound => notFoundCode,
            OperationErrorKind.Validation => OrganizationsRequest.InvalidInput,
            OperationErrorKind.Forbidden => AwsJsonProtocol.AccessDenied,
            _ => "ConstraintViolationException",
        };
        return code switch
        {
            NotInUseCode => NotInUse,
            "PolicyChangesNotAllowedException" => OrganizationsRequest.InvalidInputError("IMMUTABLE_POLICY", message),

            // What reaches the service past the model's checks breaks IdentityCenter's stricter value rules (e.g. names in printable ASCII).
            OrganizationsRequest.InvalidInput => OrganizationsRequest.InvalidInputError("INVALID_PATTERN", message),
            "ConstraintViolationException" when constraintReason is not null => new AwsError(code, message, StatusCodes.Status400BadRequest)
            {
                Members = new Dictionary<string, string> { ["Reason"] = constraintReason },
            },
            _ => new AwsError(code, message, StatusCodes.Status400BadRequest),
        };
    }

    public static AwsJsonResult Fail(OperationResult result, string notFoundCode, string? constraintReason = null) =>
        AwsJsonResult.Fail(ToError(result, notFoundCode, constraintReason));
}
