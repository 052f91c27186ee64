using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Catalog;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.Web.Tests.Fakes;

/// <summary>One organization in memory (root r-root, management account 111111111111); records every write.</summary>
public sealed class FakeOrganizationService : IOrganizationService
{
    private static readonly DateTimeOffset Created = new(2026, 1, 2, 3, 4, 0, TimeSpan.Zero);

    public const string RootId = "r-root";
    public const string ManagementAccountId = "111111111111";

    public bool Exists { get; set; } = true;

    public List<OrganizationalUnit> Units { get; } = [];

    public List<OrganizationAccount> Accounts { get; } = [new(ManagementAccountId, "Management", "mgmt@example.com")];

    public Dictionary<string, string> AccountParents { get; } = new() { [ManagementAccountId] = RootId };

    public List<OrganizationPolicyInfo> Policies { get; } =
    [
        new("p-FullAWSAccess", "FullAWSAccess", "Allows access to every operation", OrganizationPolicyType.ServiceControlPolicy,
            ManagedPolicyCatalog.Default.FindByArn(ManagedPolicyCatalog.FullAwsAccessArn)?.Document ?? "{}", true, ManagedPolicyCatalog.FullAwsAccessArn, [RootId]),
    ];

    public List<(string Method, string Argument1, string Argument2)> Calls { get; } = [];

    public OperationResult? NextFailure { get; set; }

    /// <summary>When set, the reads (organization, accounts, policies) throw it, as a database that does not answer would.</summary>
    public Exception? StorageFailure { get; set; }

    public void AddUnit(string id, string name, string parentId) => Units.Add(new OrganizationalUnit(id, name, parentId));

    public void AddAccount(string id, string name, string parentId)
    {
        Accounts.Add(new OrganizationAccount(id, name, name.ToLowerInvariant() + "@example.com"));
        AccountParents[id] = parentId;
    }

    public OrganizationPolicyInfo AddPolicy(string id, string name, OrganizationPolicyType type, string document, params string[] targets)
    {
        var policy = new OrganizationPolicyInfo(id, name, null, type, document, false, "arn:aws:organizations::111111111111:policy/o-abc/" + type.ToArnSegment() + "/" + id, targets);
        Policies.Add(policy);
        return policy;
    }

    private static OrganizationInfo Info => new("o-abcdefghij", RootId, "Root", ManagementAccountId, "arn:aws:organizations::111111111111:organization/o-abcdefghij", Created);

    private string NameOf(string id) => id == RootId ? "Root" : Units.FirstOrDefault(u => u.Id == id)?.Name ?? id;

    private AccountInfo ToInfo(OrganizationAccount a) =>
        new(a.Id, a.Name, a.Email, a.Status, a.Id == ManagementAccountId, AccountParents[a.Id], NameOf(AccountParents[a.Id]), "arn:aws:organizations::111111111111:account/o-abcdefghij/" + a.Id, Created);

    public Task<OrganizationView?> GetOrganizationAsync(CancellationToken cancellationToken = default)
    {
        if (StorageFailure is { } failure)
        {
            return Task.FromException<OrganizationView?>(failure);
        }

        if (!Exists)
        {
            return Task.FromResult<OrganizationView?>(null);
        }

        var nodes = new List<OrganizationTreeNode>();
        void Walk(string id, string name, OrganizationTargetType type, int depth, string? parent)
        {
            nodes.Add(new OrganizationTreeNode(id, name, type, depth, parent));
            foreach (var unit in Units.Where(u => u.ParentId == id).OrderBy(u => u.Name, StringComparer.Ordinal))
            {
                Walk(unit.Id, unit.Name, OrganizationTargetType.OrganizationalUnit, depth + 1, id);
            }

            foreach (var account in Accounts.Where(a => AccountParents[a.Id] == id).OrderBy(a => a.Name, StringComparer.Ordinal))
            {
                nodes.Add(new OrganizationTreeNode(account.Id, account.Name, OrganizationTargetType.Account, depth + 1, id));
            }
        }

        Walk(RootId, "Root", OrganizationTargetType.Root, 0, null);
        var units = Units.Select(u => new OrganizationalUnitInfo(u.Id, u.Name, u.ParentId, "arn:ou/" + u.Id, Units.Count(c => c.ParentId == u.Id), AccountParents.Count(p => p.Value == u.Id))).ToList();
        return Task.FromResult<OrganizationView?>(new OrganizationView(Info, nodes, Accounts.Select(ToInfo).ToList(), units));
    }

    public Task<OrganizationTree?> GetTreeAsync(CancellationToken cancellationToken = default) => Task.FromResult<OrganizationTree?>(null);

    public Task<OperationResult<OrganizationInfo>> CreateOrganizationAsync(OrganizationInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        Calls.Add(("CreateOrganization", input.ManagementAccountName, input.ManagementAccountEmail));
        Exists = true;
        return Task.FromResult(OperationResult.Ok(Info));
    }

    public Task<OperationResult<OrganizationalUnitInfo>> CreateOrganizationalUnitAsync(string parentId, string name, Actor actor, CancellationToken cancellationToken = default)
    {
        Calls.Add(("CreateOrganizationalUnit", parentId, name));
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure.As<OrganizationalUnitInfo>());
        }

        var id = "ou-root-" + (Units.Count + 1).ToString("d8", System.Globalization.CultureInfo.InvariantCulture);
        AddUnit(id, name, parentId);
        return Task.FromResult(OperationResult.Ok(new OrganizationalUnitInfo(id, name, parentId, "arn", 0, 0)));
    }

    public Task<OperationResult> RenameOrganizationalUnitAsync(string unitId, string name, Actor actor, CancellationToken cancellationToken = default)
    {
        Calls.Add(("RenameOrganizationalUnit", unitId, name));
        var index = Units.FindIndex(u => u.Id == unitId);
        Units[index] = Units[index] with { Name = name };
        return Task.FromResult(TakeFailure() ?? OperationResult.Success);
    }

    public Task<OperationResult> DeleteOrganizationalUnitAsync(string unitId, Actor actor, CancellationToken cancellationToken = default)
    {
        Calls.Add(("DeleteOrganizationalUnit", unitId, ""));
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure);
        }

        Units.RemoveAll(u => u.Id == unitId);
        return Task.FromResult(OperationResult.Success);
    }

    public Task<IReadOnlyList<AccountInfo>> ListAccountsAsync(CancellationToken cancellationToken = default) =>
        StorageFailure is { } failure ? Task.FromException<IReadOnlyList<AccountInfo>>(failure) : Task.FromResult<IReadOnlyList<AccountInfo>>(Accounts.Select(ToInfo).OrderBy(a => a.Name, StringComparer.Ordinal).ToList());

    public Task<AccountInfo?> GetAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        StorageFailure is { } failure ? Task.FromException<AccountInfo?>(failure) : Task.FromResult(Accounts.FirstOrDefault(a => a.Id == accountId) is { } a ? ToInfo(a) : null);

    public Task<OperationResult<AccountInfo>> CreateAccountAsync(AccountInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        Calls.Add(("CreateAccount", input.ParentId, input.Name));
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure.As<AccountInfo>());
        }

        var id = input.AccountId ?? (222222222222L + Accounts.Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Accounts.Add(new OrganizationAccount(id, input.Name, input.Email));
        AccountParents[id] = input.ParentId;
        return Task.FromResult(OperationResult.Ok(ToInfo(Accounts[^1])));
    }

    public Task<OperationResult<AccountInfo>> UpdateAccountAsync(string accountId, AccountUpdate update, Actor actor, CancellationToken cancellationToken = default)
    {
        Calls.Add(("UpdateAccount", accountId, update.Name));
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure.As<AccountInfo>());
        }

        var index = Accounts.FindIndex(a => a.Id == accountId);
        Accounts[index] = Accounts[index] with { Name = update.Name, Email = update.Email, Status = update.Status };
        return Task.FromResult(OperationResult.Ok(ToInfo(Accounts[index])));
    }

    public Task<OperationResult> MoveAccountAsync(string accountId, string destinationParentId, Actor actor, CancellationToken cancellationToken = default)
    {
        Calls.Add(("MoveAccount", accountId, destinationParentId));
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure);
        }

        AccountParents[accountId] = destinationParentId;
        return Task.FromResult(OperationResult.Success);
    }

    public Task<OperationResult> RemoveAccountAsync(string accountId, Actor actor, CancellationToken cancellationToken = default)
    {
        Calls.Add(("RemoveAccount", accountId, ""));
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure);
        }

        Accounts.RemoveAll(a => a.Id == accountId);
        return Task.FromResult(OperationResult.Success);
    }

    public Task<IReadOnlyList<OrganizationPolicyInfo>> ListPoliciesAsync(OrganizationPolicyType? type = null, CancellationToken cancellationToken = default) =>
        StorageFailure is { } failure ? Task.FromException<IReadOnlyList<OrganizationPolicyInfo>>(failure) : Task.FromResult<IReadOnlyList<OrganizationPolicyInfo>>(Policies.Where(p => type is null || p.Type == type).ToList());

    public Task<OrganizationPolicyInfo?> GetPolicyAsync(string policyId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Policies.FirstOrDefault(p => p.Id == policyId));

    public Task<IReadOnlyList<OrganizationPolicyInfo>> ListPoliciesForTargetAsync(string targetId, OrganizationPolicyType? type = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<OrganizationPolicyInfo>>(Policies.Where(p => p.TargetIds.Contains(targetId) && (type is null || p.Type == type)).ToList());

    public Task<OperationResult<OrganizationPolicyInfo>> CreatePolicyAsync(OrganizationPolicyInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        Calls.Add(("CreatePolicy", input.Name, input.Document));
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure.As<OrganizationPolicyInfo>());
        }

        return Task.FromResult(OperationResult.Ok(AddPolicy("p-" + (Policies.Count + 1).ToString("d8", System.Globalization.CultureInfo.InvariantCulture), input.Name, input.Type, input.Document)));
    }

    public Task<OperationResult<OrganizationPolicyInfo>> UpdatePolicyAsync(string policyId, OrganizationPolicyInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        Calls.Add(("UpdatePolicy", policyId, input.Document));
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure.As<OrganizationPolicyInfo>());
        }

        var index = Policies.FindIndex(p => p.Id == policyId);
        Policies[index] = Policies[index] with { Name = input.Name, Description = input.Description, Document = input.Document };
        return Task.FromResult(OperationResult.Ok(Policies[index]));
    }

    public Task<OperationResult> DeletePolicyAsync(string policyId, Actor actor, CancellationToken cancellationToken = default)
    {
        Calls.Add(("DeletePolicy", policyId, ""));
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure);
        }

        Policies.RemoveAll(p => p.Id == policyId);
        return Task.FromResult(OperationResult.Success);
    }

    public Task<OperationResult> AttachPolicyAsync(string policyId, string targetId, Actor actor, CancellationToken cancellationToken = default)
    {
        Calls.Add(("AttachPolicy", policyId, targetId));
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure);
        }

        var index = Policies.FindIndex(p => p.Id == policyId);
        Policies[index] = Policies[index] with { TargetIds = [.. Policies[index].TargetIds, targetId] };
        return Task.FromResult(OperationResult.Success);
    }

    public Task<OperationResult> DetachPolicyAsync(string policyId, string targetId, Actor actor, CancellationToken cancellationToken = default)
    {
        Calls.Add(("DetachPolicy", policyId, targetId));
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure);
        }

        var index = Policies.FindIndex(p => p.Id == policyId);
        Policies[index] = Policies[index] with { TargetIds = Policies[index].TargetIds.Where(t => t != targetId).ToList() };
        return Task.FromResult(OperationResult.Success);
    }

    public Task<OrganizationPolicyPath?> GetPolicyPathAsync(string accountId, OrganizationPolicyType type, CancellationToken cancellationToken = default) =>
        Task.FromResult<OrganizationPolicyPath?>(null);

    private OperationResult? TakeFailure()
    {
        var failure = NextFailure;
        NextFailure = null;
        return failure;
    }
}
