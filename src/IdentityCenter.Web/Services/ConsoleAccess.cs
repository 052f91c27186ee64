using IdentityCenter.Core.Administration;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Administration;
using IdentityCenter.Infrastructure.Identity;

namespace IdentityCenter.Web.Services;

/// <summary>
/// What the signed-in administrator may do in the console, decided by <see cref="IAdministrativeAuthorizer"/> (the shared
/// evaluator over their administration documents). Pages ask <see cref="AllowedAsync"/> to show links and buttons, and
/// <see cref="AuthorizeAsync"/> again on the server before every change. Scoped (one per circuit or request).
/// </summary>
public sealed class ConsoleAccess(CurrentActor currentActor, IAdministrativeAuthorizer authorizer)
{
    /// <summary>The subset of <paramref name="actions"/> the administrator may perform on this instance's resources.</summary>
    public async Task<IReadOnlySet<string>> AllowedAsync(params string[] actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (AdministratorClaims.From(await currentActor.GetPrincipalAsync()) is not { } who)
        {
            return allowed;
        }

        foreach (var action in actions)
        {
            if (await authorizer.IsAllowedAsync(who, action))
            {
                allowed.Add(action);
            }
        }

        return allowed;
    }

    /// <summary>
    /// The subset of <paramref name="actions"/> the administrator may perform on this user and/or group (e.g. a help desk may
    /// not reset an administrator's password): <see cref="AllowedAsync"/>, then each remaining action decided on the resources.
    /// </summary>
    public async Task<IReadOnlySet<string>> AllowedOnAsync(string? userId, string? groupId, params string[] actions)
    {
        var allowed = new HashSet<string>(await AllowedAsync(actions), StringComparer.OrdinalIgnoreCase);
        foreach (var action in allowed.ToList())
        {
            if (!(await AuthorizeAsync(action, userId, groupId)).IsAllowed)
            {
                allowed.Remove(action);
            }
        }

        return allowed;
    }

    /// <summary>
    /// The decision for one directory change on <paramref name="userId"/> and/or <paramref name="groupId"/> (resources as
    /// <see cref="AdministrationArns.DirectoryResources"/> builds them), with the request's source IP and user agent. A deny
    /// carries the message to show (<see cref="AdministrativeDecision.AccessDeniedMessage"/>).
    /// </summary>
    public async Task<AdministrativeDecision> AuthorizeAsync(string action, string? userId = null, string? groupId = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        var scope = await authorizer.GetScopeAsync();
        return await DecideAsync(action, AdministrationArns.DirectoryResources(action, scope, userId, groupId), userId);
    }

    /// <summary>
    /// <see cref="AuthorizeAsync"/> asked again on the server right before a directory change: null when the evaluator allows
    /// <paramref name="action"/> on <paramref name="userId"/> and/or <paramref name="groupId"/>, else the refusal to show
    /// (<see cref="OperationResult.Forbidden"/> with the evaluator's reason).
    /// </summary>
    public async Task<OperationResult?> RefusalAsync(string action, string? userId = null, string? groupId = null)
    {
        var decision = await AuthorizeAsync(action, userId, groupId);
        return decision.IsAllowed ? null : OperationResult.Forbidden(decision.AccessDeniedMessage);
    }

    /// <summary>
    /// The decision for an access key action (<c>iam:CreateAccessKey</c>, <c>iam:UpdateAccessKey</c>, <c>iam:DeleteAccessKey</c>,
    /// <c>iam:ListAccessKeys</c>) on the keys of <paramref name="userId"/> (<paramref name="userName"/> names its IAM user ARN),
    /// the administrator's own or another user's: the admin page and <c>/account</c> ask the same question.
    /// </summary>
    public async Task<AdministrativeDecision> AuthorizeAccessKeysAsync(string action, string userId, string userName)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(userName);
        var scope = await authorizer.GetScopeAsync();
        return await DecideAsync(action, [AdministrationArns.IamUser(scope, userName)], userId);
    }

    /// <summary>
    /// The decision for an administration document action (<c>iam:AttachGroupPolicy</c>, <c>iam:PutUserPolicy</c>,
    /// <c>iam:ListAttachedGroupPolicies</c>, ...) on a group's or user's IAM ARN (named by <paramref name="principalName"/>).
    /// </summary>
    public async Task<AdministrativeDecision> AuthorizeAdministrationDocumentsAsync(string action, bool group, string principalId, string principalName)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(principalName);
        var scope = await authorizer.GetScopeAsync();
        return group
            ? await DecideAsync(action, [AdministrationArns.IamGroup(scope, principalName)], null)
            : await DecideAsync(action, [AdministrationArns.IamUser(scope, principalName)], principalId);
    }

    private async Task<AdministrativeDecision> DecideAsync(string action, IReadOnlyList<string> resources, string? userId)
    {
        var (principal, origin) = await currentActor.GetPrincipalAndOriginAsync();
        var who = AdministratorClaims.From(principal) ?? new AdministratorIdentity("", "anonymous", []);
        var keys = new RequestContext(2);
        if (origin.SourceIpAddress is { } ip)
        {
            keys.Set("aws:SourceIp", ip);
        }

        if (origin.UserAgent is { } agent)
        {
            keys.Set("aws:UserAgent", agent);
        }

        return await authorizer.AuthorizeAsync(who, action, resources, keys, userId, explain: true);
    }
}
