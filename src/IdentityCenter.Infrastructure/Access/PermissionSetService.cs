using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Catalog;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Infrastructure.Access.Internal;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities.Access;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Access;

internal sealed class PermissionSetService(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    AccessModelCache cache,
    Provisioning provisioning,
    ICredentialRevocation revocation,
    TimeProvider timeProvider,
    IRandomSource random) : IPermissionSetService
{
    private const string Source = AccessAuditEventNames.SsoSource;

    public async Task<SsoInstanceInfo> GetInstanceAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await cache.GetAsync(cancellationToken);
        if (snapshot.InstanceId is null)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await Provisioning.EnsureInstanceAsync(db, random, timeProvider.GetUtcNow(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await AccessModelCache.BumpAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            cache.Invalidate();
            snapshot = await cache.GetAsync(cancellationToken);
        }

        return new SsoInstanceInfo(snapshot.InstanceId!, PermissionSetNaming.InstanceArn(snapshot.InstanceId!), snapshot.Region, snapshot.AutoReprovision);
    }

    public async Task<OperationResult<SsoInstanceInfo>> UpdateInstanceAsync(string region, bool autoReprovision, Actor actor, CancellationToken cancellationToken = default)
    {
        region = region?.Trim() ?? "";
        if (!System.Text.RegularExpressions.Regex.IsMatch(region, "^[a-z]{2}(-[a-z]+)+-[0-9]$"))
        {
            return OperationResult.Invalid("Region", $"'{region}' is not a region name such as us-east-1 or eu-west-2.").As<SsoInstanceInfo>();
        }

        var now = timeProvider.GetUtcNow();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var instance = await Provisioning.EnsureInstanceAsync(db, random, now, cancellationToken);
            instance.Region = region;
            instance.AutoReprovision = autoReprovision;
            AccessAudit.Record(db, now, actor, Source, AccessAuditEventNames.UpdateInstance,
                new Dictionary<string, string?> { ["region"] = region, ["autoReprovision"] = autoReprovision ? "true" : "false" });
            await db.SaveChangesAsync(cancellationToken);
            await AccessModelCache.BumpAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        cache.Invalidate();
        return OperationResult.Ok(await GetInstanceAsync(cancellationToken));
    }

    public async Task<IReadOnlyList<PermissionSetSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await cache.GetAsync(cancellationToken);
        var roles = snapshot.Roles.Values.Where(r => r.IsProvisioned).GroupBy(r => r.PermissionSetId).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return snapshot.PermissionSets.Values
            .Select(e =>
            {
                var provisioned = roles.GetValueOrDefault(e.Model.Id) ?? [];
                return new PermissionSetSummary(
                    e.Model.Id, e.Model.Name, e.Model.Description, e.Model.SessionDuration, e.Model.Version,
                    provisioned.Count, provisioned.Count(r => r.ProvisionedVersion < e.Model.Version),
                    snapshot.Assignments.GetAssignmentsForPermissionSet(e.Model.Id).Count, e.CreatedAt);
            })
            .OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public async Task<PermissionSetDetail?> GetAsync(string permissionSetId, CancellationToken cancellationToken = default)
    {
        var snapshot = await cache.GetAsync(cancellationToken);
        if (!snapshot.PermissionSets.TryGetValue(permissionSetId, out var entry))
        {
            return null;
        }

        return new PermissionSetDetail(
            entry.Model,
            PermissionSetNaming.PermissionSetArn(snapshot.InstanceId ?? "ssoins-0000000000000000", entry.Model.Id),
            entry.CreatedAt,
            entry.UpdatedAt,
            Statuses(snapshot, entry.Model));
    }

    public async Task<IReadOnlyList<ProvisionedAccountStatus>> ListProvisioningStatusAsync(string permissionSetId, CancellationToken cancellationToken = default)
    {
        var snapshot = await cache.GetAsync(cancellationToken);
        return snapshot.PermissionSets.TryGetValue(permissionSetId, out var entry) ? Statuses(snapshot, entry.Model) : [];
    }

    private static List<ProvisionedAccountStatus> Statuses(AccessSnapshot snapshot, PermissionSet set) =>
        snapshot.Roles.Values
            .Where(r => r.PermissionSetId == set.Id)
            .Select(r =>
            {
                var status = r.IsProvisioned
                    ? (r.ProvisionedVersion >= set.Version ? ProvisioningStatus.LatestProvisioned : ProvisioningStatus.LatestNotProvisioned)
                    : ProvisioningStatus.NotProvisioned;
                return new ProvisionedAccountStatus(
                    r.AccountId, snapshot.AccountName(r.AccountId), status, r.RoleName,
                    r.RoleName is null ? null : PermissionSetNaming.RoleArn(r.AccountId, snapshot.Region, r.RoleName),
                    r.ProvisionedVersion, r.ProvisionedAt, r.FailureReason);
            })
            .OrderBy(s => s.AccountName, StringComparer.OrdinalIgnoreCase)
            .ToList();

    public async Task<OperationResult<PermissionSetDetail>> CreateAsync(PermissionSetInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await CreateCoreAsync(input, actor, isWorkshop: false, cancellationToken);
        return result.Succeeded ? OperationResult.Ok((await GetAsync(result.Value!, cancellationToken))!) : result.As<PermissionSetDetail>();
    }

    internal async Task<OperationResult<string>> CreateCoreAsync(PermissionSetInput input, Actor actor, bool isWorkshop, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var staged = await StageCreateAsync(db, input, actor, isWorkshop, now, cancellationToken);
        if (!staged.Succeeded)
        {
            return staged;
        }

        await db.SaveChangesAsync(cancellationToken);
        await AccessModelCache.BumpAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Invalidate();
        return staged;
    }

    /// <summary>
    /// Validates a new permission set (the name free and the quota checked against the saved rows of the caller's
    /// transaction) and stages it with its CreatePermissionSet audit event in the caller's unit of work; returns its id.
    /// The caller saves, bumps the access model and commits. Shared with the environment import.
    /// </summary>
    internal async Task<OperationResult<string>> StageCreateAsync(IdentityCenterDbContext db, PermissionSetInput input, Actor actor, bool isWorkshop, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (!SessionDuration.TryParseOrDefault(input.SessionDuration, out var duration, out var durationError))
        {
            errors.Add(durationError!);
        }

        var model = new PermissionSet
        {
            Id = PermissionSetNaming.NewPermissionSetId(random),
            Name = input.Name?.Trim() ?? "",
            Description = string.IsNullOrEmpty(input.Description) ? null : input.Description,
            SessionDuration = duration == default ? SessionDuration.Default : duration,
            RelayState = string.IsNullOrEmpty(input.RelayState) ? null : input.RelayState,
            ManagedPolicyArns = input.ManagedPolicyArns ?? [],
            CustomerManagedPolicyReferences = input.CustomerManagedPolicyReferences ?? [],
            InlinePolicy = string.IsNullOrWhiteSpace(input.InlinePolicy) ? null : input.InlinePolicy,
            PermissionsBoundary = input.PermissionsBoundary,
            Tags = input.Tags ?? [],
            Version = 1,
        };
        errors.AddRange(ValidateModel(model).Where(e => e.Field != "SessionDuration" || durationError is null));
        if (errors.Count > 0)
        {
            return OperationResult.Invalid(errors).As<string>();
        }

        if (await db.PermissionSets.AnyAsync(p => p.Name == model.Name, cancellationToken))
        {
            return OperationResult.Conflict("Name", $"A permission set named {model.Name} already exists; names are unique.").As<string>();
        }

        if (PermissionSetQuotas.CheckCanCreate(await db.PermissionSets.CountAsync(cancellationToken)) is { } quota)
        {
            return OperationResult.Conflict("", quota.Message).As<string>();
        }

        var instance = await Provisioning.EnsureInstanceAsync(db, random, now, cancellationToken);
        var record = new PermissionSetRecord { CreatedAt = now, UpdatedAt = now, IsWorkshop = isWorkshop };
        PermissionSetMapping.Apply(model, record);
        db.PermissionSets.Add(record);
        AccessAudit.Record(db, now, actor, Source, AccessAuditEventNames.CreatePermissionSet,
            new Dictionary<string, string?>
            {
                ["instanceArn"] = PermissionSetNaming.InstanceArn(instance.Id),
                ["name"] = model.Name,
                ["description"] = model.Description,
                ["sessionDuration"] = SessionDuration.Format(model.SessionDuration),
                ["relayState"] = model.RelayState,
            },
            new Dictionary<string, string?> { ["permissionSetArn"] = PermissionSetNaming.PermissionSetArn(instance.Id, model.Id) });
        return OperationResult.Ok(model.Id);
    }

    private static List<FieldError> ValidateModel(PermissionSet model)
    {
        var errors = new List<FieldError>(PermissionSetValidator.Validate(model));
        errors.AddRange(PermissionSetValidator.ValidateManagedPoliciesAreShipped(model, ManagedPolicyCatalog.Default));
        if (model.InlinePolicy is { } inline && !errors.Any(e => e.Field == "InlinePolicy"))
        {
            errors.AddRange(AccessAudit.ValidateDocument(inline, PolicyKind.Inline, "InlinePolicy"));
        }

        return errors;
    }

    public Task<OperationResult<PermissionSetDetail>> UpdateAsync(string permissionSetId, PermissionSetSettings settings, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return EditOneAsync(permissionSetId, actor, UpdateStep(settings), cancellationToken);
    }

    public Task<OperationResult<PermissionSetDetail>> AttachManagedPolicyAsync(string permissionSetId, string managedPolicyArn, Actor actor, CancellationToken cancellationToken = default) =>
        EditOneAsync(permissionSetId, actor, AttachManagedStep(managedPolicyArn), cancellationToken);

    public Task<OperationResult<PermissionSetDetail>> DetachManagedPolicyAsync(string permissionSetId, string managedPolicyArn, Actor actor, CancellationToken cancellationToken = default) =>
        EditOneAsync(permissionSetId, actor, DetachManagedStep(managedPolicyArn), cancellationToken);

    public Task<OperationResult<PermissionSetDetail>> AttachCustomerManagedPolicyReferenceAsync(string permissionSetId, CustomerManagedPolicyReference reference, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return EditOneAsync(permissionSetId, actor, AttachCustomerStep(reference), cancellationToken);
    }

    public Task<OperationResult<PermissionSetDetail>> DetachCustomerManagedPolicyReferenceAsync(string permissionSetId, CustomerManagedPolicyReference reference, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return EditOneAsync(permissionSetId, actor, DetachCustomerStep(reference), cancellationToken);
    }

    public Task<OperationResult<PermissionSetDetail>> PutInlinePolicyAsync(string permissionSetId, string document, Actor actor, CancellationToken cancellationToken = default) =>
        EditOneAsync(permissionSetId, actor, PutInlineStep(document), cancellationToken);

    public Task<OperationResult<PermissionSetDetail>> DeleteInlinePolicyAsync(string permissionSetId, Actor actor, CancellationToken cancellationToken = default) =>
        EditOneAsync(permissionSetId, actor, DeleteInlineStep(), cancellationToken);

    public Task<OperationResult<PermissionSetDetail>> PutPermissionsBoundaryAsync(string permissionSetId, PermissionsBoundary boundary, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(boundary);
        return EditOneAsync(permissionSetId, actor, PutBoundaryStep(boundary), cancellationToken);
    }

    public Task<OperationResult<PermissionSetDetail>> DeletePermissionsBoundaryAsync(string permissionSetId, Actor actor, CancellationToken cancellationToken = default) =>
        EditOneAsync(permissionSetId, actor, DeleteBoundaryStep(), cancellationToken);

    public Task<OperationResult<PermissionSetDetail>> TagAsync(string permissionSetId, IReadOnlyList<PermissionSetTag> tags, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return EditOneAsync(permissionSetId, actor, TagStep(tags), cancellationToken);
    }

    public Task<OperationResult<PermissionSetDetail>> UntagAsync(string permissionSetId, IReadOnlyList<string> tagKeys, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tagKeys);
        return EditOneAsync(permissionSetId, actor, UntagStep(tagKeys), cancellationToken);
    }

    public async Task<OperationResult<PermissionSetSaved>> SaveAsync(string permissionSetId, PermissionSetChanges changes, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var result = await EditAsync(permissionSetId, actor, current => Plan(current, changes), cancellationToken);
        return result.Succeeded ? OperationResult.Ok(new PermissionSetSaved((await GetAsync(permissionSetId, cancellationToken))!, result.Value!)) : result.As<PermissionSetSaved>();
    }

    /// <summary>One AWS operation of an edit: its audit name and request, and what it does to the permission set (or why it is refused).</summary>
    private sealed record EditStep(string EventName, Dictionary<string, string?> Request, Func<PermissionSet, OperationResult<PermissionSet>> Apply);

    /// <summary>The operations that turn <paramref name="current"/> into what the editor saves, in the order the console applies them.</summary>
    private static List<EditStep> Plan(PermissionSet current, PermissionSetChanges changes)
    {
        static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
        var steps = new List<EditStep>();
        var duration = Blank(changes.SessionDuration)?.Trim().ToUpperInvariant() ?? SessionDuration.DefaultText;
        if (Blank(changes.Description) != current.Description || Blank(changes.RelayState) != current.RelayState || duration != SessionDuration.Format(current.SessionDuration))
        {
            steps.Add(UpdateStep(new PermissionSetSettings(Blank(changes.Description), duration, Blank(changes.RelayState))));
        }

        steps.AddRange(current.ManagedPolicyArns.Except(changes.ManagedPolicyArns).Select(DetachManagedStep));
        steps.AddRange(current.CustomerManagedPolicyReferences.Except(changes.CustomerManagedPolicyReferences).Select(DetachCustomerStep));
        steps.AddRange(changes.ManagedPolicyArns.Except(current.ManagedPolicyArns).Select(AttachManagedStep));
        steps.AddRange(changes.CustomerManagedPolicyReferences.Except(current.CustomerManagedPolicyReferences).Select(AttachCustomerStep));
        var inline = Blank(changes.InlinePolicy);
        if (inline != Blank(current.InlinePolicy))
        {
            steps.Add(inline is null ? DeleteInlineStep() : PutInlineStep(inline));
        }

        if (changes.PermissionsBoundary != current.PermissionsBoundary)
        {
            steps.Add(changes.PermissionsBoundary is null ? DeleteBoundaryStep() : PutBoundaryStep(changes.PermissionsBoundary));
        }

        var removedKeys = current.Tags.Select(t => t.Key).Except(changes.Tags.Select(t => t.Key)).ToList();
        if (removedKeys.Count > 0)
        {
            steps.Add(UntagStep(removedKeys));
        }

        var changedTags = changes.Tags.Except(current.Tags).ToList();
        if (changedTags.Count > 0)
        {
            steps.Add(TagStep(changedTags));
        }

        return steps;
    }

    private static EditStep UpdateStep(PermissionSetSettings settings) => new(
        AccessAuditEventNames.UpdatePermissionSet,
        new Dictionary<string, string?> { ["description"] = settings.Description, ["sessionDuration"] = settings.SessionDuration, ["relayState"] = settings.RelayState },
        set =>
        {
            if (!SessionDuration.TryParseOrDefault(settings.SessionDuration, out var duration, out var error))
            {
                return OperationResult.Invalid([error!]).As<PermissionSet>();
            }

            return OperationResult.Ok(set with
            {
                Description = string.IsNullOrEmpty(settings.Description) ? null : settings.Description,
                SessionDuration = duration,
                RelayState = string.IsNullOrEmpty(settings.RelayState) ? null : settings.RelayState,
            });
        });

    private static EditStep AttachManagedStep(string managedPolicyArn) => new(
        AccessAuditEventNames.AttachManagedPolicyToPermissionSet,
        new Dictionary<string, string?> { ["managedPolicyArn"] = managedPolicyArn },
        set => set.ManagedPolicyArns.Contains(managedPolicyArn, StringComparer.Ordinal)
            ? OperationResult.Conflict("ManagedPolicyArn", $"{managedPolicyArn} is already attached to {set.Name}.").As<PermissionSet>()
            : OperationResult.Ok(set with { ManagedPolicyArns = [.. set.ManagedPolicyArns, managedPolicyArn] }));

    private static EditStep DetachManagedStep(string managedPolicyArn) => new(
        AccessAuditEventNames.DetachManagedPolicyFromPermissionSet,
        new Dictionary<string, string?> { ["managedPolicyArn"] = managedPolicyArn },
        set => !set.ManagedPolicyArns.Contains(managedPolicyArn, StringComparer.Ordinal)
            ? OperationResult.NotFound($"{managedPolicyArn} is not attached to {set.Name}.").As<PermissionSet>()
            : OperationResult.Ok(set with { ManagedPolicyArns = set.ManagedPolicyArns.Where(a => a != managedPolicyArn).ToList() }));

    private static EditStep AttachCustomerStep(CustomerManagedPolicyReference reference) => new(
        AccessAuditEventNames.AttachCustomerManagedPolicyReferenceToPermissionSet,
        new Dictionary<string, string?> { ["name"] = reference.Name, ["path"] = reference.Path },
        set => set.CustomerManagedPolicyReferences.Contains(reference)
            ? OperationResult.Conflict("CustomerManagedPolicyReference", $"{reference} is already attached to {set.Name}.").As<PermissionSet>()
            : OperationResult.Ok(set with { CustomerManagedPolicyReferences = [.. set.CustomerManagedPolicyReferences, reference] }));

    private static EditStep DetachCustomerStep(CustomerManagedPolicyReference reference) => new(
        AccessAuditEventNames.DetachCustomerManagedPolicyReferenceFromPermissionSet,
        new Dictionary<string, string?> { ["name"] = reference.Name, ["path"] = reference.Path },
        set => !set.CustomerManagedPolicyReferences.Contains(reference)
            ? OperationResult.NotFound($"{reference} is not attached to {set.Name}.").As<PermissionSet>()
            : OperationResult.Ok(set with { CustomerManagedPolicyReferences = set.CustomerManagedPolicyReferences.Where(r => r != reference).ToList() }));

    private static EditStep PutInlineStep(string document) => new(
        AccessAuditEventNames.PutInlinePolicyToPermissionSet,
        new Dictionary<string, string?> { ["inlinePolicy"] = document },
        set => string.IsNullOrWhiteSpace(document)
            ? OperationResult.Invalid("InlinePolicy", "The inline policy is empty; use DeleteInlinePolicy to remove it.").As<PermissionSet>()
            : OperationResult.Ok(set with { InlinePolicy = document }));

    private static EditStep DeleteInlineStep() => new(
        AccessAuditEventNames.DeleteInlinePolicyFromPermissionSet,
        new Dictionary<string, string?>(),
        set => set.InlinePolicy is null
            ? OperationResult.NotFound($"{set.Name} has no inline policy.").As<PermissionSet>()
            : OperationResult.Ok(set with { InlinePolicy = null }));

    private static EditStep PutBoundaryStep(PermissionsBoundary boundary) => new(
        AccessAuditEventNames.PutPermissionsBoundaryToPermissionSet,
        new Dictionary<string, string?> { ["managedPolicyArn"] = boundary.ManagedPolicyArn, ["customerManagedPolicyReference"] = boundary.CustomerManagedPolicyReference?.ToString() },
        set => OperationResult.Ok(set with { PermissionsBoundary = boundary }));

    private static EditStep DeleteBoundaryStep() => new(
        AccessAuditEventNames.DeletePermissionsBoundaryFromPermissionSet,
        new Dictionary<string, string?>(),
        set => set.PermissionsBoundary is null
            ? OperationResult.NotFound($"{set.Name} has no permissions boundary.").As<PermissionSet>()
            : OperationResult.Ok(set with { PermissionsBoundary = null }));

    private static EditStep TagStep(IReadOnlyList<PermissionSetTag> tags) => new(
        AccessAuditEventNames.TagResource,
        new Dictionary<string, string?> { ["tags"] = string.Join(",", tags.Select(t => t.Key + "=" + t.Value)) },
        set => OperationResult.Ok(set with { Tags = set.Tags.Where(t => !tags.Any(n => n.Key == t.Key)).Concat(tags).ToList() }));

    private static EditStep UntagStep(IReadOnlyList<string> tagKeys) => new(
        AccessAuditEventNames.UntagResource,
        new Dictionary<string, string?> { ["tagKeys"] = string.Join(",", tagKeys) },
        set => OperationResult.Ok(set with { Tags = set.Tags.Where(t => !tagKeys.Contains(t.Key)).ToList() }));

    private async Task<OperationResult<PermissionSetDetail>> EditOneAsync(string permissionSetId, Actor actor, EditStep step, CancellationToken cancellationToken)
    {
        var result = await EditAsync(permissionSetId, actor, _ => [step], cancellationToken);
        return result.Succeeded ? OperationResult.Ok((await GetAsync(permissionSetId, cancellationToken))!) : result.As<PermissionSetDetail>();
    }

    /// <summary>
    /// An edit of one or more operations in one transaction: the steps are planned from the permission set as
    /// stored, applied in order (the first refusal cancels all of them), each audited as its AWS operation;
    /// Core's versioning then decides whether provisioned roles are out of date, and with AutoReprovision
    /// every provisioned account is re-provisioned in the same transaction. Returns the operations applied.
    /// </summary>
    private async Task<OperationResult<IReadOnlyList<string>>> EditAsync(
        string permissionSetId,
        Actor actor,
        Func<PermissionSet, List<EditStep>> plan,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = timeProvider.GetUtcNow();
        List<EditStep> steps;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var record = await db.PermissionSets.FirstOrDefaultAsync(p => p.Id == permissionSetId, cancellationToken);
            if (record is null)
            {
                return OperationResult.NotFound($"Permission set {permissionSetId} does not exist.").As<IReadOnlyList<string>>();
            }

            var before = PermissionSetMapping.ToModel(record);
            steps = plan(before);
            if (steps.Count == 0)
            {
                return OperationResult.Ok<IReadOnlyList<string>>([]);
            }

            var edited = before;
            foreach (var step in steps)
            {
                var applied = step.Apply(edited);
                if (!applied.Succeeded)
                {
                    return applied.As<IReadOnlyList<string>>();
                }

                edited = applied.Value!;
            }

            var after = PermissionSetVersioning.ApplyEdit(before, edited);
            var errors = ValidateModel(after);
            if (errors.Count > 0)
            {
                return OperationResult.Invalid(errors).As<IReadOnlyList<string>>();
            }

            PermissionSetMapping.Apply(after, record);
            record.UpdatedAt = now;
            foreach (var step in steps)
            {
                var request = new Dictionary<string, string?>(step.Request)
                {
                    ["permissionSetId"] = permissionSetId,
                    ["permissionSetName"] = after.Name,
                };
                AccessAudit.Record(db, now, actor, Source, step.EventName, request,
                    new Dictionary<string, string?> { ["version"] = after.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            }

            var instance = await Provisioning.EnsureInstanceAsync(db, random, now, cancellationToken);
            if (instance.AutoReprovision && after.Version != before.Version)
            {
                var accounts = await db.ProvisionedRoles.Where(r => r.PermissionSetId == permissionSetId && r.RoleName != null)
                    .Select(r => r.AccountId).OrderBy(a => a).ToListAsync(cancellationToken);
                var outcomes = new List<ProvisioningOutcome>();
                foreach (var accountId in accounts)
                {
                    outcomes.Add(await provisioning.ProvisionAsync(db, after, accountId, cancellationToken));
                }

                if (outcomes.Count > 0)
                {
                    Provisioning.Audit(db, now, actor, after, "ALL_PROVISIONED_ACCOUNTS", outcomes);
                }
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return OperationResult.Conflict("", "Someone else changed this permission set at the same time. Reload and try again.").As<IReadOnlyList<string>>();
            }

            await AccessModelCache.BumpAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        cache.Invalidate();
        return OperationResult.Ok<IReadOnlyList<string>>(steps.Select(s => s.EventName).ToList());
    }

    public async Task<OperationResult> DeleteAsync(string permissionSetId, Actor actor, bool removeAssignments = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = timeProvider.GetUtcNow();
        List<AccountAssignmentRecord> removed;
        StagedRevocations revoked;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var record = await db.PermissionSets.FirstOrDefaultAsync(p => p.Id == permissionSetId, cancellationToken);
            if (record is null)
            {
                return OperationResult.NotFound($"Permission set {permissionSetId} does not exist.");
            }

            removed = await db.AccountAssignments.Where(a => a.PermissionSetId == permissionSetId).ToListAsync(cancellationToken);
            if (removed.Count > 0 && !removeAssignments)
            {
                var snapshot = await cache.GetAsync(cancellationToken);
                var list = string.Join("; ", removed.Take(10).Select(a => $"{a.PrincipalType.ToLowerInvariant()} {a.PrincipalId} in {snapshot.AccountName(a.AccountId)} ({a.AccountId})"));
                return OperationResult.Conflict("",
                    $"Permission set {record.Name} is still used by {removed.Count} account assignment(s) in {removed.Select(a => a.AccountId).Distinct().Count()} account(s): {list}{(removed.Count > 10 ? "; …" : "")}. Remove those assignments first (or delete with removeAssignments).");
            }

            revoked = await revocation.StageAsync(db, actor, cancellationToken);
            foreach (var assignment in removed)
            {
                AssignmentService.Remove(db, assignment, now, actor, revoked);
            }

            await db.ProvisionedRoles.Where(r => r.PermissionSetId == permissionSetId).ExecuteDeleteAsync(cancellationToken);
            db.PermissionSets.Remove(record);
            AccessAudit.Record(db, now, actor, Source, AccessAuditEventNames.DeletePermissionSet,
                new Dictionary<string, string?> { ["permissionSetId"] = permissionSetId, ["permissionSetName"] = record.Name, ["removedAssignments"] = removed.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            await db.SaveChangesAsync(cancellationToken);
            await AccessModelCache.BumpAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        cache.Invalidate();
        revoked.Publish();
        return OperationResult.Success;
    }

    public async Task<OperationResult<ProvisioningReport>> ProvisionAsync(string permissionSetId, string? accountId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = timeProvider.GetUtcNow();
        ProvisioningReport report;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var record = await db.PermissionSets.AsNoTracking().FirstOrDefaultAsync(p => p.Id == permissionSetId, cancellationToken);
            if (record is null)
            {
                return OperationResult.NotFound($"Permission set {permissionSetId} does not exist.").As<ProvisioningReport>();
            }

            var set = PermissionSetMapping.ToModel(record);
            List<string> accounts;
            if (accountId is not null)
            {
                if (!await db.Accounts.AnyAsync(a => a.Id == accountId, cancellationToken))
                {
                    return OperationResult.NotFound($"Account {accountId} is not in the organization.").As<ProvisioningReport>();
                }

                accounts = [accountId];
            }
            else
            {
                accounts = await db.ProvisionedRoles.Where(r => r.PermissionSetId == permissionSetId)
                    .Select(r => r.AccountId).OrderBy(a => a).ToListAsync(cancellationToken);
            }

            var outcomes = new List<ProvisioningOutcome>(accounts.Count);
            foreach (var target in accounts)
            {
                outcomes.Add(await provisioning.ProvisionAsync(db, set, target, cancellationToken));
            }

            Provisioning.Audit(db, now, actor, set, accountId is null ? "ALL_PROVISIONED_ACCOUNTS" : "AWS_ACCOUNT", outcomes);
            await db.SaveChangesAsync(cancellationToken);
            await AccessModelCache.BumpAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            report = new ProvisioningReport(set.Id, set.Name, outcomes);
        }

        cache.Invalidate();
        return OperationResult.Ok(report);
    }
}
