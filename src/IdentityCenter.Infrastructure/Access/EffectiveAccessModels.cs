using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.PermissionSets;

namespace IdentityCenter.Infrastructure.Access;

/// <summary>One role a user can use in an account, with every policy document that governs it.</summary>
public sealed record EffectiveRole(
    string PermissionSetId,
    string PermissionSetName,
    string? RoleName,
    string? RoleArn,
    ProvisioningStatus Status,
    bool IsDirect,
    IReadOnlyList<GroupRef> ViaGroups,
    RolePolicySources Policies);

public sealed record EffectiveAccount(string AccountId, string AccountName, IReadOnlyList<EffectiveRole> Roles);

public sealed record UserEffectiveAccess(string UserId, string UserName, IReadOnlyList<EffectiveAccount> Accounts);

/// <summary>A matrix page with display names for the account columns.</summary>
public sealed record AccessMatrixResult(MatrixPage Page, IReadOnlyDictionary<string, string> AccountNames);
