using IdentityCenter.Core.Administration;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Administration;

namespace IdentityCenter.Web.Tests.Fakes;

/// <summary>
/// The administrative authorizer with a fixed scope and no database: decisions are real (the built-in documents of the
/// administrator's groups, <see cref="AdministrativeAuthorization.Decide"/>, the shared evaluator); only the directory
/// lookups are replaced (<see cref="Administrators"/> for API callers, <see cref="AdministrativeSubjects"/> for the resource tag).
/// </summary>
public sealed class FakeAdministrativeAuthorizer : IAdministrativeAuthorizer
{
    public AdministrationScope Scope { get; set; } = AdministrationScope.For("111122223333", "ssoins-1234567890abcdef", "o-abcdef1234");

    public Dictionary<string, AdministratorIdentity> Administrators { get; } = new(StringComparer.Ordinal);

    /// <summary>User id → administrative group names, for users the help desk must not change.</summary>
    public Dictionary<string, string> AdministrativeSubjects { get; } = new(StringComparer.Ordinal);

    public List<(string Action, IReadOnlyList<string> Resources)> Requests { get; } = [];

    public ValueTask<AdministrationScope> GetScopeAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Scope);

    public Task<AdministratorIdentity?> FindAdministratorAsync(string userId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Administrators.GetValueOrDefault(userId));

    public Task<AdministrativeDecision> AuthorizeAsync(
        AdministratorIdentity who, string action, IReadOnlyList<string> resourceArns, RequestContext? requestKeys = null, string? subjectUserId = null,
        bool explain = true, DateTimeOffset? at = null, CancellationToken cancellationToken = default)
    {
        Requests.Add((action, resourceArns));
        var builtInGroup = resourceArns.Select(r => IdentityCenter.Infrastructure.Identity.BuiltInGroups.Administrative.FirstOrDefault(g => r == AdministrationArns.Group(g.Id)))
            .FirstOrDefault(g => g is not null);
        RequestContext? Tag(string _) => subjectUserId is not null && AdministrativeSubjects.TryGetValue(subjectUserId, out var groups)
            ? new RequestContext().Set("aws:ResourceTag/" + AdministrationPolicies.AdministrativeResourceTag, groups)
            : builtInGroup is not null ? new RequestContext().Set("aws:ResourceTag/" + AdministrationPolicies.AdministrativeResourceTag, builtInGroup.Name) : null;
        return Task.FromResult(AdministrativeAuthorization.Decide(
            who, action, resourceArns, Scope, BuiltInAdministration.PolicySetFor(who.GroupNames), requestKeys, at ?? DateTimeOffset.UtcNow, explain, Tag));
    }

    public ValueTask<bool> IsAllowedAsync(AdministratorIdentity who, string action, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(AdministrativeAuthorization.Decide(
            who, action, [AdministrationArns.ScopeResource(action, Scope)], Scope, BuiltInAdministration.PolicySetFor(who.GroupNames), null, DateTimeOffset.UtcNow, explain: false).IsAllowed);

    public Task<IReadOnlyList<(string Name, string Document)>> DocumentsOfAsync(AdministratorIdentity who, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<(string Name, string Document)>>([.. BuiltInAdministration.PolicyNamesFor(who.GroupNames).Select(name => (name, AdministrationPolicies.All[name]))]);
}
