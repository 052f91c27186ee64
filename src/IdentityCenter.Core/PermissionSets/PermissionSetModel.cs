namespace IdentityCenter.Core.PermissionSets;

/// <summary>
/// A reference to a customer-managed IAM policy by name and path; the policy itself lives in each
/// target account and must exist there when the permission set is provisioned.
/// </summary>
public sealed record CustomerManagedPolicyReference(string Name, string Path = "/")
{
    /// <summary>The policy's ARN in one account: <c>arn:aws:iam::&lt;account&gt;:policy&lt;path&gt;&lt;name&gt;</c>.</summary>
    public string ArnIn(string accountId) => $"arn:aws:iam::{accountId}:policy{Path}{Name}";

    public override string ToString() => Path + Name;
}

/// <summary>A permissions boundary: either an AWS-managed policy ARN or a customer-managed reference.</summary>
public sealed record PermissionsBoundary
{
    private PermissionsBoundary(string? managedPolicyArn, CustomerManagedPolicyReference? customerManagedPolicyReference)
    {
        ManagedPolicyArn = managedPolicyArn;
        CustomerManagedPolicyReference = customerManagedPolicyReference;
    }

    public string? ManagedPolicyArn { get; }

    public CustomerManagedPolicyReference? CustomerManagedPolicyReference { get; }

    public static PermissionsBoundary FromManagedPolicy(string managedPolicyArn)
    {
        ArgumentException.ThrowIfNullOrEmpty(managedPolicyArn);
        return new PermissionsBoundary(managedPolicyArn, null);
    }

    public static PermissionsBoundary FromCustomerManagedPolicy(CustomerManagedPolicyReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return new PermissionsBoundary(null, reference);
    }
}

/// <summary>A tag on a permission set.</summary>
public sealed record PermissionSetTag(string Key, string Value);

/// <summary>
/// A permission set as the admin edits it. <see cref="Version"/> counts edits that change the roles it
/// provisions; an account whose role was provisioned at an older version is out of date.
/// </summary>
public sealed record PermissionSet
{
    /// <summary><c>ps-</c> followed by 16 hex characters.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public TimeSpan SessionDuration { get; init; } = PermissionSets.SessionDuration.Default;

    public string? RelayState { get; init; }

    public IReadOnlyList<string> ManagedPolicyArns { get; init; } = [];

    public IReadOnlyList<CustomerManagedPolicyReference> CustomerManagedPolicyReferences { get; init; } = [];

    /// <summary>The inline policy JSON, or null when there is none (at most one per permission set).</summary>
    public string? InlinePolicy { get; init; }

    public PermissionsBoundary? PermissionsBoundary { get; init; }

    public IReadOnlyList<PermissionSetTag> Tags { get; init; } = [];

    public int Version { get; init; } = 1;
}
