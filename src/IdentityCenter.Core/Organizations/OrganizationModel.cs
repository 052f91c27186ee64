namespace IdentityCenter.Core.Organizations;

/// <summary>An organizational unit; <paramref name="ParentId"/> is the root id or another OU id.</summary>
public sealed record OrganizationalUnit(string Id, string Name, string ParentId);

/// <summary>A member (or the management) account of the organization.</summary>
public sealed record OrganizationAccount(string Id, string Name, string Email, AccountStatus Status = AccountStatus.Active);

/// <summary>
/// An SCP or RCP. <paramref name="Content"/> is the policy JSON text, kept as text so the evaluator
/// (Core/Policies) parses and compiles it; this model does not interpret it.
/// </summary>
public sealed record OrganizationPolicy(
    string Id,
    string Name,
    OrganizationPolicyType Type,
    string Content,
    string? Description = null,
    bool AwsManaged = false);

public enum OrganizationTargetType
{
    Root,
    OrganizationalUnit,
    Account,
}

/// <summary>An error as a value, with an AWS-style code and a message that says what to do.</summary>
public sealed record OrganizationError(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>One node of the organization tree in display order (depth 0 is the root).</summary>
public sealed record OrganizationTreeNode(string Id, string Name, OrganizationTargetType Type, int Depth, string? ParentId);
