using System.Collections.Frozen;

namespace IdentityCenter.Core.Policies.Evaluation;

/// <summary>
/// Which requests AWS Organizations' guardrails restrict at all. Service control policies restrict the IAM
/// users and roles of member accounts (root user included), but not service principals and not service-linked
/// roles (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html).
/// Resource control policies restrict only actions of the services AWS lists for them, never calls made by
/// service-linked roles, and not <c>kms:RetireGrant</c>
/// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html, list as of 2026-09).
/// Lookups do not allocate.
/// </summary>
public static class OrganizationPolicyScope
{
    /// <summary>The service prefixes whose actions RCPs apply to ("List of AWS services that support RCPs").</summary>
    public static IReadOnlySet<string> ResourceControlServices => Services;

    private static readonly FrozenSet<string> Services = new[]
    {
        "appstream", "dsql", "clouddirectory", "cloudfront", "cloudsearch", "logs", "networkmonitor", "cognito-identity",
        "cognito-idp", "comprehend", "comprehendmedical", "firehose", "dynamodb", "dax", "autoscaling", "ecr", "ecr-public",
        "gamelift", "inspector-scan", "kendra", "kinesisvideo", "memorydb", "aoss", "personalize", "polly", "s3", "swf", "sqs",
        "textract", "timestream-influxdb", "transcribe", "translate", "workspaces", "appconfig", "autoscaling-plans", "budgets",
        "servicediscovery", "cloudtrail-data", "codeartifact", "codebuild", "codecommit", "codepipeline", "compute-optimizer",
        "cost-optimization-hub", "events", "fms", "fis", "health", "rolesanywhere", "kms", "opensearch", "pricing",
        "pca-connector-ad", "resource-groups", "secretsmanager", "sts", "signin", "support", "transfer", "notifications",
        "wafv2", "xray",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ServiceLookup = Services.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether the request's principal is restricted by SCPs: not a service principal, not a service-linked role.</summary>
    public static bool ServiceControlPoliciesApply(AuthorizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.PrincipalKind != PrincipalKind.Service && !request.IsServiceLinkedRole;
    }

    /// <summary>Whether RCPs restrict the request: an action of a service that supports RCPs, not made by a service-linked role.</summary>
    public static bool ResourceControlPoliciesApply(AuthorizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.IsServiceLinkedRole)
        {
            return false;
        }

        var action = request.Action.AsSpan();
        var colon = action.IndexOf(':');
        if (colon <= 0 || !ServiceLookup.Contains(action[..colon]))
        {
            return false;
        }

        return !action.Equals("kms:RetireGrant", StringComparison.OrdinalIgnoreCase);
    }
}
