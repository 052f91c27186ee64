using IdentityCenter.Core.Administration;
using IdentityCenter.Core.Policies.Evaluation;

namespace IdentityCenter.Infrastructure.Administration;

/// <summary>
/// Decides every administrative action, from the console and the AWS-compatible APIs alike: finds the documents
/// the administrator's groups hold and asks the shared evaluator through <see cref="AdministrativeAuthorization"/>.
/// Singleton; policy sets are compiled once per combination of groups, so a check costs one evaluation.
/// </summary>
public interface IAdministrativeAuthorizer
{
    /// <summary>Account, identity store, instance and organization of this IdentityCenter, as administrative ARNs need them.</summary>
    ValueTask<AdministrationScope> GetScopeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The administrator behind a user id, read from the directory (for API callers, who have no sign-in cookie):
    /// user name and the administrative groups they are in. Null when the user does not exist or is disabled.
    /// <see cref="AdministratorIdentity.MfaPresent"/> is false (long-term access keys carry no MFA).
    /// </summary>
    Task<AdministratorIdentity?> FindAdministratorAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// May <paramref name="who"/> perform <paramref name="action"/> (an IAM action, e.g. <c>identitystore:CreateUser</c>) on
    /// every one of <paramref name="resourceArns"/> (built with <see cref="AdministrationArns"/>, as the Service Authorization
    /// Reference requires for the action; <c>*</c> for actions without resource types)? <paramref name="requestKeys"/> holds
    /// the request's own keys (<c>aws:SourceIp</c>, <c>aws:SecureTransport</c>, <c>aws:UserAgent</c>, <c>aws:RequestTag/…</c>);
    /// <paramref name="subjectUserId"/> names the directory user the action changes when the ARNs do not (sso-directory
    /// actions have no resource types). Users and groups that give administrative rights carry the
    /// <see cref="AdministrationPolicies.AdministrativeResourceTag"/> resource tag. <paramref name="at"/> is the time of the
    /// request (<c>aws:CurrentTime</c>); leave it null (now) except in the simulator.
    /// </summary>
    Task<AdministrativeDecision> AuthorizeAsync(
        AdministratorIdentity who,
        string action,
        IReadOnlyList<string> resourceArns,
        RequestContext? requestKeys = null,
        string? subjectUserId = null,
        bool explain = true,
        DateTimeOffset? at = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Cheap check for showing a page, link or button: <paramref name="action"/> on the resource standing for the whole service
    /// (<see cref="AdministrationArns.ScopeResource"/>), no explanation. The operation itself asks <see cref="AuthorizeAsync"/> again.
    /// </summary>
    ValueTask<bool> IsAllowedAsync(AdministratorIdentity who, string action, CancellationToken cancellationToken = default);

    /// <summary>
    /// The administration documents <paramref name="who"/> holds, by name, in the order they are evaluated: their built-in groups'
    /// documents, then those attached to them and to their groups.
    /// </summary>
    Task<IReadOnlyList<(string Name, string Document)>> DocumentsOfAsync(AdministratorIdentity who, CancellationToken cancellationToken = default);
}
