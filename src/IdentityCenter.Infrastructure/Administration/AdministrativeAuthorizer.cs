using IdentityCenter.Core.Administration;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Access.Internal;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace IdentityCenter.Infrastructure.Administration;

/// <summary>
/// <see cref="IAdministrativeAuthorizer"/> over the directory and the access model: the scope comes from the cached
/// access snapshot, documents from <see cref="BuiltInAdministration"/>, the decision from
/// <see cref="AdministrativeAuthorization.Decide"/> (one evaluator call per resource).
/// </summary>
internal sealed class AdministrativeAuthorizer(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    AccessModelCache cache,
    IMemoryCache memory,
    TimeProvider timeProvider) : IAdministrativeAuthorizer
{
    /// <summary>How long "is this user an administrator" is remembered for the resource tag (membership changes show after this).</summary>
    internal static readonly TimeSpan SubjectCacheDuration = TimeSpan.FromSeconds(5);

    private const string UserArnPrefix = "arn:aws:identitystore:::user/";
    private const string GroupArnPrefix = "arn:aws:identitystore:::group/";

    public async ValueTask<AdministrationScope> GetScopeAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await cache.GetAsync(cancellationToken);
        return AdministrationScope.For(snapshot.Tree?.ManagementAccountId, snapshot.InstanceId, snapshot.Tree?.OrganizationId);
    }

    public async Task<AdministratorIdentity?> FindAdministratorAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.Enabled).Select(u => new { u.Id, u.UserName }).FirstOrDefaultAsync(cancellationToken);
        if (user?.UserName is null)
        {
            return null;
        }

        var groups = await AdministrativeGroupsOfAsync(db, userId, cancellationToken);
        return new AdministratorIdentity(user.Id, user.UserName, groups, MfaPresent: false);
    }

    public async Task<AdministrativeDecision> AuthorizeAsync(
        AdministratorIdentity who,
        string action,
        IReadOnlyList<string> resourceArns,
        RequestContext? requestKeys = null,
        string? subjectUserId = null,
        bool explain = true,
        DateTimeOffset? at = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(resourceArns);
        var scope = await GetScopeAsync(cancellationToken);
        var keys = await WithSubjectTagAsync(requestKeys, resourceArns, subjectUserId, cancellationToken);
        return AdministrativeAuthorization.Decide(who, action, resourceArns, scope, BuiltInAdministration.PolicySetFor(who.GroupNames), keys, at ?? timeProvider.GetUtcNow(), explain);
    }

    public async ValueTask<bool> IsAllowedAsync(AdministratorIdentity who, string action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(who);
        if (who.GroupNames.Count == 0)
        {
            return false;
        }

        var scope = await GetScopeAsync(cancellationToken);
        return AdministrativeAuthorization.Decide(
            who, action, [AdministrationArns.ScopeResource(action, scope)], scope, BuiltInAdministration.PolicySetFor(who.GroupNames), null, timeProvider.GetUtcNow(), explain: false).IsAllowed;
    }

    public IReadOnlyList<(string Name, string Document)> DocumentsOf(AdministratorIdentity who)
    {
        ArgumentNullException.ThrowIfNull(who);
        return [.. BuiltInAdministration.PolicyNamesFor(who.GroupNames).Select(name => (name, AdministrationPolicies.All[name]))];
    }

    /// <summary>
    /// The request keys with <c>aws:ResourceTag/IdentityCenterAdministration</c> set when the request touches a user or group that
    /// gives administrative rights, and removed otherwise (a caller cannot set or hide it).
    /// </summary>
    private async Task<RequestContext?> WithSubjectTagAsync(RequestContext? requestKeys, IReadOnlyList<string> resourceArns, string? subjectUserId, CancellationToken cancellationToken)
    {
        var tagKey = "aws:ResourceTag/" + AdministrationPolicies.AdministrativeResourceTag;
        var administrative = new SortedSet<string>(StringComparer.Ordinal);
        var users = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(subjectUserId))
        {
            users.Add(subjectUserId);
        }

        foreach (var arn in resourceArns)
        {
            if (arn.StartsWith(UserArnPrefix, StringComparison.Ordinal))
            {
                users.Add(arn[UserArnPrefix.Length..]);
            }
            else if (arn.StartsWith(GroupArnPrefix, StringComparison.Ordinal) && BuiltInGroups.FindById(arn[GroupArnPrefix.Length..]) is { } group)
            {
                administrative.Add(group.Name);
            }
        }

        foreach (var user in users)
        {
            administrative.UnionWith(await SubjectGroupsAsync(user, cancellationToken));
        }

        var hadTag = requestKeys?.TryGetValue(tagKey, out _) == true;
        if (administrative.Count == 0 && !hadTag)
        {
            return requestKeys;
        }

        var keys = new RequestContext((requestKeys?.Count ?? 0) + 1);
        foreach (var (key, value) in requestKeys ?? RequestContext.Empty)
        {
            if (!key.Equals(tagKey, StringComparison.OrdinalIgnoreCase))
            {
                keys.Set(key, value);
            }
        }

        if (administrative.Count > 0)
        {
            keys.Set(tagKey, string.Join(',', administrative));
        }

        return keys;
    }

    private async Task<IReadOnlyList<string>> SubjectGroupsAsync(string userId, CancellationToken cancellationToken)
    {
        var cacheKey = ("admin-subject", userId);
        if (memory.TryGetValue(cacheKey, out IReadOnlyList<string>? cached) && cached is not null)
        {
            return cached;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groups = await AdministrativeGroupsOfAsync(db, userId, cancellationToken);
        memory.Set(cacheKey, groups, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = SubjectCacheDuration, Size = 1 });
        return groups;
    }

    private static async Task<IReadOnlyList<string>> AdministrativeGroupsOfAsync(IdentityCenterDbContext db, string userId, CancellationToken cancellationToken)
    {
        var administrative = BuiltInGroups.AdministrativeIds;
        var ids = await db.GroupMemberships.AsNoTracking().Where(m => m.UserId == userId && administrative.Contains(m.GroupId)).Select(m => m.GroupId).ToListAsync(cancellationToken);
        return [.. BuiltInGroups.Administrative.Where(g => ids.Contains(g.Id)).Select(g => g.Name)];
    }
}
