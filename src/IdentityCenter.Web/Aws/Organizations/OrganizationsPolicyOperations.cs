using IdentityCenter.Core.Administration;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Access;
using static IdentityCenter.Web.Aws.Organizations.OrganizationsAccess;
using static IdentityCenter.Web.Aws.Organizations.OrganizationsRequest;

namespace IdentityCenter.Web.Aws.Organizations;

/// <summary>
/// Service control policies and resource control policies: CreatePolicy, DescribePolicy, UpdatePolicy, DeletePolicy,
/// ListPolicies, AttachPolicy, DetachPolicy, ListPoliciesForTarget and ListTargetsForPolicy, over
/// <see cref="IOrganizationService"/>. Documents are checked by IdentityCenter's policy parser (the console's check): a
/// document it refuses is <c>MalformedPolicyDocumentException</c> with the parser's "Line L, column C: ..." messages.
/// The other policy types of the model are valid input but not available in IdentityCenter.
/// </summary>
internal static class OrganizationsPolicyOperations
{
    private const string PolicyIdHint = "pass p- followed by 8-128 letters, digits or underscores, e.g. p-FullAWSAccess.";
    private const string TargetHint = "pass the root id (r-…), an OU id (ou-…-…) or a 12-digit account id.";

    public static void Register(IDictionary<string, AwsJsonOperation> operations)
    {
        operations["CreatePolicy"] = CreatePolicyAsync;
        operations["DescribePolicy"] = DescribePolicyAsync;
        operations["UpdatePolicy"] = UpdatePolicyAsync;
        operations["DeletePolicy"] = DeletePolicyAsync;
        operations["ListPolicies"] = ListPoliciesAsync;
        operations["AttachPolicy"] = AttachPolicyAsync;
        operations["DetachPolicy"] = DetachPolicyAsync;
        operations["ListPoliciesForTarget"] = ListPoliciesForTargetAsync;
        operations["ListTargetsForPolicy"] = ListTargetsForPolicyAsync;
    }

    private static AwsJsonResult Fail(AwsError error) => AwsJsonResult.Fail(error);

    /// <summary>The policy type of an IdentityCenter policy, or null for the model's other types.</summary>
    private static OrganizationPolicyType? TypeOf(string awsType) =>
        awsType == OrganizationPolicyType.ServiceControlPolicy.ToAwsString() ? OrganizationPolicyType.ServiceControlPolicy
        : awsType == OrganizationPolicyType.ResourceControlPolicy.ToAwsString() ? OrganizationPolicyType.ResourceControlPolicy
        : null;

    private static string? PolicyId(OrganizationsRequest request) =>
        request.String("PolicyId", required: true, max: 130, pattern: PolicyIdPattern(), hint: PolicyIdHint, patternReason: "INVALID_SYNTAX_POLICY_ID");

    private static string? TargetId(OrganizationsRequest request) =>
        request.String("TargetId", required: true, max: 100, pattern: PolicyTargetIdPattern(), hint: TargetHint, patternReason: "INVALID_PATTERN_TARGET_ID");

    private static string? Filter(OrganizationsRequest request) =>
        request.Enum("Filter", required: true, PolicyTypes, "INVALID_ENUM_POLICY_TYPE");

    private static AwsError PolicyNotFound(string policyId) => new("PolicyNotFoundException",
        $"Policy {policyId} does not exist in this organization; list policies with ListPolicies.", StatusCodes.Status400BadRequest);

    /// <summary>A failed write: the parser's refusal of the document is <c>MalformedPolicyDocumentException</c>, the rest as <see cref="ToError"/>.</summary>
    private static AwsJsonResult FailWrite(OperationResult result, string? constraintReason = null)
    {
        if (result.ErrorKind == OperationErrorKind.Validation && result.ErrorCode is null && result.ErrorsFor("Document").ToList() is { Count: > 0 } document)
        {
            return Fail(new AwsError("MalformedPolicyDocumentException", string.Join(" ", document), StatusCodes.Status400BadRequest));
        }

        return OrganizationsAccess.Fail(result, "PolicyNotFoundException", constraintReason);
    }

    /// <summary>
    /// Looks the policy up (for its type and ARN), then asks the evaluator about the action on it and <paramref name="targetId"/>.
    /// A refusal names the policy as if it did not exist (no type in its ARN), so a caller without the right cannot tell
    /// from the message whether a policy id exists or which type it has.
    /// </summary>
    private static async Task<(OrganizationPolicyInfo? Policy, AwsError? Denied)> AuthorizeOnPolicyAsync(AwsJsonCall call, string action, string policyId, string? targetId = null)
    {
        var policy = await call.Service<IOrganizationService>().GetPolicyAsync(policyId, call.CancellationToken);
        var denied = await AuthorizeAsync(call, action, Resources(policy), policy?.Type.ToAwsString());
        if (denied is not null && policy is not null)
        {
            denied = await AuthorizeAsync(call, action, Resources(null)) ?? denied;
        }

        return (policy, denied);

        Func<AdministrationScope, IReadOnlyList<string>> Resources(OrganizationPolicyInfo? known) =>
            s => targetId is null ? [PolicyArn(s, policyId, known)] : [PolicyArn(s, policyId, known), TargetArn(s, targetId)];
    }

    private static async Task<AwsJsonResult> CreatePolicyAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var content = request.String("Content", required: true, min: 1);
        var description = request.String("Description", required: true, max: 512);
        var name = request.String("Name", required: true, min: 1, max: 128);
        var type = request.Enum("Type", required: true, PolicyTypes, "INVALID_ENUM_POLICY_TYPE");
        var tags = request.Tags();
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        if (await AuthorizeAsync(call, "CreatePolicy", policyType: type) is { } denied)
        {
            return Fail(denied);
        }

        if (tags.Count > 0)
        {
            return Fail(OrganizationsStructureOperations.TagsNotStored());
        }

        if (TypeOf(type!) is not { } policyType)
        {
            return Fail(new AwsError("PolicyTypeNotAvailableForOrganizationException",
                $"IdentityCenter organizations hold SERVICE_CONTROL_POLICY and RESOURCE_CONTROL_POLICY policies only, not {type}.", StatusCodes.Status400BadRequest));
        }

        var result = await call.Service<IOrganizationService>().CreatePolicyAsync(
            new OrganizationPolicyInput(name!, description, policyType, content!), call.Actor, call.CancellationToken);
        return result.Succeeded
            ? AwsJsonResult.Ok(new { Policy = OrganizationsShapes.Policy(result.Value!) })
            : FailWrite(result, "POLICY_CONTENT_LIMIT_EXCEEDED");
    }

    private static async Task<AwsJsonResult> DescribePolicyAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var policyId = PolicyId(request);
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        var (policy, denied) = await AuthorizeOnPolicyAsync(call, "DescribePolicy", policyId!);
        if (denied is not null)
        {
            return Fail(denied);
        }

        if (policy is null)
        {
            return Fail(await OrganizationsStructureOperations.LoadAsync(call) is null ? NotInUse : PolicyNotFound(policyId!));
        }

        return AwsJsonResult.Ok(new { Policy = OrganizationsShapes.Policy(policy) });
    }

    private static async Task<AwsJsonResult> UpdatePolicyAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var policyId = PolicyId(request);
        var name = request.String("Name", required: false, min: 1, max: 128);
        var description = request.String("Description", required: false, max: 512);
        var content = request.String("Content", required: false, min: 1);
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        var (policy, denied) = await AuthorizeOnPolicyAsync(call, "UpdatePolicy", policyId!);
        if (denied is not null)
        {
            return Fail(denied);
        }

        if (policy is null)
        {
            return Fail(await OrganizationsStructureOperations.LoadAsync(call) is null ? NotInUse : PolicyNotFound(policyId!));
        }

        var input = new OrganizationPolicyInput(name ?? policy.Name, description ?? policy.Description, policy.Type, content ?? policy.Document);
        var result = await call.Service<IOrganizationService>().UpdatePolicyAsync(policyId!, input, call.Actor, call.CancellationToken);
        return result.Succeeded
            ? AwsJsonResult.Ok(new { Policy = OrganizationsShapes.Policy(result.Value!) })
            : FailWrite(result, "POLICY_CONTENT_LIMIT_EXCEEDED");
    }

    private static async Task<AwsJsonResult> DeletePolicyAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var policyId = PolicyId(request);
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        var (_, denied) = await AuthorizeOnPolicyAsync(call, "DeletePolicy", policyId!);
        if (denied is not null)
        {
            return Fail(denied);
        }

        var result = await call.Service<IOrganizationService>().DeletePolicyAsync(policyId!, call.Actor, call.CancellationToken);
        return result.Succeeded ? AwsJsonResult.Ok() : FailWrite(result);
    }

    private static async Task<AwsJsonResult> ListPoliciesAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var filter = Filter(request);
        var max = request.MaxResults();
        var offset = request.Offset();
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        if (await AuthorizeAsync(call, "ListPolicies", policyType: filter) is { } denied)
        {
            return Fail(denied);
        }

        if (await OrganizationsStructureOperations.LoadAsync(call) is null)
        {
            return Fail(NotInUse);
        }

        var policies = TypeOf(filter!) is { } type
            ? (await call.Service<IOrganizationService>().ListPoliciesAsync(type, call.CancellationToken)).Select(OrganizationsShapes.PolicySummary).ToList()
            : [];
        var (page, next) = request.Page(policies, offset, max);
        return AwsJsonResult.Ok(new { Policies = page, NextToken = next });
    }

    private static async Task<AwsJsonResult> AttachPolicyAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var policyId = PolicyId(request);
        var targetId = TargetId(request);
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        var (_, denied) = await AuthorizeOnPolicyAsync(call, "AttachPolicy", policyId!, targetId);
        if (denied is not null)
        {
            return Fail(denied);
        }

        var result = await call.Service<IOrganizationService>().AttachPolicyAsync(policyId!, targetId!, call.Actor, call.CancellationToken);
        return result.Succeeded ? AwsJsonResult.Ok() : FailWrite(result);
    }

    private static async Task<AwsJsonResult> DetachPolicyAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var policyId = PolicyId(request);
        var targetId = TargetId(request);
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        var (_, denied) = await AuthorizeOnPolicyAsync(call, "DetachPolicy", policyId!, targetId);
        if (denied is not null)
        {
            return Fail(denied);
        }

        var result = await call.Service<IOrganizationService>().DetachPolicyAsync(policyId!, targetId!, call.Actor, call.CancellationToken);
        return result.Succeeded ? AwsJsonResult.Ok() : FailWrite(result, "MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED");
    }

    private static async Task<AwsJsonResult> ListPoliciesForTargetAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var targetId = TargetId(request);
        var filter = Filter(request);
        var max = request.MaxResults();
        var offset = request.Offset();
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        if (await AuthorizeAsync(call, "ListPoliciesForTarget", s => [TargetArn(s, targetId!)], filter) is { } denied)
        {
            return Fail(denied);
        }

        if (await OrganizationsStructureOperations.LoadAsync(call) is not (_, var tree))
        {
            return Fail(NotInUse);
        }

        if (!OrganizationsStructureOperations.IsContainer(tree, targetId!) && tree.FindAccount(targetId!) is null)
        {
            return Fail(new AwsError("TargetNotFoundException", $"{targetId} is not the root, an OU or an account of this organization.", StatusCodes.Status400BadRequest));
        }

        var policies = TypeOf(filter!) is { } type
            ? (await call.Service<IOrganizationService>().ListPoliciesForTargetAsync(targetId!, type, call.CancellationToken)).Select(OrganizationsShapes.PolicySummary).ToList()
            : [];
        var (page, next) = request.Page(policies, offset, max);
        return AwsJsonResult.Ok(new { Policies = page, NextToken = next });
    }

    private static async Task<AwsJsonResult> ListTargetsForPolicyAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var policyId = PolicyId(request);
        var max = request.MaxResults();
        var offset = request.Offset();
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        var (policy, denied) = await AuthorizeOnPolicyAsync(call, "ListTargetsForPolicy", policyId!);
        if (denied is not null)
        {
            return Fail(denied);
        }

        if (await OrganizationsStructureOperations.LoadAsync(call) is not (var view, var tree))
        {
            return Fail(NotInUse);
        }

        if (policy is null)
        {
            return Fail(PolicyNotFound(policyId!));
        }

        var scope = await call.ScopeAsync();
        var targets = new List<PolicyTargetSummaryShape>(policy.TargetIds.Count);
        foreach (var id in policy.TargetIds)
        {
            if (id == tree.RootId)
            {
                targets.Add(new(id, AdministrationArns.Root(scope, id), tree.RootName, OrganizationsShapes.ParentRoot));
            }
            else if (view.OrganizationalUnits.FirstOrDefault(u => u.Id == id) is { } unit)
            {
                targets.Add(new(id, unit.Arn, unit.Name, OrganizationsShapes.ChildOrganizationalUnit));
            }
            else if (view.Accounts.FirstOrDefault(a => a.Id == id) is { } account)
            {
                targets.Add(new(id, account.Arn, account.Name, OrganizationsShapes.ChildAccount));
            }
        }

        var (page, next) = request.Page(targets, offset, max);
        return AwsJsonResult.Ok(new { Targets = page, NextToken = next });
    }
}
