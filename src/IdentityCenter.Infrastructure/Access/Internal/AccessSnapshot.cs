using System.Collections.Concurrent;
using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Core.Policies.Evaluation;

namespace IdentityCenter.Infrastructure.Access.Internal;

internal sealed record PermissionSetEntry(PermissionSet Model, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool IsWorkshop);

/// <summary>A role's state in one account; <see cref="Definition"/> is the permission set as provisioned (null when never provisioned).</summary>
internal sealed record RoleState(
    string AccountId,
    string PermissionSetId,
    string? RoleName,
    int ProvisionedVersion,
    DateTimeOffset? ProvisionedAt,
    string? FailureReason,
    PermissionSet? Definition)
{
    public bool IsProvisioned => RoleName is not null && Definition is not null;
}

internal sealed record AccountMeta(DateTimeOffset JoinedAt, bool IsWorkshop);

/// <summary>
/// An immutable, shared picture of the access model loaded from the database in one go and replaced
/// after every change. Compiled policy sets are cached on it, so dropping the snapshot invalidates them.
/// </summary>
internal sealed class AccessSnapshot
{
    public required long Generation { get; init; }

    public required OrganizationTree? Tree { get; init; }

    public required DateTimeOffset? OrganizationCreatedAt { get; init; }

    public required IReadOnlyDictionary<string, AccountMeta> AccountMeta { get; init; }

    public required string? InstanceId { get; init; }

    public required string Region { get; init; }

    public required bool AutoReprovision { get; init; }

    public required IReadOnlyDictionary<string, PermissionSetEntry> PermissionSets { get; init; }

    public required IReadOnlyDictionary<string, string> PermissionSetIdsByName { get; init; }

    public required IReadOnlyDictionary<(string AccountId, string PermissionSetId), RoleState> Roles { get; init; }

    /// <summary>Assignments only (no memberships): memberships are read live so group changes show at once.</summary>
    public required AssignmentIndex Assignments { get; init; }

    public required IReadOnlyDictionary<AccountAssignment, DateTimeOffset> AssignmentCreatedAt { get; init; }

    public required CustomerManagedPolicySet CustomerPolicies { get; init; }

    public required IReadOnlyList<AccessControlAttribute> Attributes { get; init; }

    public ConcurrentDictionary<(string AccountId, string PermissionSetId), PolicySet?> PolicySets { get; } = new();

    /// <summary>Role sets with the RCP levels of another account that owns the resource ("" = outside the organization).</summary>
    public ConcurrentDictionary<(string AccountId, string PermissionSetId, string ResourceAccountId), PolicySet> ResourceSidePolicySets { get; } = new();

    public ConcurrentDictionary<string, CompiledPolicy?> CompiledDocuments { get; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> PermissionSetNames =>
        permissionSetNames ??= PermissionSets.ToDictionary(p => p.Key, p => p.Value.Model.Name, StringComparer.Ordinal);

    private IReadOnlyDictionary<string, string>? permissionSetNames;

    public RoleState? FindRole(string accountId, string permissionSetId) => Roles.GetValueOrDefault((accountId, permissionSetId));

    public string AccountName(string accountId) => Tree?.FindAccount(accountId)?.Name ?? accountId;

    public string PermissionSetName(string permissionSetId) =>
        PermissionSets.TryGetValue(permissionSetId, out var entry) ? entry.Model.Name : permissionSetId;
}
