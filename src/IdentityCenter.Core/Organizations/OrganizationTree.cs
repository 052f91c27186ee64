using IdentityCenter.Core.Policies.Language;

namespace IdentityCenter.Core.Organizations;

/// <summary>
/// The organization: one root, nested OUs, accounts (one of them the management account) and the
/// SCP/RCP attachments. Mutations return an <see cref="OrganizationError"/> (null on success) and leave
/// the tree unchanged on failure. Not thread-safe: callers build or mutate it under their own lock
/// and share it read-only.
/// </summary>
public sealed class OrganizationTree
{
    /// <summary>AWS allows OUs nested at most five levels deep under the root.</summary>
    public const int MaxOrganizationalUnitDepth = 5;


    /// <summary>Id of the AWS-managed SCP attached everywhere by default.</summary>
    public const string FullAwsAccessPolicyId = "p-FullAWSAccess";

    /// <summary>Id of the AWS-managed RCP attached everywhere by default.</summary>
    public const string RcpFullAwsAccessPolicyId = "p-RCPFullAWSAccess";

    public const string FullAwsAccessDocument =
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

    public const string RcpFullAwsAccessDocument =
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""";

    private readonly Dictionary<string, OrganizationalUnit> _units = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrganizationAccount> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _accountParents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _childUnits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _childAccounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrganizationPolicy> _policies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _attachments = new(StringComparer.Ordinal);

    /// <summary>Creates an organization whose root holds the management account, with the default policies attached.</summary>
    public OrganizationTree(string organizationId, string rootId, OrganizationAccount managementAccount, string rootName = "Root")
    {
        ArgumentNullException.ThrowIfNull(managementAccount);
        if (!OrganizationIds.IsOrganizationId(organizationId))
        {
            throw new ArgumentException($"'{organizationId}' is not an organization id (o- followed by 10-32 lowercase letters or digits).", nameof(organizationId));
        }

        if (!OrganizationIds.IsRootId(rootId))
        {
            throw new ArgumentException($"'{rootId}' is not a root id (r- followed by 4-32 lowercase letters or digits).", nameof(rootId));
        }

        var accountErrors = OrganizationValidation.ValidateAccount(managementAccount.Id, managementAccount.Name, managementAccount.Email);
        if (accountErrors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", accountErrors), nameof(managementAccount));
        }

        OrganizationId = organizationId;
        RootId = rootId;
        RootName = rootName;
        ManagementAccountId = managementAccount.Id;
        _childUnits[rootId] = [];
        _childAccounts[rootId] = [];

        _policies[FullAwsAccessPolicyId] = new OrganizationPolicy(
            FullAwsAccessPolicyId, "FullAWSAccess", OrganizationPolicyType.ServiceControlPolicy, FullAwsAccessDocument,
            "Allows access to every operation", AwsManaged: true);
        _policies[RcpFullAwsAccessPolicyId] = new OrganizationPolicy(
            RcpFullAwsAccessPolicyId, "RCPFullAWSAccess", OrganizationPolicyType.ResourceControlPolicy, RcpFullAwsAccessDocument,
            Description: null, AwsManaged: true);
        AttachDefaults(rootId);

        _accounts[managementAccount.Id] = managementAccount;
        _accountParents[managementAccount.Id] = rootId;
        _childAccounts[rootId].Add(managementAccount.Id);
        AttachDefaults(managementAccount.Id);
    }

    public string OrganizationId { get; }

    public string RootId { get; }

    public string RootName { get; }

    public string ManagementAccountId { get; }

    public IReadOnlyCollection<OrganizationalUnit> OrganizationalUnits => _units.Values;

    public IReadOnlyCollection<OrganizationAccount> Accounts => _accounts.Values;

    public IReadOnlyCollection<OrganizationPolicy> Policies => _policies.Values;

    public bool IsManagementAccount(string accountId) => string.Equals(accountId, ManagementAccountId, StringComparison.Ordinal);

    public OrganizationAccount? FindAccount(string accountId) => _accounts.GetValueOrDefault(accountId);

    public OrganizationalUnit? FindOrganizationalUnit(string unitId) => _units.GetValueOrDefault(unitId);

    public OrganizationPolicy? FindPolicy(string policyId) => _policies.GetValueOrDefault(policyId);

    /// <summary>The root or OU that directly holds the account, or null when the account is unknown.</summary>
    public string? GetParentOfAccount(string accountId) => _accountParents.GetValueOrDefault(accountId);

    /// <summary>OUs directly under a root or OU, in creation order.</summary>
    public IReadOnlyList<OrganizationalUnit> GetChildUnits(string parentId) =>
        _childUnits.TryGetValue(parentId, out var ids) ? ids.ConvertAll(id => _units[id]) : [];

    /// <summary>Accounts directly under a root or OU, in insertion order.</summary>
    public IReadOnlyList<OrganizationAccount> GetChildAccounts(string parentId) =>
        _childAccounts.TryGetValue(parentId, out var ids) ? ids.ConvertAll(id => _accounts[id]) : [];

    /// <summary>Policies attached directly to a root, OU or account (optionally of one type), in attachment order.</summary>
    public IReadOnlyList<OrganizationPolicy> GetAttachedPolicies(string targetId, OrganizationPolicyType? type = null) =>
        _attachments.TryGetValue(targetId, out var ids)
            ? ids.Select(id => _policies[id]).Where(p => type is null || p.Type == type).ToList()
            : [];

    /// <summary>The ARN AWS gives the policy: AWS-managed ones live under the <c>aws</c> account.</summary>
    public string GetPolicyArn(OrganizationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.AwsManaged
            ? $"arn:aws:organizations::aws:policy/{policy.Type.ToArnSegment()}/{policy.Id}"
            : $"arn:aws:organizations::{ManagementAccountId}:policy/{OrganizationId}/{policy.Type.ToArnSegment()}/{policy.Id}";
    }

    public OrganizationError? AddOrganizationalUnit(string unitId, string name, string parentId)
    {
        if (!OrganizationIds.IsOrganizationalUnitId(unitId))
        {
            return new OrganizationError("InvalidInputException", $"'{unitId}' is not an OU id (ou-<4-32 chars>-<8-32 chars>, lowercase letters or digits).");
        }

        if (OrganizationValidation.ValidateOrganizationalUnitName(name) is { } nameError)
        {
            return new OrganizationError("InvalidInputException", nameError.Message);
        }

        if (_units.ContainsKey(unitId))
        {
            return new OrganizationError("DuplicateOrganizationalUnitException", $"An OU with id {unitId} already exists.");
        }

        if (!IsContainer(parentId))
        {
            return new OrganizationError("ParentNotFoundException", $"Parent {parentId} is neither the root nor an existing OU.");
        }

        if (GetChildUnits(parentId).Any(u => string.Equals(u.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            return new OrganizationError("DuplicateOrganizationalUnitException", $"An OU named '{name}' already exists under {parentId}; choose another name.");
        }

        if (GetDepth(parentId) + 1 > MaxOrganizationalUnitDepth)
        {
            return new OrganizationError("ConstraintViolationException", $"OUs can be nested at most {MaxOrganizationalUnitDepth} levels deep under the root.");
        }

        _units[unitId] = new OrganizationalUnit(unitId, name, parentId);
        _childUnits[parentId].Add(unitId);
        _childUnits[unitId] = [];
        _childAccounts[unitId] = [];
        AttachDefaults(unitId);
        return null;
    }

    public OrganizationError? RenameOrganizationalUnit(string unitId, string name)
    {
        if (!_units.TryGetValue(unitId, out var unit))
        {
            return new OrganizationError("OrganizationalUnitNotFoundException", $"OU {unitId} does not exist.");
        }

        if (OrganizationValidation.ValidateOrganizationalUnitName(name) is { } nameError)
        {
            return new OrganizationError("InvalidInputException", nameError.Message);
        }

        if (GetChildUnits(unit.ParentId).Any(u => u.Id != unitId && string.Equals(u.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            return new OrganizationError("DuplicateOrganizationalUnitException", $"An OU named '{name}' already exists under {unit.ParentId}; choose another name.");
        }

        _units[unitId] = unit with { Name = name };
        return null;
    }

    /// <summary>Deletes an empty OU (AWS refuses to delete an OU that still holds OUs or accounts).</summary>
    public OrganizationError? DeleteOrganizationalUnit(string unitId)
    {
        if (!_units.TryGetValue(unitId, out var unit))
        {
            return new OrganizationError("OrganizationalUnitNotFoundException", $"OU {unitId} does not exist.");
        }

        if (_childUnits[unitId].Count > 0 || _childAccounts[unitId].Count > 0)
        {
            return new OrganizationError("OrganizationalUnitNotEmptyException",
                $"OU {unitId} ('{unit.Name}') still contains {_childUnits[unitId].Count} OU(s) and {_childAccounts[unitId].Count} account(s); move or remove them first.");
        }

        _childUnits[unit.ParentId].Remove(unitId);
        _units.Remove(unitId);
        _childUnits.Remove(unitId);
        _childAccounts.Remove(unitId);
        _attachments.Remove(unitId);
        return null;
    }

    /// <summary>Adds a member account under the root or an OU, with the default policies attached.</summary>
    public OrganizationError? AddAccount(OrganizationAccount account, string parentId)
    {
        ArgumentNullException.ThrowIfNull(account);
        var errors = OrganizationValidation.ValidateAccount(account.Id, account.Name, account.Email);
        if (errors.Count > 0)
        {
            return new OrganizationError("InvalidInputException", string.Join(" ", errors.Select(e => e.Message)));
        }

        if (_accounts.ContainsKey(account.Id))
        {
            return new OrganizationError("DuplicateAccountException", $"Account {account.Id} is already in the organization.");
        }

        if (_accounts.Values.Any(a => string.Equals(a.Email, account.Email, StringComparison.OrdinalIgnoreCase)))
        {
            return new OrganizationError("DuplicateAccountException", $"Another account already uses the email {account.Email}; every account needs its own email.");
        }

        if (!IsContainer(parentId))
        {
            return new OrganizationError("ParentNotFoundException", $"Parent {parentId} is neither the root nor an existing OU.");
        }

        _accounts[account.Id] = account;
        _accountParents[account.Id] = parentId;
        _childAccounts[parentId].Add(account.Id);
        AttachDefaults(account.Id);
        return null;
    }

    /// <summary>Replaces an account's name, email or status (the id and position stay).</summary>
    public OrganizationError? UpdateAccount(OrganizationAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (!_accounts.ContainsKey(account.Id))
        {
            return new OrganizationError("AccountNotFoundException", $"Account {account.Id} is not in the organization.");
        }

        var errors = OrganizationValidation.ValidateAccount(account.Id, account.Name, account.Email);
        if (errors.Count > 0)
        {
            return new OrganizationError("InvalidInputException", string.Join(" ", errors.Select(e => e.Message)));
        }

        if (_accounts.Values.Any(a => a.Id != account.Id && string.Equals(a.Email, account.Email, StringComparison.OrdinalIgnoreCase)))
        {
            return new OrganizationError("DuplicateAccountException", $"Another account already uses the email {account.Email}; every account needs its own email.");
        }

        _accounts[account.Id] = account;
        return null;
    }

    public OrganizationError? RemoveAccount(string accountId)
    {
        if (!_accounts.ContainsKey(accountId))
        {
            return new OrganizationError("AccountNotFoundException", $"Account {accountId} is not in the organization.");
        }

        if (IsManagementAccount(accountId))
        {
            return new OrganizationError("ConstraintViolationException", "The management account cannot be removed from its organization.");
        }

        _childAccounts[_accountParents[accountId]].Remove(accountId);
        _accountParents.Remove(accountId);
        _accounts.Remove(accountId);
        _attachments.Remove(accountId);
        return null;
    }

    /// <summary>
    /// Moves an account from <paramref name="sourceParentId"/> to <paramref name="destinationParentId"/>;
    /// as in AWS the caller names the current parent, so a stale view cannot move the wrong thing.
    /// </summary>
    public OrganizationError? MoveAccount(string accountId, string sourceParentId, string destinationParentId)
    {
        if (!_accountParents.TryGetValue(accountId, out var currentParent))
        {
            return new OrganizationError("AccountNotFoundException", $"Account {accountId} is not in the organization.");
        }

        if (!IsContainer(sourceParentId))
        {
            return new OrganizationError("SourceParentNotFoundException", $"Source parent {sourceParentId} is neither the root nor an existing OU.");
        }

        if (!IsContainer(destinationParentId))
        {
            return new OrganizationError("DestinationParentNotFoundException", $"Destination {destinationParentId} is neither the root nor an existing OU.");
        }

        if (!string.Equals(currentParent, sourceParentId, StringComparison.Ordinal))
        {
            return new OrganizationError("AccountNotFoundException", $"Account {accountId} is not in {sourceParentId} (it is in {currentParent}); refresh and try again.");
        }

        if (string.Equals(sourceParentId, destinationParentId, StringComparison.Ordinal))
        {
            return new OrganizationError("DuplicateAccountException", $"Account {accountId} is already in {destinationParentId}.");
        }

        _childAccounts[sourceParentId].Remove(accountId);
        _childAccounts[destinationParentId].Add(accountId);
        _accountParents[accountId] = destinationParentId;
        return null;
    }

    /// <summary>Adds or replaces a customer SCP/RCP (AWS-managed policies cannot be replaced).</summary>
    public OrganizationError? PutPolicy(OrganizationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!OrganizationIds.IsPolicyId(policy.Id))
        {
            return new OrganizationError("InvalidInputException", $"'{policy.Id}' is not a policy id (p- followed by 8-128 letters, digits or underscores).");
        }

        if (string.IsNullOrWhiteSpace(policy.Name) || policy.Name.Length > OrganizationValidation.NameMaxLength)
        {
            return new OrganizationError("InvalidInputException", $"Policy name must be 1-{OrganizationValidation.NameMaxLength} characters long.");
        }

        if (PolicySizeQuota.Measure(policy.Content ?? string.Empty, policy.Type == OrganizationPolicyType.ServiceControlPolicy ? PolicyKind.Scp : PolicyKind.Rcp).Problem is { } tooLarge)
        {
            return new OrganizationError("ConstraintViolationException", tooLarge);
        }

        if (_policies.TryGetValue(policy.Id, out var existing))
        {
            if (existing.AwsManaged)
            {
                return new OrganizationError("PolicyChangesNotAllowedException", $"{existing.Name} is managed by AWS and cannot be changed.");
            }

            if (existing.Type != policy.Type)
            {
                return new OrganizationError("InvalidInputException", $"Policy {policy.Id} is a {existing.Type.ToAwsString()}; its type cannot change.");
            }
        }

        if (_policies.Values.Any(p => p.Id != policy.Id && p.Type == policy.Type && string.Equals(p.Name, policy.Name, StringComparison.Ordinal)))
        {
            return new OrganizationError("DuplicatePolicyException", $"A {policy.Type.ToAwsString()} named '{policy.Name}' already exists.");
        }

        _policies[policy.Id] = policy with { AwsManaged = false };
        return null;
    }

    /// <summary>Deletes a policy that is no longer attached anywhere.</summary>
    public OrganizationError? DeletePolicy(string policyId)
    {
        if (!_policies.TryGetValue(policyId, out var policy))
        {
            return new OrganizationError("PolicyNotFoundException", $"Policy {policyId} does not exist.");
        }

        if (policy.AwsManaged)
        {
            return new OrganizationError("PolicyChangesNotAllowedException", $"{policy.Name} is managed by AWS and cannot be deleted.");
        }

        var targets = GetTargetsForPolicy(policyId);
        if (targets.Count > 0)
        {
            return new OrganizationError("PolicyInUseException", $"Policy {policy.Name} is still attached to {string.Join(", ", targets)}; detach it first.");
        }

        _policies.Remove(policyId);
        return null;
    }

    public OrganizationError? AttachPolicy(string policyId, string targetId)
    {
        if (!_policies.ContainsKey(policyId))
        {
            return new OrganizationError("PolicyNotFoundException", $"Policy {policyId} does not exist.");
        }

        if (!IsTarget(targetId))
        {
            return new OrganizationError("TargetNotFoundException", $"{targetId} is not the root, an OU or an account of this organization.");
        }

        var attached = _attachments[targetId];
        if (attached.Contains(policyId))
        {
            return new OrganizationError("DuplicatePolicyAttachmentException", $"Policy {policyId} is already attached to {targetId}.");
        }

        attached.Add(policyId);
        return null;
    }

    /// <summary>
    /// Detaches a policy. As in AWS, every target keeps at least one SCP (attach another before
    /// removing the last), and RCPFullAWSAccess cannot be detached.
    /// </summary>
    public OrganizationError? DetachPolicy(string policyId, string targetId)
    {
        if (!_policies.TryGetValue(policyId, out var policy))
        {
            return new OrganizationError("PolicyNotFoundException", $"Policy {policyId} does not exist.");
        }

        if (!IsTarget(targetId))
        {
            return new OrganizationError("TargetNotFoundException", $"{targetId} is not the root, an OU or an account of this organization.");
        }

        var attached = _attachments[targetId];
        if (!attached.Contains(policyId))
        {
            return new OrganizationError("PolicyNotAttachedException", $"Policy {policy.Name} is not attached to {targetId}.");
        }

        if (policyId == RcpFullAwsAccessPolicyId)
        {
            return new OrganizationError("ConstraintViolationException", "RCPFullAWSAccess is attached everywhere by AWS and cannot be detached.");
        }

        if (policy.Type == OrganizationPolicyType.ServiceControlPolicy
            && attached.Count(id => _policies[id].Type == OrganizationPolicyType.ServiceControlPolicy) == 1)
        {
            return new OrganizationError("ConstraintViolationException",
                $"{targetId} must keep at least one SCP attached; attach another SCP before detaching {policy.Name}.");
        }

        attached.Remove(policyId);
        return null;
    }

    /// <summary>
    /// The whole tree depth-first for a tree view: the root, then under each container its accounts
    /// (by name) followed by its OUs (by name), each OU followed by its own contents.
    /// </summary>
    public IReadOnlyList<OrganizationTreeNode> GetTreeNodes()
    {
        var nodes = new List<OrganizationTreeNode>(1 + _units.Count + _accounts.Count)
        {
            new(RootId, RootName, OrganizationTargetType.Root, 0, null),
        };
        AddChildren(RootId, 1);
        return nodes;

        void AddChildren(string parentId, int depth)
        {
            foreach (var account in GetChildAccounts(parentId).OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase))
            {
                nodes.Add(new OrganizationTreeNode(account.Id, account.Name, OrganizationTargetType.Account, depth, parentId));
            }

            foreach (var unit in GetChildUnits(parentId).OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase))
            {
                nodes.Add(new OrganizationTreeNode(unit.Id, unit.Name, OrganizationTargetType.OrganizationalUnit, depth, parentId));
                AddChildren(unit.Id, depth + 1);
            }
        }
    }

    /// <summary>ListTargetsForPolicy: the root, OUs and accounts the policy is attached to directly.</summary>
    public IReadOnlyList<string> GetTargetsForPolicy(string policyId) =>
        _attachments.Where(kv => kv.Value.Contains(policyId)).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();

    /// <summary>The ids on the path from the root to the account: root, each OU, the account. Null if unknown.</summary>
    public IReadOnlyList<string>? GetPathIds(string accountId)
    {
        if (!_accountParents.TryGetValue(accountId, out var parent))
        {
            return null;
        }

        var path = new List<string>(MaxOrganizationalUnitDepth + 2) { accountId };
        for (var node = parent; ; node = _units[node].ParentId)
        {
            path.Add(node);
            if (node == RootId)
            {
                break;
            }
        }

        path.Reverse();
        return path;
    }

    /// <summary>
    /// The value of <c>aws:PrincipalOrgPaths</c> for principals in the account:
    /// <c>o-…/r-…/ou-…/…/</c> (the path of the account's parent, ending in a slash). Null if unknown.
    /// </summary>
    public string? GetOrganizationPath(string accountId)
    {
        var ids = GetPathIds(accountId);
        return ids is null ? null : OrganizationId + "/" + string.Concat(ids.Take(ids.Count - 1).Select(id => id + "/"));
    }

    /// <summary>
    /// The ordered SCP or RCP levels that apply to an account: root → each OU → the account, each with
    /// the policies attached directly there. SCPs and RCPs do not apply to the management account, so
    /// for it the result has <see cref="OrganizationPolicyPath.AppliesToAccount"/> false and no levels.
    /// Returns null when the account is not in the organization.
    /// </summary>
    public OrganizationPolicyPath? ComputePolicyPath(string accountId, OrganizationPolicyType type)
    {
        var ids = GetPathIds(accountId);
        if (ids is null)
        {
            return null;
        }

        if (IsManagementAccount(accountId))
        {
            return new OrganizationPolicyPath(type, accountId, AppliesToAccount: false, []);
        }

        var levels = new List<PolicyPathLevel>(ids.Count);
        foreach (var id in ids)
        {
            var (targetType, name) = DescribeTarget(id);
            var policies = _attachments[id]
                .Select(pid => _policies[pid])
                .Where(p => p.Type == type)
                .Select(p => new PolicyPathEntry(p.Id, p.Name, p.Content))
                .ToList();
            levels.Add(new PolicyPathLevel(id, targetType, name, policies));
        }

        return new OrganizationPolicyPath(type, accountId, AppliesToAccount: true, levels);
    }

    private (OrganizationTargetType Type, string Name) DescribeTarget(string id) =>
        id == RootId ? (OrganizationTargetType.Root, RootName)
        : _units.TryGetValue(id, out var unit) ? (OrganizationTargetType.OrganizationalUnit, unit.Name)
        : (OrganizationTargetType.Account, _accounts[id].Name);

    private int GetDepth(string containerId)
    {
        var depth = 0;
        for (var node = containerId; node != RootId; node = _units[node].ParentId)
        {
            depth++;
        }

        return depth;
    }

    private bool IsContainer(string id) => id == RootId || _units.ContainsKey(id);

    private bool IsTarget(string id) => IsContainer(id) || _accounts.ContainsKey(id);

    private void AttachDefaults(string targetId) =>
        _attachments[targetId] = [FullAwsAccessPolicyId, RcpFullAwsAccessPolicyId];
}
