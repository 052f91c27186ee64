using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.PermissionSets;

namespace IdentityCenter.Core.Assignments;

/// <summary>The review step of the assignment wizard: what will be created, and what already exists.</summary>
public sealed record AssignmentPlan(IReadOnlyList<AccountAssignment> ToCreate, IReadOnlyList<AccountAssignment> AlreadyAssigned);

/// <summary>Validation, wizard expansion and delete guards for account assignments.</summary>
public static class AssignmentRules
{
    public static IReadOnlyList<FieldError> Validate(AccountAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var errors = new List<FieldError>(3);
        if (OrganizationValidation.ValidateAccountId(assignment.AccountId, "TargetId") is { } accountError)
        {
            errors.Add(accountError);
        }

        if (!PermissionSetValidator.IsPermissionSetId(assignment.PermissionSetId))
        {
            errors.Add(new FieldError("PermissionSetArn", $"'{assignment.PermissionSetId}' is not a permission set id (ps- followed by 16 lowercase hex characters)."));
        }

        if (string.IsNullOrWhiteSpace(assignment.PrincipalId) || assignment.PrincipalId.Length > 47)
        {
            errors.Add(new FieldError("PrincipalId", "PrincipalId must be the 1-47 character id of a user or group."));
        }

        return errors;
    }

    /// <summary>
    /// Expands the wizard's choices (accounts × principals × permission sets) into assignments, separating
    /// those that already exist, in account, principal, permission set order.
    /// </summary>
    public static AssignmentPlan Plan(
        IEnumerable<string> accountIds,
        IEnumerable<(PrincipalType Type, string Id)> principals,
        IEnumerable<string> permissionSetIds,
        AssignmentIndex existing)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        ArgumentNullException.ThrowIfNull(principals);
        ArgumentNullException.ThrowIfNull(permissionSetIds);
        ArgumentNullException.ThrowIfNull(existing);
        var principalList = principals.Distinct().ToList();
        var setList = permissionSetIds.Distinct(StringComparer.Ordinal).ToList();
        var toCreate = new List<AccountAssignment>();
        var already = new List<AccountAssignment>();
        foreach (var account in accountIds.Distinct(StringComparer.Ordinal))
        {
            var current = existing.GetAssignmentsForAccount(account).ToHashSet();
            foreach (var (type, id) in principalList)
            {
                foreach (var set in setList)
                {
                    var assignment = new AccountAssignment(account, set, type, id);
                    (current.Contains(assignment) ? already : toCreate).Add(assignment);
                }
            }
        }

        return new AssignmentPlan(toCreate, already);
    }

    /// <summary>Null when nothing is assigned with the permission set, else a message asking to remove the assignments first.</summary>
    public static string? CheckCanDeletePermissionSet(string permissionSetId, string permissionSetName, AssignmentIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var assignments = index.GetAssignmentsForPermissionSet(permissionSetId);
        return assignments.Count == 0
            ? null
            : $"Permission set {permissionSetName} is still used by {assignments.Count} account assignment(s) in {assignments.Select(a => a.AccountId).Distinct(StringComparer.Ordinal).Count()} account(s); remove those assignments first.";
    }

    /// <summary>Null when nothing is assigned in the account, else a message asking to remove the assignments first.</summary>
    public static string? CheckCanRemoveAccount(string accountId, AssignmentIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var assignments = index.GetAssignmentsForAccount(accountId);
        return assignments.Count == 0
            ? null
            : $"Account {accountId} still has {assignments.Count} account assignment(s); remove them first.";
    }
}
