using IdentityCenter.Core.Catalog;
using IdentityCenter.Core.Organizations;

namespace IdentityCenter.Core.PermissionSets;

public enum PolicySourceKind
{
    AwsManaged,
    CustomerManaged,
    Inline,
}

/// <summary>One policy document that applies to a role session, named so explanations can point at it.</summary>
public sealed record PolicySource(string Name, string? Arn, PolicySourceKind Kind, string Document);

/// <summary>
/// Every policy document that decides what a permission set's role can do in one account, as JSON
/// text for the evaluator to compile: identity policies (managed + customer + inline), the
/// permissions boundary, and the account's SCP and RCP paths. <see cref="Problems"/> lists what could
/// not be found (a managed policy IdentityCenter does not ship, a customer policy missing in the account).
/// </summary>
public sealed record RolePolicySources(
    string AccountId,
    string PermissionSetId,
    int PermissionSetVersion,
    IReadOnlyList<PolicySource> IdentityPolicies,
    PolicySource? PermissionsBoundary,
    OrganizationPolicyPath? ServiceControlPolicies,
    OrganizationPolicyPath? ResourceControlPolicies,
    IReadOnlyList<string> Problems);

/// <summary>Collects the policy documents of a permission set in an account (pure; no evaluation here).</summary>
public static class PermissionSetPolicyComposer
{
    /// <summary>The name AWS IAM Identity Center gives the inline policy on the role it provisions.</summary>
    public const string InlinePolicyName = "AwsSSOInlinePolicy";

    public static RolePolicySources Compose(
        PermissionSet permissionSet,
        string accountId,
        ManagedPolicyCatalog catalog,
        ICustomerManagedPolicyLookup customerPolicies,
        OrganizationTree? organization)
    {
        ArgumentNullException.ThrowIfNull(permissionSet);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(customerPolicies);
        var problems = new List<string>();
        var identity = new List<PolicySource>(permissionSet.ManagedPolicyArns.Count + permissionSet.CustomerManagedPolicyReferences.Count + 1);

        foreach (var arn in permissionSet.ManagedPolicyArns)
        {
            if (Managed(arn, catalog, problems) is { } source)
            {
                identity.Add(source);
            }
        }

        foreach (var reference in permissionSet.CustomerManagedPolicyReferences)
        {
            if (Customer(reference, accountId, customerPolicies, problems) is { } source)
            {
                identity.Add(source);
            }
        }

        if (permissionSet.InlinePolicy is { } inline)
        {
            identity.Add(new PolicySource(InlinePolicyName, null, PolicySourceKind.Inline, inline));
        }

        PolicySource? boundary = null;
        if (permissionSet.PermissionsBoundary is { } b)
        {
            boundary = b.ManagedPolicyArn is { } arn
                ? Managed(arn, catalog, problems)
                : Customer(b.CustomerManagedPolicyReference!, accountId, customerPolicies, problems);
        }

        OrganizationPolicyPath? scps = null;
        OrganizationPolicyPath? rcps = null;
        if (organization is not null)
        {
            scps = organization.ComputePolicyPath(accountId, OrganizationPolicyType.ServiceControlPolicy);
            rcps = organization.ComputePolicyPath(accountId, OrganizationPolicyType.ResourceControlPolicy);
            if (scps is null)
            {
                problems.Add($"Account {accountId} is not in the organization, so no SCPs or RCPs apply to it.");
            }
        }

        return new RolePolicySources(accountId, permissionSet.Id, permissionSet.Version, identity, boundary, scps, rcps, problems);
    }

    private static PolicySource? Managed(string arn, ManagedPolicyCatalog catalog, List<string> problems)
    {
        var policy = catalog.FindByArn(arn);
        if (policy is null)
        {
            problems.Add($"AWS managed policy {arn} is not in IdentityCenter's catalogue, so it grants nothing here.");
            return null;
        }

        return new PolicySource(policy.Name, policy.Arn, PolicySourceKind.AwsManaged, policy.Document);
    }

    private static PolicySource? Customer(CustomerManagedPolicyReference reference, string accountId, ICustomerManagedPolicyLookup lookup, List<string> problems)
    {
        var document = lookup.FindDocument(accountId, reference);
        if (document is null)
        {
            problems.Add($"Customer managed policy {reference.Path}{reference.Name} does not exist in account {accountId}.");
            return null;
        }

        return new PolicySource(reference.Name, reference.ArnIn(accountId), PolicySourceKind.CustomerManaged, document);
    }
}
