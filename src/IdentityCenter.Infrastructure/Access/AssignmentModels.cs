using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.PermissionSets;

namespace IdentityCenter.Infrastructure.Access;

/// <summary>One assignment to create or delete.</summary>
public sealed record AssignmentRequest(string AccountId, string PermissionSetId, PrincipalType PrincipalType, string PrincipalId);

public sealed record AssignmentInfo(
    string AccountId,
    string AccountName,
    string PermissionSetId,
    string PermissionSetName,
    PrincipalType PrincipalType,
    string PrincipalId,
    string PrincipalName,
    DateTimeOffset CreatedAt);

/// <summary>The assignment and the provisioning it triggered in the account (AWS provisions implicitly on assign).</summary>
public sealed record AssignmentCreated(AssignmentInfo Assignment, ProvisioningOutcome Provisioning);

/// <summary>The wizard's review step: what would be created, what exists already, and problems (unknown ids).</summary>
public sealed record AssignmentWizardPlan(IReadOnlyList<AssignmentInfo> ToCreate, IReadOnlyList<AssignmentInfo> AlreadyAssigned, IReadOnlyList<FieldError> Problems);

/// <summary>One plan of a batch: every account × principal × permission set.</summary>
internal sealed record AssignmentPlanRequest(
    IReadOnlyCollection<string> AccountIds,
    IReadOnlyCollection<(PrincipalType Type, string Id)> Principals,
    IReadOnlyCollection<string> PermissionSetIds);

public sealed record AssignmentBatchResult(IReadOnlyList<AssignmentCreated> Created, int AlreadyAssigned);

/// <summary>A group through which a user gets access.</summary>
public sealed record GroupRef(string GroupId, string DisplayName);

/// <summary>One (account, permission set) a user can use, marked direct and/or via groups.</summary>
public sealed record UserAssignmentInfo(
    string AccountId,
    string AccountName,
    string PermissionSetId,
    string PermissionSetName,
    bool IsDirect,
    IReadOnlyList<GroupRef> ViaGroups);
