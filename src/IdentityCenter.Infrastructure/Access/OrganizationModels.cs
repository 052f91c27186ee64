using IdentityCenter.Core.Organizations;

namespace IdentityCenter.Infrastructure.Access;

/// <summary>Creates the organization (once): the management account's name and email; its id is generated unless given.</summary>
public sealed record OrganizationInput(string ManagementAccountName, string ManagementAccountEmail, string? ManagementAccountId = null);

public sealed record OrganizationInfo(string OrganizationId, string RootId, string RootName, string ManagementAccountId, string Arn, DateTimeOffset CreatedAt);

/// <summary>The whole tree for the tree view (nodes depth-first, as <see cref="OrganizationTree.GetTreeNodes"/>).</summary>
public sealed record OrganizationView(OrganizationInfo Organization, IReadOnlyList<OrganizationTreeNode> Nodes, IReadOnlyList<AccountInfo> Accounts, IReadOnlyList<OrganizationalUnitInfo> OrganizationalUnits);

public sealed record OrganizationalUnitInfo(string Id, string Name, string ParentId, string Arn, int ChildUnitCount, int AccountCount);

public sealed record AccountInfo(
    string Id,
    string Name,
    string Email,
    AccountStatus Status,
    bool IsManagement,
    string ParentId,
    string ParentName,
    string Arn,
    DateTimeOffset JoinedAt);

/// <summary>A new account (fields: Name, Email, ParentId, AccountId). A 12-digit id is generated unless given.</summary>
public sealed record AccountInput(string Name, string Email, string ParentId, string? AccountId = null);

/// <summary>Editable fields of an account (fields: Name, Email, Status).</summary>
public sealed record AccountUpdate(string Name, string Email, AccountStatus Status);

public sealed record OrganizationPolicyInfo(
    string Id,
    string Name,
    string? Description,
    OrganizationPolicyType Type,
    string Document,
    bool AwsManaged,
    string Arn,
    IReadOnlyList<string> TargetIds);

/// <summary>A new or edited SCP/RCP (fields: Name, Description, Document). The document is validated as <c>PolicyKind.Scp</c> or <c>Rcp</c>.</summary>
public sealed record OrganizationPolicyInput(string Name, string? Description, OrganizationPolicyType Type, string Document);
