using IdentityCenter.Core.PermissionSets;

namespace IdentityCenter.Infrastructure.Access;

/// <summary>The IAM Identity Center instance and its settings.</summary>
public sealed record SsoInstanceInfo(string InstanceId, string InstanceArn, string Region, bool AutoReprovision);

/// <summary>
/// A new permission set (fields: Name, Description, SessionDuration (ISO 8601, PT1H-PT12H, empty = PT1H),
/// RelayState, ManagedPolicyArns, CustomerManagedPolicyReferences, InlinePolicy, PermissionsBoundary, Tags).
/// </summary>
public sealed record PermissionSetInput(
    string Name,
    string? Description = null,
    string? SessionDuration = null,
    string? RelayState = null,
    IReadOnlyList<string>? ManagedPolicyArns = null,
    IReadOnlyList<CustomerManagedPolicyReference>? CustomerManagedPolicyReferences = null,
    string? InlinePolicy = null,
    PermissionsBoundary? PermissionsBoundary = null,
    IReadOnlyList<PermissionSetTag>? Tags = null);

/// <summary>UpdatePermissionSet's fields (the name cannot change, as in AWS).</summary>
public sealed record PermissionSetSettings(string? Description, string? SessionDuration, string? RelayState);

/// <summary>
/// The permission set editor's whole form, as the permission set should be after saving (the name cannot
/// change): settings, attached managed and customer managed policies, inline policy, boundary and tags.
/// Blank texts mean none; an empty session duration means PT1H.
/// </summary>
public sealed record PermissionSetChanges(
    string? Description,
    string? SessionDuration,
    string? RelayState,
    IReadOnlyList<string> ManagedPolicyArns,
    IReadOnlyList<CustomerManagedPolicyReference> CustomerManagedPolicyReferences,
    string? InlinePolicy,
    PermissionsBoundary? PermissionsBoundary,
    IReadOnlyList<PermissionSetTag> Tags);

/// <summary>The saved permission set and the AWS operations the save applied (none when nothing differed).</summary>
public sealed record PermissionSetSaved(PermissionSetDetail Detail, IReadOnlyList<string> Operations);

public sealed record PermissionSetSummary(
    string Id,
    string Name,
    string? Description,
    TimeSpan SessionDuration,
    int Version,
    int ProvisionedAccountCount,
    int OutOfDateAccountCount,
    int AssignmentCount,
    DateTimeOffset CreatedAt);

/// <summary>A permission set with its ARN and the provisioning state in each account that has (or failed to get) its role.</summary>
public sealed record PermissionSetDetail(
    PermissionSet PermissionSet,
    string Arn,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<ProvisionedAccountStatus> Accounts);

/// <summary>
/// The state in one account. <see cref="Status"/> is NotProvisioned when provisioning never succeeded
/// (then <see cref="FailureReason"/> says why), LatestNotProvisioned when edited since.
/// </summary>
public sealed record ProvisionedAccountStatus(
    string AccountId,
    string AccountName,
    ProvisioningStatus Status,
    string? RoleName,
    string? RoleArn,
    int ProvisionedVersion,
    DateTimeOffset? ProvisionedAt,
    string? FailureReason);

/// <summary>What one provisioning run did per account (success, or the reason it failed).</summary>
public sealed record ProvisioningReport(string PermissionSetId, string PermissionSetName, IReadOnlyList<ProvisioningOutcome> Outcomes)
{
    public bool AllSucceeded => Outcomes.All(o => o.Succeeded);
}
