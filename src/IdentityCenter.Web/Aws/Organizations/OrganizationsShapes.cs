using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.Web.Aws.Organizations;

// The output shapes of organizations 2016-11-28, with the model's member names (serialised as written, nulls left out).
// Timestamps are epoch seconds (JSON numbers), as awsJson1_1 writes them.
#pragma warning disable SA1649 // one file for the model's small output shapes

internal sealed record PolicyTypeSummary(string Type, string Status);

internal sealed record OrganizationShape(
    string Id, string Arn, string FeatureSet, string MasterAccountArn, string MasterAccountId, string MasterAccountEmail,
    IReadOnlyList<PolicyTypeSummary> AvailablePolicyTypes);

internal sealed record RootShape(string Id, string Arn, string Name, IReadOnlyList<PolicyTypeSummary> PolicyTypes);

internal sealed record AccountShape(
    string Id, string Arn, string Email, string Name, string Status, string State, IReadOnlyList<string>? Paths,
    string JoinedMethod, double JoinedTimestamp);

internal sealed record OrganizationalUnitShape(string Id, string Arn, string Name, string? Path);

internal sealed record ChildShape(string Id, string Type);

internal sealed record ParentShape(string Id, string Type);

internal sealed record PolicySummaryShape(string Id, string Arn, string Name, string? Description, string Type, bool AwsManaged);

internal sealed record PolicyShape(PolicySummaryShape PolicySummary, string Content);

internal sealed record PolicyTargetSummaryShape(string TargetId, string Arn, string Name, string Type);

internal sealed record CreateAccountStatusShape(
    string Id, string AccountName, string State, double RequestedTimestamp, double? CompletedTimestamp, string? AccountId, string? FailureReason);

internal sealed record TagShape(string Key, string Value);

#pragma warning restore SA1649

/// <summary>IdentityCenter's organization as the model's output shapes.</summary>
internal static class OrganizationsShapes
{
    public const string ChildAccount = "ACCOUNT";
    public const string ChildOrganizationalUnit = "ORGANIZATIONAL_UNIT";
    public const string ParentRoot = "ROOT";

    /// <summary>Both policy types IdentityCenter evaluates are always enabled on the root.</summary>
    public static IReadOnlyList<PolicyTypeSummary> EnabledPolicyTypes { get; } =
    [
        new(OrganizationPolicyType.ServiceControlPolicy.ToAwsString(), "ENABLED"),
        new(OrganizationPolicyType.ResourceControlPolicy.ToAwsString(), "ENABLED"),
    ];

    public static double EpochSeconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    public static OrganizationShape Organization(OrganizationInfo organization, AccountInfo? management) => new(
        organization.OrganizationId, organization.Arn, "ALL", management?.Arn ?? "", organization.ManagementAccountId, management?.Email ?? "",
        EnabledPolicyTypes);

    public static RootShape Root(OrganizationTree tree, string arn) => new(tree.RootId, arn, tree.RootName, EnabledPolicyTypes);

    public static AccountShape Account(OrganizationTree tree, AccountInfo account)
    {
        var status = account.Status.ToAwsString();
        return new AccountShape(
            account.Id, account.Arn, account.Email, account.Name, status, status,
            tree.GetPathIds(account.Id) is { } ids ? [tree.OrganizationId + "/" + string.Concat(ids.Select(id => id + "/"))] : null,
            account.IsManagement ? "INVITED" : "CREATED", EpochSeconds(account.JoinedAt));
    }

    public static OrganizationalUnitShape OrganizationalUnit(OrganizationTree tree, OrganizationalUnitInfo unit) =>
        new(unit.Id, unit.Arn, unit.Name, PathOf(tree, unit.Id));

    public static PolicySummaryShape PolicySummary(OrganizationPolicyInfo policy) =>
        new(policy.Id, policy.Arn, policy.Name, policy.Description, policy.Type.ToAwsString(), policy.AwsManaged);

    public static PolicyShape Policy(OrganizationPolicyInfo policy) => new(PolicySummary(policy), policy.Document);

    /// <summary>The parent of an OU or account: the root or an OU.</summary>
    public static ParentShape Parent(OrganizationTree tree, string parentId) =>
        new(parentId, parentId == tree.RootId ? ParentRoot : ChildOrganizationalUnit);

    /// <summary><c>o-…/r-…/ou-…/</c>: the OU's path from the organization, ending in a slash.</summary>
    private static string? PathOf(OrganizationTree tree, string unitId)
    {
        var ids = new List<string>();
        for (var node = tree.FindOrganizationalUnit(unitId); node is not null; node = tree.FindOrganizationalUnit(node.ParentId))
        {
            ids.Add(node.Id);
            if (node.ParentId == tree.RootId)
            {
                ids.Add(tree.RootId);
                ids.Reverse();
                return tree.OrganizationId + "/" + string.Concat(ids.Select(id => id + "/"));
            }
        }

        return null;
    }
}
