using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Infrastructure.Access.Internal;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities.Access;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Access;

/// <summary>
/// Each write loads the organization into Core's <see cref="OrganizationTree"/> inside the transaction,
/// applies the change there (so Core's rules decide), then stores the same change and an audit event.
/// </summary>
internal sealed class OrganizationService(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    AccessModelCache cache,
    TimeProvider timeProvider,
    IRandomSource random) : IOrganizationService
{
    private const string Source = AccessAuditEventNames.OrganizationsSource;

    public async Task<OrganizationView?> GetOrganizationAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await cache.GetAsync(cancellationToken);
        if (snapshot.Tree is not { } tree)
        {
            return null;
        }

        return new OrganizationView(
            Info(tree, snapshot.OrganizationCreatedAt!.Value),
            tree.GetTreeNodes(),
            tree.Accounts.Select(a => ToInfo(snapshot, a)).OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList(),
            tree.OrganizationalUnits.Select(u => ToInfo(tree, u)).OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase).ToList());
    }

    public async Task<OrganizationTree?> GetTreeAsync(CancellationToken cancellationToken = default) =>
        (await cache.GetAsync(cancellationToken)).Tree;

    public async Task<OperationResult<OrganizationInfo>> CreateOrganizationAsync(OrganizationInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var staged = await StageOrganizationAsync(db, random, input, actor, now, cancellationToken);
        if (!staged.Succeeded)
        {
            return staged.As<OrganizationInfo>();
        }

        await db.SaveChangesAsync(cancellationToken);
        await AccessModelCache.BumpAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Invalidate();
        var organization = staged.Value!;
        var tree = new OrganizationTree(organization.Id, organization.RootId, new OrganizationAccount(organization.ManagementAccountId, input.ManagementAccountName.Trim(), input.ManagementAccountEmail.Trim()));
        return OperationResult.Ok(Info(tree, now));
    }

    /// <summary>
    /// Validates and stages a new organization (its row, the management account, the default policies and their
    /// attachments) and its CreateOrganization audit event in the caller's unit of work; refused when one exists. The
    /// caller saves, bumps the access model and commits. Shared with the environment import.
    /// </summary>
    internal static async Task<OperationResult<OrganizationRecord>> StageOrganizationAsync(IdentityCenterDbContext db, IRandomSource random, OrganizationInput input, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var accountId = string.IsNullOrWhiteSpace(input.ManagementAccountId) ? OrganizationIds.NewAccountId(random) : input.ManagementAccountId.Trim();
        var errors = OrganizationValidation.ValidateAccount(accountId, input.ManagementAccountName, input.ManagementAccountEmail);
        if (errors.Count > 0)
        {
            return OperationResult.Invalid(errors).As<OrganizationRecord>();
        }

        if (await db.Organizations.AnyAsync(cancellationToken))
        {
            return OperationResult.Conflict("", "The organization already exists; IdentityCenter manages exactly one.").As<OrganizationRecord>();
        }

        var organization = new OrganizationRecord
        {
            Id = OrganizationIds.NewOrganizationId(random),
            RootId = OrganizationIds.NewRootId(random),
            ManagementAccountId = accountId,
            CreatedAt = now,
        };
        AddOrganization(db, organization, new AccountRecord
        {
            Id = accountId,
            Name = input.ManagementAccountName.Trim(),
            Email = input.ManagementAccountEmail.Trim(),
            IsManagement = true,
            ParentId = organization.RootId,
            JoinedAt = now,
        }, now);
        AccessAudit.Record(db, now, actor, Source, AccessAuditEventNames.CreateOrganization,
            new Dictionary<string, string?> { ["featureSet"] = "ALL" },
            new Dictionary<string, string?> { ["organizationId"] = organization.Id, ["rootId"] = organization.RootId, ["managementAccountId"] = accountId });
        return OperationResult.Ok(organization);
    }

    /// <summary>Stores the organization row, the management account and the default policy attachments of root and account.</summary>
    internal static void AddOrganization(IdentityCenterDbContext db, OrganizationRecord organization, AccountRecord management, DateTimeOffset now)
    {
        db.Organizations.Add(organization);
        db.Accounts.Add(management);
        db.OrganizationPolicies.Add(new OrganizationPolicyRecord
        {
            Id = OrganizationTree.FullAwsAccessPolicyId, Name = "FullAWSAccess", Description = "Allows access to every operation",
            Type = OrganizationPolicyType.ServiceControlPolicy.ToAwsString(), Document = OrganizationTree.FullAwsAccessDocument, AwsManaged = true, CreatedAt = now, UpdatedAt = now,
        });
        db.OrganizationPolicies.Add(new OrganizationPolicyRecord
        {
            Id = OrganizationTree.RcpFullAwsAccessPolicyId, Name = "RCPFullAWSAccess",
            Type = OrganizationPolicyType.ResourceControlPolicy.ToAwsString(), Document = OrganizationTree.RcpFullAwsAccessDocument, AwsManaged = true, CreatedAt = now, UpdatedAt = now,
        });
        AttachDefaults(db, organization.RootId, now);
        AttachDefaults(db, management.Id, now);
    }

    internal static void AttachDefaults(IdentityCenterDbContext db, string targetId, DateTimeOffset now)
    {
        var sequence = now.UtcTicks;
        db.OrganizationPolicyAttachments.Add(new OrganizationPolicyAttachmentRecord { PolicyId = OrganizationTree.FullAwsAccessPolicyId, TargetId = targetId, Sequence = sequence, AttachedAt = now });
        db.OrganizationPolicyAttachments.Add(new OrganizationPolicyAttachmentRecord { PolicyId = OrganizationTree.RcpFullAwsAccessPolicyId, TargetId = targetId, Sequence = sequence + 1, AttachedAt = now });
    }

    public async Task<OperationResult<OrganizationalUnitInfo>> CreateOrganizationalUnitAsync(string parentId, string name, Actor actor, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await AccessModelCache.LoadTreeAsync(db, cancellationToken) is not { } tree)
        {
            return NoOrganization().As<OrganizationalUnitInfo>();
        }

        var staged = StageOrganizationalUnit(db, tree, random, parentId, name, actor, now);
        if (!staged.Succeeded)
        {
            return staged.As<OrganizationalUnitInfo>();
        }

        await db.SaveChangesAsync(cancellationToken);
        await AccessModelCache.BumpAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Invalidate();
        return OperationResult.Ok(ToInfo(tree, tree.FindOrganizationalUnit(staged.Value!)!));
    }

    /// <summary>
    /// Adds a new OU to <paramref name="tree"/> (Core's rules decide) and stages its row, default policy attachments and
    /// CreateOrganizationalUnit audit event in the caller's unit of work; the caller saves, bumps the access model and commits.
    /// Returns the new OU's id.
    /// </summary>
    internal static OperationResult<string> StageOrganizationalUnit(IdentityCenterDbContext db, OrganizationTree tree, IRandomSource random, string parentId, string? name, Actor actor, DateTimeOffset now)
    {
        var unitId = OrganizationIds.NewOrganizationalUnitId(random, tree.RootId);
        name = name?.Trim() ?? "";
        if (tree.AddOrganizationalUnit(unitId, name, parentId) is { } error)
        {
            return AccessAudit.ToResult(error, error.Code.Contains("Parent", StringComparison.Ordinal) ? "ParentId" : "Name").As<string>();
        }

        db.OrganizationalUnits.Add(new OrganizationalUnitRecord { Id = unitId, Name = name, ParentId = parentId, CreatedAt = now });
        AttachDefaults(db, unitId, now);
        AccessAudit.Record(db, now, actor, Source, AccessAuditEventNames.CreateOrganizationalUnit,
            new Dictionary<string, string?> { ["parentId"] = parentId, ["name"] = name },
            new Dictionary<string, string?> { ["organizationalUnitId"] = unitId });
        return OperationResult.Ok(unitId);
    }

    public async Task<OperationResult> RenameOrganizationalUnitAsync(string unitId, string name, Actor actor, CancellationToken cancellationToken = default)
    {
        name = name?.Trim() ?? "";
        return await WriteAsync(actor, AccessAuditEventNames.UpdateOrganizationalUnit,
            new Dictionary<string, string?> { ["organizationalUnitId"] = unitId, ["name"] = name },
            async (db, tree, now) =>
            {
                if (tree.RenameOrganizationalUnit(unitId, name) is { } error)
                {
                    return AccessAudit.ToResult(error, "Name");
                }

                var unit = await db.OrganizationalUnits.SingleAsync(u => u.Id == unitId, cancellationToken);
                unit.Name = name;
                return OperationResult.Success;
            }, cancellationToken);
    }

    public Task<OperationResult> DeleteOrganizationalUnitAsync(string unitId, Actor actor, CancellationToken cancellationToken = default) =>
        WriteAsync(actor, AccessAuditEventNames.DeleteOrganizationalUnit,
            new Dictionary<string, string?> { ["organizationalUnitId"] = unitId },
            async (db, tree, now) =>
            {
                if (tree.DeleteOrganizationalUnit(unitId) is { } error)
                {
                    return AccessAudit.ToResult(error);
                }

                await db.OrganizationPolicyAttachments.Where(a => a.TargetId == unitId).ExecuteDeleteAsync(cancellationToken);
                await db.OrganizationalUnits.Where(u => u.Id == unitId).ExecuteDeleteAsync(cancellationToken);
                return OperationResult.Success;
            }, cancellationToken);

    public async Task<IReadOnlyList<AccountInfo>> ListAccountsAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await cache.GetAsync(cancellationToken);
        return snapshot.Tree is null
            ? []
            : snapshot.Tree.Accounts.Select(a => ToInfo(snapshot, a)).OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<AccountInfo?> GetAccountAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var snapshot = await cache.GetAsync(cancellationToken);
        return snapshot.Tree?.FindAccount(accountId) is { } account ? ToInfo(snapshot, account) : null;
    }

    public async Task<OperationResult<AccountInfo>> CreateAccountAsync(AccountInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await CreateAccountCoreAsync(input, actor, isWorkshop: false, cancellationToken);
        if (!result.Succeeded)
        {
            return result.As<AccountInfo>();
        }

        var snapshot = await cache.GetAsync(cancellationToken);
        return OperationResult.Ok(ToInfo(snapshot, snapshot.Tree!.FindAccount(result.Value!)!));
    }

    internal async Task<OperationResult<string>> CreateAccountCoreAsync(AccountInput input, Actor actor, bool isWorkshop, CancellationToken cancellationToken)
    {
        string? accountId = null;
        var result = await TransactAsync(actor, (db, tree, now) =>
        {
            var staged = StageNewAccount(db, tree, random, input, isWorkshop, actor, now);
            accountId = staged.Value;
            return Task.FromResult<OperationResult>(staged);
        }, cancellationToken);
        return result.Succeeded ? OperationResult.Ok(accountId!) : result.As<string>();
    }

    /// <summary>
    /// Validates a new account (its id generated when <see cref="AccountInput.AccountId"/> is empty), adds it to
    /// <paramref name="tree"/> and stages its row, default attachments and CreateAccount audit event in the caller's
    /// unit of work; returns its id. The caller saves, bumps the access model and commits. Shared with the environment import.
    /// </summary>
    internal static OperationResult<string> StageNewAccount(IdentityCenterDbContext db, OrganizationTree tree, IRandomSource random, AccountInput input, bool isWorkshop, Actor actor, DateTimeOffset now)
    {
        var accountId = string.IsNullOrWhiteSpace(input.AccountId) ? OrganizationIds.NewAccountId(random) : input.AccountId.Trim();
        var name = input.Name?.Trim() ?? "";
        var email = input.Email?.Trim() ?? "";
        var errors = OrganizationValidation.ValidateAccount(accountId, name, email);
        if (errors.Count > 0)
        {
            return OperationResult.Invalid(errors).As<string>();
        }

        var staged = StageAccount(db, tree, accountId, name, email, input.ParentId, isWorkshop, now);
        if (!staged.Succeeded)
        {
            return staged.As<string>();
        }

        AccessAudit.Record(db, now, actor, Source, AccessAuditEventNames.CreateAccount,
            new Dictionary<string, string?> { ["accountName"] = name, ["email"] = email, ["parentId"] = input.ParentId },
            new Dictionary<string, string?> { ["accountId"] = accountId, ["state"] = "SUCCEEDED" });
        return OperationResult.Ok(accountId);
    }

    /// <summary>
    /// Adds an account (already validated with <see cref="OrganizationValidation.ValidateAccount"/>) to <paramref name="tree"/>
    /// (Core's rules decide) and stages its row and default policy attachments in the caller's unit of work; the caller
    /// audits it (CreateAccount), saves, bumps the access model and commits.
    /// </summary>
    internal static OperationResult StageAccount(IdentityCenterDbContext db, OrganizationTree tree, string accountId, string name, string email, string parentId, bool isWorkshop, DateTimeOffset now)
    {
        if (tree.AddAccount(new OrganizationAccount(accountId, name, email), parentId) is { } error)
        {
            return AccessAudit.ToResult(error, error.Code switch
            {
                "ParentNotFoundException" => "ParentId",
                "DuplicateAccountException" when error.Message.Contains("email", StringComparison.OrdinalIgnoreCase) => "Email",
                "DuplicateAccountException" => "AccountId",
                _ => "",
            });
        }

        db.Accounts.Add(new AccountRecord { Id = accountId, Name = name, Email = email, ParentId = parentId, JoinedAt = now, IsWorkshop = isWorkshop });
        AttachDefaults(db, accountId, now);
        return OperationResult.Success;
    }

    public async Task<OperationResult<AccountInfo>> UpdateAccountAsync(string accountId, AccountUpdate update, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var result = await TransactAsync(actor, (db, tree, now) => StageUpdateAccountAsync(db, tree, accountId, update, actor, now, cancellationToken), cancellationToken);
        if (!result.Succeeded)
        {
            return result.As<AccountInfo>();
        }

        var snapshot = await cache.GetAsync(cancellationToken);
        return OperationResult.Ok(ToInfo(snapshot, snapshot.Tree!.FindAccount(accountId)!));
    }

    /// <summary>
    /// Changes an account's name, e-mail and status in <paramref name="tree"/> (Core's rules decide) and stages the
    /// row change and its UpdateAccount audit event in the caller's unit of work. Shared with the environment import.
    /// </summary>
    internal static Task<OperationResult> StageUpdateAccountAsync(IdentityCenterDbContext db, OrganizationTree tree, string accountId, AccountUpdate update, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var name = update.Name?.Trim() ?? "";
        var email = update.Email?.Trim() ?? "";
        return StageWriteAsync(db, tree, now, actor, AccessAuditEventNames.UpdateAccount,
            new Dictionary<string, string?> { ["accountId"] = accountId, ["accountName"] = name, ["email"] = email, ["status"] = update.Status.ToAwsString() },
            async (db, tree, _) =>
            {
                if (tree.FindAccount(accountId) is null)
                {
                    return OperationResult.NotFound($"Account {accountId} is not in the organization.");
                }

                var errors = new List<FieldError>();
                if (OrganizationValidation.ValidateAccountName(name) is { } n)
                {
                    errors.Add(n);
                }

                if (OrganizationValidation.ValidateEmail(email) is { } e)
                {
                    errors.Add(e);
                }

                if (errors.Count > 0)
                {
                    return OperationResult.Invalid(errors);
                }

                if (update.Status == AccountStatus.Suspended && tree.IsManagementAccount(accountId))
                {
                    return OperationResult.Invalid("Status", "The management account cannot be suspended.");
                }

                if (tree.UpdateAccount(new OrganizationAccount(accountId, name, email, update.Status)) is { } error)
                {
                    return AccessAudit.ToResult(error, error.Message.Contains("email", StringComparison.OrdinalIgnoreCase) ? "Email" : "");
                }

                var record = await db.Accounts.SingleAsync(a => a.Id == accountId, cancellationToken);
                record.Name = name;
                record.Email = email;
                record.Status = update.Status.ToAwsString();
                return OperationResult.Success;
            });
    }

    public Task<OperationResult> MoveAccountAsync(string accountId, string destinationParentId, Actor actor, CancellationToken cancellationToken = default)
    {
        string? source = null;
        return WriteAsync(actor, AccessAuditEventNames.MoveAccount,
            new Dictionary<string, string?> { ["accountId"] = accountId, ["destinationParentId"] = destinationParentId },
            async (db, tree, _) =>
            {
                source = tree.GetParentOfAccount(accountId);
                if (source is null)
                {
                    return OperationResult.NotFound($"Account {accountId} is not in the organization.");
                }

                if (tree.MoveAccount(accountId, source, destinationParentId) is { } error)
                {
                    return AccessAudit.ToResult(error, "DestinationParentId");
                }

                var record = await db.Accounts.SingleAsync(a => a.Id == accountId, cancellationToken);
                record.ParentId = destinationParentId;
                return OperationResult.Success;
            }, cancellationToken);
    }

    public async Task<OperationResult> RemoveAccountAsync(string accountId, Actor actor, CancellationToken cancellationToken = default)
    {
        var snapshot = await cache.GetAsync(cancellationToken);
        return await WriteAsync(actor, AccessAuditEventNames.RemoveAccountFromOrganization,
            new Dictionary<string, string?> { ["accountId"] = accountId },
            async (db, tree, _) =>
            {
                if (tree.FindAccount(accountId) is null)
                {
                    return OperationResult.NotFound($"Account {accountId} is not in the organization.");
                }

                if (tree.IsManagementAccount(accountId))
                {
                    return OperationResult.Conflict("", "The management account cannot be removed from the organization.");
                }

                var assignments = await db.AccountAssignments.AsNoTracking().Where(a => a.AccountId == accountId).ToListAsync(cancellationToken);
                if (assignments.Count > 0)
                {
                    var list = string.Join("; ", assignments.Take(10).Select(a =>
                        $"{snapshot.PermissionSetName(a.PermissionSetId)} to {a.PrincipalType.ToLowerInvariant()} {a.PrincipalId}"));
                    return OperationResult.Conflict("",
                        $"Account {accountId} still has {assignments.Count} account assignment(s) ({list}{(assignments.Count > 10 ? "; …" : "")}); remove them first.");
                }

                return await StageRemoveAccountAsync(db, tree, accountId, cancellationToken);
            }, cancellationToken);
    }

    /// <summary>
    /// Removes an account that has no assignments left from <paramref name="tree"/> and deletes its rows (policy
    /// attachments, provisioned roles, customer managed policies, the account) inside the caller's transaction; the caller
    /// audits it (RemoveAccountFromOrganization), saves, bumps the access model and commits.
    /// </summary>
    internal static async Task<OperationResult> StageRemoveAccountAsync(IdentityCenterDbContext db, OrganizationTree tree, string accountId, CancellationToken cancellationToken)
    {
        if (tree.RemoveAccount(accountId) is { } error)
        {
            return AccessAudit.ToResult(error);
        }

        await db.OrganizationPolicyAttachments.Where(a => a.TargetId == accountId).ExecuteDeleteAsync(cancellationToken);
        await db.ProvisionedRoles.Where(r => r.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        var policyIds = await db.CustomerManagedPolicies.Where(p => p.AccountId == accountId).Select(p => p.Id).ToListAsync(cancellationToken);
        await db.CustomerManagedPolicyVersions.Where(v => policyIds.Contains(v.PolicyId)).ExecuteDeleteAsync(cancellationToken);
        await db.CustomerManagedPolicies.Where(p => p.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        await db.Accounts.Where(a => a.Id == accountId).ExecuteDeleteAsync(cancellationToken);
        return OperationResult.Success;
    }

    public async Task<IReadOnlyList<OrganizationPolicyInfo>> ListPoliciesAsync(OrganizationPolicyType? type = null, CancellationToken cancellationToken = default)
    {
        var tree = (await cache.GetAsync(cancellationToken)).Tree;
        return tree is null
            ? []
            : tree.Policies.Where(p => type is null || p.Type == type).Select(p => ToInfo(tree, p))
                .OrderBy(p => p.Type).ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<OrganizationPolicyInfo?> GetPolicyAsync(string policyId, CancellationToken cancellationToken = default)
    {
        var tree = (await cache.GetAsync(cancellationToken)).Tree;
        return tree?.FindPolicy(policyId) is { } policy ? ToInfo(tree, policy) : null;
    }

    public async Task<IReadOnlyList<OrganizationPolicyInfo>> ListPoliciesForTargetAsync(string targetId, OrganizationPolicyType? type = null, CancellationToken cancellationToken = default)
    {
        var tree = (await cache.GetAsync(cancellationToken)).Tree;
        return tree is null ? [] : tree.GetAttachedPolicies(targetId, type).Select(p => ToInfo(tree, p)).ToList();
    }

    public async Task<OperationResult<OrganizationPolicyInfo>> CreatePolicyAsync(OrganizationPolicyInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var policyId = OrganizationIds.NewPolicyId(random);
        return await PutPolicyAsync(policyId, input, actor, create: true, cancellationToken);
    }

    public Task<OperationResult<OrganizationPolicyInfo>> UpdatePolicyAsync(string policyId, OrganizationPolicyInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return PutPolicyAsync(policyId, input, actor, create: false, cancellationToken);
    }

    private async Task<OperationResult<OrganizationPolicyInfo>> PutPolicyAsync(string policyId, OrganizationPolicyInput input, Actor actor, bool create, CancellationToken cancellationToken)
    {
        var result = await TransactAsync(actor, (db, tree, now) => StagePutPolicyAsync(db, tree, policyId, input, create, actor, now, cancellationToken), cancellationToken);
        if (!result.Succeeded)
        {
            return result.As<OrganizationPolicyInfo>();
        }

        return OperationResult.Ok((await GetPolicyAsync(policyId, cancellationToken))!);
    }

    /// <summary>
    /// Validates an SCP or RCP, creates (<paramref name="create"/>) or updates it in <paramref name="tree"/> (Core's
    /// rules decide) and stages the row and its CreatePolicy or UpdatePolicy audit event in the caller's unit of work.
    /// Shared with the environment import.
    /// </summary>
    internal static async Task<OperationResult> StagePutPolicyAsync(IdentityCenterDbContext db, OrganizationTree tree, string policyId, OrganizationPolicyInput input, bool create, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var name = input.Name?.Trim() ?? "";
        var kind = input.Type == OrganizationPolicyType.ResourceControlPolicy ? PolicyKind.Rcp : PolicyKind.Scp;
        var documentErrors = AccessAudit.ValidateDocument(input.Document, kind, "Document");
        var errors = new List<FieldError>(documentErrors);
        if (input.Description is { Length: > 512 })
        {
            errors.Add(new FieldError("Description", $"Description must be at most 512 characters long (it has {input.Description.Length})."));
        }

        if (errors.Count > 0)
        {
            return OperationResult.Invalid(errors);
        }

        return await StageWriteAsync(db, tree, now, actor, create ? AccessAuditEventNames.CreatePolicy : AccessAuditEventNames.UpdatePolicy,
            new Dictionary<string, string?> { ["policyId"] = create ? null : policyId, ["name"] = name, ["type"] = input.Type.ToAwsString(), ["description"] = input.Description },
            async (db, tree, _) =>
            {
                if (!create && tree.FindPolicy(policyId) is null)
                {
                    return OperationResult.NotFound($"Policy {policyId} does not exist.");
                }

                if (tree.PutPolicy(new OrganizationPolicy(policyId, name, input.Type, input.Document, input.Description)) is { } error)
                {
                    return AccessAudit.ToResult(error, error.Code == "ConstraintViolationException" ? "Document" : "Name");
                }

                if (create)
                {
                    db.OrganizationPolicies.Add(new OrganizationPolicyRecord
                    {
                        Id = policyId, Name = name, Description = input.Description, Type = input.Type.ToAwsString(),
                        Document = input.Document, CreatedAt = now, UpdatedAt = now,
                    });
                }
                else
                {
                    var record = await db.OrganizationPolicies.SingleAsync(p => p.Id == policyId, cancellationToken);
                    record.Name = name;
                    record.Description = input.Description;
                    record.Document = input.Document;
                    record.UpdatedAt = now;
                }

                return OperationResult.Success;
            }, new Dictionary<string, string?> { ["policyId"] = policyId });
    }

    public Task<OperationResult> DeletePolicyAsync(string policyId, Actor actor, CancellationToken cancellationToken = default) =>
        WriteAsync(actor, AccessAuditEventNames.DeletePolicy,
            new Dictionary<string, string?> { ["policyId"] = policyId },
            async (db, tree, _) =>
            {
                if (tree.DeletePolicy(policyId) is { } error)
                {
                    return AccessAudit.ToResult(error);
                }

                await db.OrganizationPolicies.Where(p => p.Id == policyId).ExecuteDeleteAsync(cancellationToken);
                return OperationResult.Success;
            }, cancellationToken);

    public Task<OperationResult> AttachPolicyAsync(string policyId, string targetId, Actor actor, CancellationToken cancellationToken = default) =>
        TransactAsync(actor, (db, tree, now) => StageAttachPolicyAsync(db, tree, policyId, targetId, actor, now, cancellationToken), cancellationToken);

    /// <summary>
    /// Attaches a policy to a target in <paramref name="tree"/> (Core's rules decide) and stages the attachment (after
    /// the target's saved ones) and its AttachPolicy audit event in the caller's unit of work. Shared with the environment import.
    /// </summary>
    internal static Task<OperationResult> StageAttachPolicyAsync(IdentityCenterDbContext db, OrganizationTree tree, string policyId, string targetId, Actor actor, DateTimeOffset now, CancellationToken cancellationToken) =>
        StageWriteAsync(db, tree, now, actor, AccessAuditEventNames.AttachPolicy,
            new Dictionary<string, string?> { ["policyId"] = policyId, ["targetId"] = targetId },
            async (db, tree, now) =>
            {
                if (tree.AttachPolicy(policyId, targetId) is { } error)
                {
                    return AccessAudit.ToResult(error);
                }

                var sequence = await db.OrganizationPolicyAttachments.Where(a => a.TargetId == targetId).MaxAsync(a => (long?)a.Sequence, cancellationToken) ?? 0;
                db.OrganizationPolicyAttachments.Add(new OrganizationPolicyAttachmentRecord
                {
                    PolicyId = policyId, TargetId = targetId, Sequence = Math.Max(sequence + 1, now.UtcTicks), AttachedAt = now,
                });
                return OperationResult.Success;
            });

    public Task<OperationResult> DetachPolicyAsync(string policyId, string targetId, Actor actor, CancellationToken cancellationToken = default) =>
        TransactAsync(actor, (db, tree, now) => StageDetachPolicyAsync(db, tree, policyId, targetId, actor, now, cancellationToken), cancellationToken);

    /// <summary>
    /// Detaches a policy from a target in <paramref name="tree"/> (Core's rules decide), deletes the saved attachment
    /// and stages the DetachPolicy audit event in the caller's transaction. Shared with the environment import.
    /// </summary>
    internal static Task<OperationResult> StageDetachPolicyAsync(IdentityCenterDbContext db, OrganizationTree tree, string policyId, string targetId, Actor actor, DateTimeOffset now, CancellationToken cancellationToken) =>
        StageWriteAsync(db, tree, now, actor, AccessAuditEventNames.DetachPolicy,
            new Dictionary<string, string?> { ["policyId"] = policyId, ["targetId"] = targetId },
            async (db, tree, _) =>
            {
                if (tree.DetachPolicy(policyId, targetId) is { } error)
                {
                    return AccessAudit.ToResult(error);
                }

                await db.OrganizationPolicyAttachments.Where(a => a.PolicyId == policyId && a.TargetId == targetId).ExecuteDeleteAsync(cancellationToken);
                return OperationResult.Success;
            });

    public async Task<OrganizationPolicyPath?> GetPolicyPathAsync(string accountId, OrganizationPolicyType type, CancellationToken cancellationToken = default) =>
        (await cache.GetAsync(cancellationToken)).Tree?.ComputePolicyPath(accountId, type);

    /// <summary>One transaction: load the tree, let <paramref name="change"/> validate and stage, audit, commit, drop the cache.</summary>
    private Task<OperationResult> WriteAsync(
        Actor actor,
        string eventName,
        IReadOnlyDictionary<string, string?> request,
        Func<IdentityCenterDbContext, OrganizationTree, DateTimeOffset, Task<OperationResult>> change,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? response = null) =>
        TransactAsync(actor, (db, tree, now) => StageWriteAsync(db, tree, now, actor, eventName, request, change, response), cancellationToken);

    /// <summary>One transaction: load the tree, let <paramref name="stage"/> validate, stage and audit, commit, drop the cache.</summary>
    private async Task<OperationResult> TransactAsync(
        Actor actor,
        Func<IdentityCenterDbContext, OrganizationTree, DateTimeOffset, Task<OperationResult>> stage,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await AccessModelCache.LoadTreeAsync(db, cancellationToken) is not { } tree)
        {
            return NoOrganization();
        }

        var result = await stage(db, tree, now);
        if (!result.Succeeded)
        {
            return result;
        }

        await db.SaveChangesAsync(cancellationToken);
        await AccessModelCache.BumpAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Invalidate();
        return result;
    }

    /// <summary>Lets <paramref name="change"/> validate and stage in the caller's unit of work, then stages its audit event.</summary>
    private static async Task<OperationResult> StageWriteAsync(
        IdentityCenterDbContext db,
        OrganizationTree tree,
        DateTimeOffset now,
        Actor actor,
        string eventName,
        IReadOnlyDictionary<string, string?> request,
        Func<IdentityCenterDbContext, OrganizationTree, DateTimeOffset, Task<OperationResult>> change,
        IReadOnlyDictionary<string, string?>? response = null)
    {
        var result = await change(db, tree, now);
        if (result.Succeeded)
        {
            AccessAudit.Record(db, now, actor, Source, eventName, request, response);
        }

        return result;
    }

    private static OperationResult NoOrganization() =>
        OperationResult.Failure(OperationErrorKind.NotFound, [FieldError.General("There is no organization yet; create it (or seed the workshop) first.")], "AWSOrganizationsNotInUseException");

    private static OrganizationInfo Info(OrganizationTree tree, DateTimeOffset createdAt) => new(
        tree.OrganizationId, tree.RootId, tree.RootName, tree.ManagementAccountId,
        $"arn:aws:organizations::{tree.ManagementAccountId}:organization/{tree.OrganizationId}", createdAt);

    private static OrganizationalUnitInfo ToInfo(OrganizationTree tree, OrganizationalUnit unit) => new(
        unit.Id, unit.Name, unit.ParentId,
        $"arn:aws:organizations::{tree.ManagementAccountId}:ou/{tree.OrganizationId}/{unit.Id}",
        tree.GetChildUnits(unit.Id).Count, tree.GetChildAccounts(unit.Id).Count);

    private static AccountInfo ToInfo(AccessSnapshot snapshot, OrganizationAccount account)
    {
        var tree = snapshot.Tree!;
        var parentId = tree.GetParentOfAccount(account.Id) ?? tree.RootId;
        var parentName = parentId == tree.RootId ? tree.RootName : tree.FindOrganizationalUnit(parentId)?.Name ?? parentId;
        return new AccountInfo(
            account.Id, account.Name, account.Email, account.Status, tree.IsManagementAccount(account.Id), parentId, parentName,
            $"arn:aws:organizations::{tree.ManagementAccountId}:account/{tree.OrganizationId}/{account.Id}",
            snapshot.AccountMeta.TryGetValue(account.Id, out var meta) ? meta.JoinedAt : default);
    }

    private static OrganizationPolicyInfo ToInfo(OrganizationTree tree, OrganizationPolicy policy) => new(
        policy.Id, policy.Name, policy.Description, policy.Type, policy.Content, policy.AwsManaged, tree.GetPolicyArn(policy), tree.GetTargetsForPolicy(policy.Id));
}
