namespace IdentityCenter.Core.PermissionSets;

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
