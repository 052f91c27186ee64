namespace IdentityCenter.Core.PermissionSets;

/// <summary>The role a permission set created in one account, and the permission set version it carries.</summary>
public sealed record ProvisionedRole(
    string PermissionSetId,
    string AccountId,
    string RoleName,
    string RoleArn,
    int ProvisionedVersion,
    DateTimeOffset ProvisionedAt);

/// <summary>Provisioning state of a permission set in one account, named as in the AWS API.</summary>
public enum ProvisioningStatus
{
    NotProvisioned,

    /// <summary>LATEST_PERMISSION_SET_PROVISIONED.</summary>
    LatestProvisioned,

    /// <summary>LATEST_PERMISSION_SET_NOT_PROVISIONED: edited since it was provisioned here.</summary>
    LatestNotProvisioned,
}

/// <summary>The result of provisioning into one account: a role, or a reason the admin can act on.</summary>
public sealed record ProvisioningOutcome(string AccountId, ProvisionedRole? Role, string? FailureReason)
{
    public bool Succeeded => Role is not null;

    public static ProvisioningOutcome Success(ProvisionedRole role) => new(role.AccountId, role, null);

    public static ProvisioningOutcome Failure(string accountId, string reason) => new(accountId, null, reason);
}

/// <summary>Which customer-managed policies exist in which account (read by the provisioner).</summary>
public interface ICustomerManagedPolicyLookup
{
    bool Exists(string accountId, CustomerManagedPolicyReference reference);

    /// <summary>The default version's JSON document, or null when the policy does not exist there.</summary>
    string? FindDocument(string accountId, CustomerManagedPolicyReference reference);
}

/// <summary>An in-memory <see cref="ICustomerManagedPolicyLookup"/>: (account, path, name) → document.</summary>
public sealed class CustomerManagedPolicySet : ICustomerManagedPolicyLookup
{
    private const string EmptyDocument = """{"Version":"2012-10-17","Statement":[]}""";
    private readonly Dictionary<(string Account, string Path, string Name), string> _policies = [];

    public CustomerManagedPolicySet Add(string accountId, string name, string path = "/", string? document = null)
    {
        _policies[(accountId, path, name)] = document ?? EmptyDocument;
        return this;
    }

    public bool Exists(string accountId, CustomerManagedPolicyReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return _policies.ContainsKey((accountId, reference.Path, reference.Name));
    }

    public string? FindDocument(string accountId, CustomerManagedPolicyReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return _policies.GetValueOrDefault((accountId, reference.Path, reference.Name));
    }
}
