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
/// access snapshot, documents from <see cref="BuiltInAdministration"/> (the built-in groups') and <see cref="AdministrationPolicyCache"/>
/// (documents attached to the user and to their groups), the decision from
/// <see cref="AdministrativeAuthorization.Decide"/> (one evaluator call per resource).
/// </summary>
internal sealed class AdministrativeAuthorizer(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    AccessModelCache cache,
    IMemoryCache memory,
    TimeProvider timeProvider,
    AdministrationPolicyCache attached) : IAdministrativeAuthorizer
{
    /// <summary>How long "is this user an administrator" is remembered for the resource tag (membership changes show after this).</summary>
    internal static readonly TimeSpan SubjectCacheDuration = TimeSpan.FromSeconds(5);

    private const string UserArnPrefix = "arn:aws:identitystore:::user/";
    private const string GroupArnPrefix = "arn:aws:identitystore:::group/";

    /// <summary>The resource tag's value for a user or group that holds attached administration documents (not a built-in group).</summary>
    private const string AttachedDocumentsTagValue = "AttachedAdministrationDocuments";

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
        var policies = await PolicySetForAsync(who, cancellationToken);
        return AdministrativeAuthorization.Decide(who, action, resourceArns, scope, policies, keys, at ?? timeProvider.GetUtcNow(), explain);
    }

    public async ValueTask<bool> IsAllowedAsync(AdministratorIdentity who, string action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(who);
        var attachments = await AttachedToAsync(who.UserId, cancellationToken);
        if (who.GroupNames.Count == 0 && attachments.Count == 0)
        {
            return false;
        }

        var scope = await GetScopeAsync(cancellationToken);
        return AdministrativeAuthorization.Decide(
            who, action, [AdministrationArns.ScopeResource(action, scope)], scope, attached.PolicySetFor(BuiltInAdministration.PolicyNamesFor(who.GroupNames), attachments),
            null, timeProvider.GetUtcNow(), explain: false).IsAllowed;
    }

    public async Task<IReadOnlyList<(string Name, string Document)>> DocumentsOfAsync(AdministratorIdentity who, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(who);
        var documents = new List<(string Name, string Document)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in BuiltInAdministration.PolicyNamesFor(who.GroupNames))
        {
            if (seen.Add(name))
            {
                documents.Add((name, AdministrationPolicies.All[name]));
            }
        }

        foreach (var attachment in await AttachedToAsync(who.UserId, cancellationToken))
        {
            if (!attachment.IsBuiltIn || seen.Add(attachment.Name))
            {
                documents.Add((attachment.Name, attachment.Text));
            }
        }

        return documents;
    }

    private async Task<PolicySet> PolicySetForAsync(AdministratorIdentity who, CancellationToken cancellationToken) =>
        attached.PolicySetFor(BuiltInAdministration.PolicyNamesFor(who.GroupNames), await AttachedToAsync(who.UserId, cancellationToken));

    /// <summary>The documents attached to the user and to the groups they are in (membership remembered for <see cref="SubjectCacheDuration"/>).</summary>
    private async Task<IReadOnlyList<AdministrationPolicyAttachment>> AttachedToAsync(string userId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(userId))
        {
            return [];
        }

        var result = new List<AdministrationPolicyAttachment>(await attached.OfAsync(AdministrationPrincipalType.User, userId, cancellationToken));
        foreach (var groupId in await GroupsWithDocumentsOfAsync(userId, cancellationToken))
        {
            result.AddRange(await attached.OfAsync(AdministrationPrincipalType.Group, groupId, cancellationToken));
        }

        return result;
    }

    /// <summary>The groups of <paramref name="userId"/> that hold attached documents (none without a query when no group holds any).</summary>
    private async Task<IReadOnlyList<string>> GroupsWithDocumentsOfAsync(string userId, CancellationToken cancellationToken)
    {
        var groups = await attached.GroupsWithDocumentsAsync(cancellationToken);
        if (groups.Count == 0)
        {
            return [];
        }

        var cacheKey = ("admin-document-groups", userId, string.Join('|', groups.Order(StringComparer.Ordinal)));
        if (memory.TryGetValue(cacheKey, out IReadOnlyList<string>? cached) && cached is not null)
        {
            return cached;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidates = groups.ToList();
        IReadOnlyList<string> ids = await db.GroupMemberships.AsNoTracking()
            .Where(m => m.UserId == userId && candidates.Contains(m.GroupId)).Select(m => m.GroupId).OrderBy(id => id).ToListAsync(cancellationToken);
        memory.Set(cacheKey, ids, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = SubjectCacheDuration, Size = 1 });
        return ids;
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
            else if (arn.StartsWith(GroupArnPrefix, StringComparison.Ordinal))
            {
                var groupId = arn[GroupArnPrefix.Length..];
                if (BuiltInGroups.FindById(groupId) is { } group)
                {
                    administrative.Add(group.Name);
                }
                else if ((await attached.GroupsWithDocumentsAsync(cancellationToken)).Contains(groupId))
                {
                    administrative.Add(AttachedDocumentsTagValue);
                }
            }
        }

        foreach (var user in users)
        {
            administrative.UnionWith(await SubjectGroupsAsync(user, cancellationToken));
            if ((await AttachedToAsync(user, cancellationToken)).Count > 0)
            {
                administrative.Add(AttachedDocumentsTagValue);
            }
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
