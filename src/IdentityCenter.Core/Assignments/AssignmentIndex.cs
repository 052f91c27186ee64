using System.Collections.Frozen;
using System.Runtime.InteropServices;

namespace IdentityCenter.Core.Assignments;

/// <summary>An account / permission set filter bound to one <see cref="AssignmentIndex"/> (see <see cref="AssignmentIndex.CreateFilter"/>).</summary>
public sealed class AccessFilter
{
    internal AccessFilter(bool[]? accounts, bool[]? permissionSets)
    {
        Accounts = accounts;
        PermissionSets = permissionSets;
    }

    internal bool[]? Accounts { get; }

    internal bool[]? PermissionSets { get; }
}

/// <summary>
/// Read-only index over all account assignments and group memberships, built once per change and
/// shared: resolving a user's effective access touches only that user's direct assignments and the
/// assignments of the groups they belong to (ids interned to integers, one sort, no scans).
/// Rebuild it (cheap, linear) when assignments or memberships change and swap the reference.
/// </summary>
public sealed class AssignmentIndex
{
    private readonly string[] _accounts;
    private readonly string[] _permissionSets;
    private readonly string[] _groups;
    private readonly FrozenDictionary<string, long[]> _directByUser;
    private readonly FrozenDictionary<string, long[]> _byGroup;
    private readonly FrozenDictionary<string, int[]> _groupsByUser;
    private readonly FrozenDictionary<string, AccountAssignment[]> _byAccount;
    private readonly FrozenDictionary<string, AccountAssignment[]> _byPermissionSet;
    private readonly FrozenDictionary<string, int> _accountLookup;
    private readonly FrozenDictionary<string, int> _permissionSetLookup;

    private AssignmentIndex(
        string[] accounts,
        string[] permissionSets,
        string[] groups,
        FrozenDictionary<string, long[]> directByUser,
        FrozenDictionary<string, long[]> byGroup,
        FrozenDictionary<string, int[]> groupsByUser,
        FrozenDictionary<string, AccountAssignment[]> byAccount,
        FrozenDictionary<string, AccountAssignment[]> byPermissionSet,
        int count)
    {
        _accounts = accounts;
        _permissionSets = permissionSets;
        _groups = groups;
        _directByUser = directByUser;
        _byGroup = byGroup;
        _groupsByUser = groupsByUser;
        _byAccount = byAccount;
        _byPermissionSet = byPermissionSet;
        _accountLookup = accounts.Select((id, i) => (id, i)).ToFrozenDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        _permissionSetLookup = permissionSets.Select((id, i) => (id, i)).ToFrozenDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        Count = count;
    }

    public static AssignmentIndex Empty { get; } = Build([], []);

    /// <summary>Number of distinct assignments indexed.</summary>
    public int Count { get; }

    public static AssignmentIndex Build(IEnumerable<AccountAssignment> assignments, IEnumerable<GroupMembership> memberships)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        ArgumentNullException.ThrowIfNull(memberships);

        var accountIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var permissionSetIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var groupIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var direct = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        var byGroup = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        var byAccount = new Dictionary<string, List<AccountAssignment>>(StringComparer.Ordinal);
        var byPermissionSet = new Dictionary<string, List<AccountAssignment>>(StringComparer.Ordinal);
        var seen = new HashSet<AccountAssignment>();

        foreach (var a in assignments)
        {
            if (!seen.Add(a))
            {
                continue;
            }

            var key = Pack(Intern(accountIds, a.AccountId), Intern(permissionSetIds, a.PermissionSetId));
            var target = a.PrincipalType == PrincipalType.User ? direct : byGroup;
            if (a.PrincipalType == PrincipalType.Group)
            {
                Intern(groupIds, a.PrincipalId);
            }

            GetOrAdd(target, a.PrincipalId).Add(key);
            GetOrAdd(byAccount, a.AccountId).Add(a);
            GetOrAdd(byPermissionSet, a.PermissionSetId).Add(a);
        }

        var groupsByUser = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var m in memberships)
        {
            // Memberships of groups without assignments grant nothing, so they need no entry.
            if (groupIds.TryGetValue(m.GroupId, out var g))
            {
                var list = GetOrAdd(groupsByUser, m.UserId);
                if (!list.Contains(g))
                {
                    list.Add(g);
                }
            }
        }

        return new AssignmentIndex(
            ToArray(accountIds),
            ToArray(permissionSetIds),
            ToArray(groupIds),
            direct.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal),
            byGroup.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal),
            groupsByUser.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal),
            byAccount.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal),
            byPermissionSet.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal),
            seen.Count);
    }

    /// <summary>
    /// The user's effective access: every (account, permission set) granted directly or through any of
    /// their groups, once each, marked direct and/or with the granting groups; ordered by account id
    /// then permission set id.
    /// </summary>
    public IReadOnlyList<EffectiveAssignment> ResolveUser(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var directKeys = _directByUser.GetValueOrDefault(userId) ?? [];
        var groups = _groupsByUser.GetValueOrDefault(userId) ?? [];
        var total = directKeys.Length;
        foreach (var g in groups)
        {
            total += _byGroup[_groups[g]].Length;
        }

        if (total == 0)
        {
            return [];
        }

        // (pair key, via) with via = -1 for direct, else the group index; sorting groups equal pairs.
        var grants = new (long Key, int Via)[total];
        var n = 0;
        foreach (var key in directKeys)
        {
            grants[n++] = (key, -1);
        }

        foreach (var g in groups)
        {
            foreach (var key in _byGroup[_groups[g]])
            {
                grants[n++] = (key, g);
            }
        }

        Array.Sort(grants);
        var result = new List<EffectiveAssignment>(total);
        for (var i = 0; i < n;)
        {
            var key = grants[i].Key;
            var isDirect = false;
            List<string>? via = null;
            for (; i < n && grants[i].Key == key; i++)
            {
                if (grants[i].Via < 0)
                {
                    isDirect = true;
                }
                else
                {
                    (via ??= []).Add(_groups[grants[i].Via]);
                }
            }

            var (account, permissionSet) = Unpack(key);
            result.Add(new EffectiveAssignment(_accounts[account], _permissionSets[permissionSet], isDirect, (IReadOnlyList<string>?)via ?? []));
        }

        result.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.AccountId, b.AccountId);
            return c != 0 ? c : string.CompareOrdinal(a.PermissionSetId, b.PermissionSetId);
        });
        return result;
    }

    /// <summary>
    /// Whether the user may use the permission set in the account right now, and through which
    /// principals (user id for direct, group ids); the hot check behind issuing credentials.
    /// </summary>
    public EffectiveAssignment? Find(string userId, string accountId, string permissionSetId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        if (!_accountLookup.TryGetValue(accountId, out var account) || !_permissionSetLookup.TryGetValue(permissionSetId, out var permissionSet))
        {
            return null;
        }

        var key = Pack(account, permissionSet);
        var isDirect = _directByUser.TryGetValue(userId, out var directKeys) && Array.IndexOf(directKeys, key) >= 0;
        List<string>? via = null;
        if (_groupsByUser.TryGetValue(userId, out var groups))
        {
            foreach (var g in groups)
            {
                if (Array.IndexOf(_byGroup[_groups[g]], key) >= 0)
                {
                    (via ??= []).Add(_groups[g]);
                }
            }
        }

        return isDirect || via is not null
            ? new EffectiveAssignment(accountId, permissionSetId, isDirect, (IReadOnlyList<string>?)via ?? [])
            : null;
    }

    /// <summary>
    /// Whether the user has any access at all, optionally only to the given accounts and permission
    /// sets; answers without building the result list (used to count matrix rows).
    /// </summary>
    public bool HasAnyAccess(string userId, AccessFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(userId);
        if (_directByUser.TryGetValue(userId, out var directKeys) && AnyMatches(directKeys, filter))
        {
            return true;
        }

        if (_groupsByUser.TryGetValue(userId, out var groups))
        {
            foreach (var g in groups)
            {
                if (AnyMatches(_byGroup[_groups[g]], filter))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Prepares an account / permission set filter for <see cref="HasAnyAccess"/> (null lists mean "any").</summary>
    public AccessFilter CreateFilter(IEnumerable<string>? accountIds, IEnumerable<string>? permissionSetIds) =>
        new(ToMask(_accountLookup, _accounts.Length, accountIds), ToMask(_permissionSetLookup, _permissionSets.Length, permissionSetIds));

    private static bool AnyMatches(long[] keys, AccessFilter? filter)
    {
        if (filter is null)
        {
            return keys.Length > 0;
        }

        foreach (var key in keys)
        {
            var (account, permissionSet) = Unpack(key);
            if ((filter.Accounts is null || filter.Accounts[account]) && (filter.PermissionSets is null || filter.PermissionSets[permissionSet]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool[]? ToMask(FrozenDictionary<string, int> lookup, int size, IEnumerable<string>? ids)
    {
        if (ids is null)
        {
            return null;
        }

        var mask = new bool[size];
        foreach (var id in ids)
        {
            if (lookup.TryGetValue(id, out var index))
            {
                mask[index] = true;
            }
        }

        return mask;
    }

    /// <summary>Assignments made to this principal itself (a group's own, or a user's direct ones).</summary>
    public IReadOnlyList<AccountAssignment> GetAssignmentsForPrincipal(PrincipalType type, string principalId)
    {
        var keys = (type == PrincipalType.User ? _directByUser : _byGroup).GetValueOrDefault(principalId) ?? [];
        var result = new List<AccountAssignment>(keys.Length);
        foreach (var key in keys)
        {
            var (account, permissionSet) = Unpack(key);
            result.Add(new AccountAssignment(_accounts[account], _permissionSets[permissionSet], type, principalId));
        }

        return result;
    }

    public IReadOnlyList<AccountAssignment> GetAssignmentsForAccount(string accountId) =>
        _byAccount.GetValueOrDefault(accountId) ?? [];

    public IReadOnlyList<AccountAssignment> GetAssignmentsForPermissionSet(string permissionSetId) =>
        _byPermissionSet.GetValueOrDefault(permissionSetId) ?? [];

    /// <summary>Account ids that have at least one assignment, in first-seen order.</summary>
    public IReadOnlyList<string> AssignedAccountIds => _accounts;


    private static long Pack(int account, int permissionSet) => ((long)account << 32) | (uint)permissionSet;

    private static (int Account, int PermissionSet) Unpack(long key) => ((int)(key >> 32), (int)(key & 0xFFFF_FFFF));

    private static int Intern(Dictionary<string, int> table, string id)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(table, id, out var exists);
        if (!exists)
        {
            slot = table.Count - 1;
        }

        return slot;
    }

    private static string[] ToArray(Dictionary<string, int> table)
    {
        var result = new string[table.Count];
        foreach (var (id, index) in table)
        {
            result[index] = id;
        }

        return result;
    }

    private static List<T> GetOrAdd<T>(Dictionary<string, List<T>> table, string key)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(table, key, out _);
        return slot ??= [];
    }
}
