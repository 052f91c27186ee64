namespace IdentityCenter.Core.Administration;

/// <summary>
/// Who asks to administer: a directory user, the names of the groups they are in (their administration
/// documents come from those groups), whether they signed in with MFA, their principal tags and, for API
/// calls, the access key they signed with.
/// </summary>
public sealed record AdministratorIdentity(
    string UserId,
    string UserName,
    IReadOnlyList<string> GroupNames,
    bool MfaPresent = true,
    IReadOnlyDictionary<string, string>? PrincipalTags = null,
    string? AccessKeyId = null)
{
    /// <summary>
    /// The principal ARN the evaluator sees: an IAM user of the account that holds the identity store
    /// (<c>arn:aws:iam::ACCOUNT:user/NAME</c>), as an IAM Identity Center administrator in the management account is.
    /// </summary>
    public string PrincipalArn(AdministrationScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return $"arn:aws:iam::{scope.AccountId}:user/{UserName}";
    }
}
