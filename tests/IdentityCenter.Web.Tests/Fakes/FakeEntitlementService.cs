using System.Collections.Concurrent;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.Web.Tests.Fakes;

/// <summary>Entitlements held in memory: accounts, and per user the roles granted in them.</summary>
public sealed class FakeEntitlementService : IEntitlementService
{
    private readonly ConcurrentDictionary<string, EntitledAccount> _accounts = new();
    private readonly ConcurrentDictionary<(string Account, string Role), RoleGrant> _roles = new();
    private readonly ConcurrentDictionary<(string User, string Account, string Role), bool> _assigned = new();

    public int ResolveCalls { get; private set; }

    public static RoleGrant Grant(string accountId, string permissionSetName, string permissionSetId, TimeSpan? duration = null, IReadOnlyList<string>? granting = null, string? relayState = null, IReadOnlyDictionary<string, string>? tags = null)
    {
        var roleName = PermissionSetNaming.RoleName(permissionSetName, "0123456789abcdef");
        return new RoleGrant(
            accountId,
            "Account " + accountId,
            permissionSetId,
            permissionSetName,
            1,
            roleName,
            PermissionSetNaming.RoleArn(accountId, "us-east-1", roleName),
            duration ?? TimeSpan.FromHours(1),
            relayState,
            "o-exampleorg1",
            ["o-exampleorg1/r-ab12/ou-ab12-11111111/"],
            granting ?? [],
            tags ?? new Dictionary<string, string>());
    }

    public FakeEntitlementService AddAccount(string accountId, string name, string email)
    {
        _accounts[accountId] = new EntitledAccount(accountId, name, email);
        return this;
    }

    public FakeEntitlementService AddRole(RoleGrant grant)
    {
        _roles[(grant.AccountId, grant.PermissionSetName)] = grant;
        _accounts.TryAdd(grant.AccountId, new EntitledAccount(grant.AccountId, grant.AccountName, $"aws+{grant.AccountId}@example.com"));
        return this;
    }

    public FakeEntitlementService Assign(string userId, string accountId, string roleName)
    {
        _assigned[(userId, accountId, roleName)] = true;
        return this;
    }

    public void Unassign(string userId, string accountId, string roleName) => _assigned.TryRemove((userId, accountId, roleName), out _);

    public Task<IReadOnlyList<EntitledAccount>> ListAccountsAsync(string userId, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<EntitledAccount> accounts = _assigned.Keys.Where(k => k.User == userId).Select(k => k.Account).Distinct()
            .Select(a => _accounts[a]).OrderBy(a => a.AccountName, StringComparer.Ordinal).ToList();
        return Task.FromResult(accounts);
    }

    public Task<IReadOnlyList<EntitledRole>> ListRolesAsync(string userId, string accountId, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<EntitledRole> roles = _assigned.Keys.Where(k => k.User == userId && k.Account == accountId)
            .Select(k => _roles[(k.Account, k.Role)])
            .Select(g => new EntitledRole(g.AccountId, g.PermissionSetName, g.PermissionSetId, null, g.RelayState, g.SessionDuration, true, []))
            .OrderBy(r => r.RoleName, StringComparer.Ordinal).ToList();
        return Task.FromResult(roles);
    }

    public Task<RoleResolutionResult> ResolveRoleAsync(string userId, string accountId, string roleName, CancellationToken cancellationToken = default)
    {
        ResolveCalls++;
        if (!_accounts.ContainsKey(accountId))
        {
            return Task.FromResult(RoleResolutionResult.Failed(RoleResolution.AccountNotFound));
        }

        if (!_roles.TryGetValue((accountId, roleName), out var grant))
        {
            return Task.FromResult(RoleResolutionResult.Failed(RoleResolution.RoleNotFound));
        }

        return Task.FromResult(_assigned.ContainsKey((userId, accountId, roleName))
            ? RoleResolutionResult.Granted(grant.GrantingPrincipalIds.Count > 0 ? grant : grant with { GrantingPrincipalIds = [userId] })
            : RoleResolutionResult.Failed(RoleResolution.NotAssigned));
    }
}
