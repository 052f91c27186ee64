using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.Web.Tests.Fakes;

/// <summary>Permission sets in memory; records creates, updates, provisioning and deletes.</summary>
public sealed class FakePermissionSetService : IPermissionSetService
{
    private static readonly DateTimeOffset Created = new(2026, 1, 2, 3, 4, 0, TimeSpan.Zero);

    public List<PermissionSet> Store { get; } = [];

    public Dictionary<string, List<ProvisionedAccountStatus>> Provisioning { get; } = [];

    public List<PermissionSetInput> CreatedInputs { get; } = [];

    public List<(string Id, PermissionSetSettings Settings)> Updates { get; } = [];

    public List<(string Id, PermissionSetChanges Changes)> Saves { get; } = [];

    public List<(string Id, string? AccountId)> Provisions { get; } = [];

    public List<(string Id, bool RemoveAssignments)> Deletes { get; } = [];

    public List<(string Id, string Operation, string Argument)> PolicyCalls { get; } = [];

    public OperationResult? NextFailure { get; set; }

    /// <summary>When set, listing and reading permission sets throw it, as a database that does not answer would.</summary>
    public Exception? StorageFailure { get; set; }

    /// <summary>Accounts where provisioning fails, with the reason.</summary>
    public Dictionary<string, string> ProvisioningFailures { get; } = [];

    /// <summary>Assignment counts the list reports, by permission set id.</summary>
    public Dictionary<string, int> AssignmentCounts { get; } = [];

    public PermissionSet Add(string id, string name, string? description = null, TimeSpan? duration = null)
    {
        var ps = new PermissionSet { Id = id, Name = name, Description = description, SessionDuration = duration ?? SessionDuration.Default };
        Store.Add(ps);
        Provisioning[id] = [];
        return ps;
    }

    public Task<SsoInstanceInfo> GetInstanceAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new SsoInstanceInfo("ssoins-1111222233334444", "arn:aws:sso:::instance/ssoins-1111222233334444", "us-east-1", false));

    public List<(string Region, bool AutoReprovision)> InstanceUpdates { get; } = [];

    public Task<OperationResult<SsoInstanceInfo>> UpdateInstanceAsync(string region, bool autoReprovision, Actor actor, CancellationToken cancellationToken = default)
    {
        InstanceUpdates.Add((region, autoReprovision));
        return Task.FromResult(OperationResult.Ok(new SsoInstanceInfo("ssoins-1111222233334444", "arn", region, autoReprovision)));
    }

    public Task<IReadOnlyList<PermissionSetSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (StorageFailure is { } failure)
        {
            return Task.FromException<IReadOnlyList<PermissionSetSummary>>(failure);
        }

        IReadOnlyList<PermissionSetSummary> list = Store.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .Select(p => new PermissionSetSummary(p.Id, p.Name, p.Description, p.SessionDuration, p.Version,
                Provisioning[p.Id].Count(s => s.Status != ProvisioningStatus.NotProvisioned),
                Provisioning[p.Id].Count(s => s.Status == ProvisioningStatus.LatestNotProvisioned),
                AssignmentCounts.GetValueOrDefault(p.Id), Created)).ToList();
        return Task.FromResult(list);
    }

    public Task<PermissionSetDetail?> GetAsync(string permissionSetId, CancellationToken cancellationToken = default) =>
        StorageFailure is { } failure ? Task.FromException<PermissionSetDetail?>(failure) : Task.FromResult(Detail(permissionSetId));

    private PermissionSetDetail? Detail(string id) =>
        Store.FirstOrDefault(p => p.Id == id) is { } p ? new PermissionSetDetail(p, $"arn:aws:sso:::permissionSet/ssoins-1111222233334444/{p.Id}", Created, Created, Provisioning[p.Id]) : null;

    public Task<OperationResult<PermissionSetDetail>> CreateAsync(PermissionSetInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        CreatedInputs.Add(input);
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure.As<PermissionSetDetail>());
        }

        var duration = SessionDuration.TryParseOrDefault(input.SessionDuration, out var parsed, out _) ? parsed : SessionDuration.Default;
        var id = "ps-" + (Store.Count + 1).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        Store.Add(new PermissionSet
        {
            Id = id,
            Name = input.Name,
            Description = input.Description,
            SessionDuration = duration,
            RelayState = input.RelayState,
            ManagedPolicyArns = input.ManagedPolicyArns ?? [],
            CustomerManagedPolicyReferences = input.CustomerManagedPolicyReferences ?? [],
            InlinePolicy = input.InlinePolicy,
            PermissionsBoundary = input.PermissionsBoundary,
            Tags = input.Tags ?? [],
        });
        Provisioning[id] = [];
        return Task.FromResult(OperationResult.Ok(Detail(id)!));
    }

    public Task<OperationResult<PermissionSetDetail>> UpdateAsync(string permissionSetId, PermissionSetSettings settings, Actor actor, CancellationToken cancellationToken = default)
    {
        Updates.Add((permissionSetId, settings));
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure.As<PermissionSetDetail>());
        }

        var duration = SessionDuration.TryParseOrDefault(settings.SessionDuration, out var parsed, out _) ? parsed : SessionDuration.Default;
        return Mutate(permissionSetId, p => p with { Description = settings.Description, RelayState = settings.RelayState, SessionDuration = duration });
    }

    public Task<OperationResult<PermissionSetSaved>> SaveAsync(string permissionSetId, PermissionSetChanges changes, Actor actor, CancellationToken cancellationToken = default)
    {
        Saves.Add((permissionSetId, changes));
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure.As<PermissionSetSaved>());
        }

        var duration = SessionDuration.TryParseOrDefault(changes.SessionDuration, out var parsed, out _) ? parsed : SessionDuration.Default;
        var before = Store.Single(p => p.Id == permissionSetId);
        var after = before with
        {
            Description = changes.Description,
            SessionDuration = duration,
            RelayState = changes.RelayState,
            ManagedPolicyArns = changes.ManagedPolicyArns,
            CustomerManagedPolicyReferences = changes.CustomerManagedPolicyReferences,
            InlinePolicy = changes.InlinePolicy,
            PermissionsBoundary = changes.PermissionsBoundary,
            Tags = changes.Tags,
        };
        Store[Store.IndexOf(before)] = after;
        IReadOnlyList<string> operations = after == before ? [] : ["UpdatePermissionSet"];
        return Task.FromResult(OperationResult.Ok(new PermissionSetSaved(Detail(permissionSetId)!, operations)));
    }

    public Task<OperationResult<PermissionSetDetail>> AttachManagedPolicyAsync(string permissionSetId, string managedPolicyArn, Actor actor, CancellationToken cancellationToken = default) =>
        Call(permissionSetId, "AttachManaged", managedPolicyArn, p => p with { ManagedPolicyArns = [.. p.ManagedPolicyArns, managedPolicyArn] });

    public Task<OperationResult<PermissionSetDetail>> DetachManagedPolicyAsync(string permissionSetId, string managedPolicyArn, Actor actor, CancellationToken cancellationToken = default) =>
        Call(permissionSetId, "DetachManaged", managedPolicyArn, p => p with { ManagedPolicyArns = p.ManagedPolicyArns.Where(a => a != managedPolicyArn).ToList() });

    public Task<OperationResult<PermissionSetDetail>> AttachCustomerManagedPolicyReferenceAsync(string permissionSetId, CustomerManagedPolicyReference reference, Actor actor, CancellationToken cancellationToken = default) =>
        Call(permissionSetId, "AttachCustomer", reference.ToString(), p => p with { CustomerManagedPolicyReferences = [.. p.CustomerManagedPolicyReferences, reference] });

    public Task<OperationResult<PermissionSetDetail>> DetachCustomerManagedPolicyReferenceAsync(string permissionSetId, CustomerManagedPolicyReference reference, Actor actor, CancellationToken cancellationToken = default) =>
        Call(permissionSetId, "DetachCustomer", reference.ToString(), p => p with { CustomerManagedPolicyReferences = p.CustomerManagedPolicyReferences.Where(r => r != reference).ToList() });

    public Task<OperationResult<PermissionSetDetail>> PutInlinePolicyAsync(string permissionSetId, string document, Actor actor, CancellationToken cancellationToken = default) =>
        Call(permissionSetId, "PutInline", document, p => p with { InlinePolicy = document });

    public Task<OperationResult<PermissionSetDetail>> DeleteInlinePolicyAsync(string permissionSetId, Actor actor, CancellationToken cancellationToken = default) =>
        Call(permissionSetId, "DeleteInline", "", p => p with { InlinePolicy = null });

    public Task<OperationResult<PermissionSetDetail>> PutPermissionsBoundaryAsync(string permissionSetId, PermissionsBoundary boundary, Actor actor, CancellationToken cancellationToken = default) =>
        Call(permissionSetId, "PutBoundary", boundary.ManagedPolicyArn ?? boundary.CustomerManagedPolicyReference!.ToString(), p => p with { PermissionsBoundary = boundary });

    public Task<OperationResult<PermissionSetDetail>> DeletePermissionsBoundaryAsync(string permissionSetId, Actor actor, CancellationToken cancellationToken = default) =>
        Call(permissionSetId, "DeleteBoundary", "", p => p with { PermissionsBoundary = null });

    public Task<OperationResult<PermissionSetDetail>> TagAsync(string permissionSetId, IReadOnlyList<PermissionSetTag> tags, Actor actor, CancellationToken cancellationToken = default) =>
        Call(permissionSetId, "Tag", string.Join(",", tags.Select(t => t.Key + "=" + t.Value)), p => p with { Tags = [.. p.Tags.Where(t => tags.All(n => n.Key != t.Key)), .. tags] });

    public Task<OperationResult<PermissionSetDetail>> UntagAsync(string permissionSetId, IReadOnlyList<string> tagKeys, Actor actor, CancellationToken cancellationToken = default) =>
        Call(permissionSetId, "Untag", string.Join(",", tagKeys), p => p with { Tags = p.Tags.Where(t => !tagKeys.Contains(t.Key)).ToList() });

    public Task<OperationResult> DeleteAsync(string permissionSetId, Actor actor, bool removeAssignments = false, CancellationToken cancellationToken = default)
    {
        Deletes.Add((permissionSetId, removeAssignments));
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure);
        }

        if (!removeAssignments && AssignmentCounts.GetValueOrDefault(permissionSetId) > 0)
        {
            return Task.FromResult(OperationResult.Conflict("", "The permission set is still assigned; remove its assignments first."));
        }

        Store.RemoveAll(p => p.Id == permissionSetId);
        return Task.FromResult(OperationResult.Success);
    }

    public Task<OperationResult<ProvisioningReport>> ProvisionAsync(string permissionSetId, string? accountId, Actor actor, CancellationToken cancellationToken = default)
    {
        Provisions.Add((permissionSetId, accountId));
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure.As<ProvisioningReport>());
        }

        var ps = Store.First(p => p.Id == permissionSetId);
        var list = Provisioning[permissionSetId];
        var outcomes = new List<ProvisioningOutcome>();
        for (var i = 0; i < list.Count; i++)
        {
            if (accountId is not null && list[i].AccountId != accountId)
            {
                continue;
            }

            if (ProvisioningFailures.TryGetValue(list[i].AccountId, out var reason))
            {
                list[i] = list[i] with { FailureReason = reason };
                outcomes.Add(ProvisioningOutcome.Failure(list[i].AccountId, reason));
                continue;
            }

            list[i] = list[i] with { Status = ProvisioningStatus.LatestProvisioned, ProvisionedVersion = ps.Version, FailureReason = null };
            outcomes.Add(ProvisioningOutcome.Success(new ProvisionedRole(ps.Id, list[i].AccountId, list[i].RoleName ?? "AWSReservedSSO_x", "arn", ps.Version, Created)));
        }

        return Task.FromResult(OperationResult.Ok(new ProvisioningReport(ps.Id, ps.Name, outcomes)));
    }

    public Task<IReadOnlyList<ProvisionedAccountStatus>> ListProvisioningStatusAsync(string permissionSetId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ProvisionedAccountStatus>>(Provisioning.GetValueOrDefault(permissionSetId) ?? []);

    private Task<OperationResult<PermissionSetDetail>> Call(string id, string operation, string argument, Func<PermissionSet, PermissionSet> change)
    {
        PolicyCalls.Add((id, operation, argument));
        return TakeFailure() is { } failure ? Task.FromResult(failure.As<PermissionSetDetail>()) : Mutate(id, change);
    }

    private Task<OperationResult<PermissionSetDetail>> Mutate(string id, Func<PermissionSet, PermissionSet> change)
    {
        var index = Store.FindIndex(p => p.Id == id);
        Store[index] = change(Store[index]) with { Version = Store[index].Version + 1 };
        return Task.FromResult(OperationResult.Ok(Detail(id)!));
    }

    private OperationResult? TakeFailure()
    {
        var failure = NextFailure;
        NextFailure = null;
        return failure;
    }
}
