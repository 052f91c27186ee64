using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.Web.Tests.Fakes;

/// <summary>Assignments in memory; names come from the lookup dictionaries the test fills.</summary>
public sealed class FakeAssignmentService : IAssignmentService
{
    private static readonly DateTimeOffset Created = new(2026, 1, 2, 3, 4, 0, TimeSpan.Zero);

    public List<AssignmentInfo> Store { get; } = [];

    public Dictionary<string, string> AccountNames { get; } = [];

    public Dictionary<string, string> PermissionSetNames { get; } = [];

    public Dictionary<string, string> PrincipalNames { get; } = [];

    public List<(IReadOnlyCollection<string> Accounts, IReadOnlyCollection<(PrincipalType Type, string Id)> Principals, IReadOnlyCollection<string> PermissionSets)> Applied { get; } = [];

    public List<AssignmentRequest> Deleted { get; } = [];

    public List<UserAssignmentInfo> Effective { get; } = [];

    public OperationResult? NextFailure { get; set; }

    /// <summary>When set, planning and applying the wizard's plan and listing a user's access throw it, as a database that does not answer would.</summary>
    public Exception? StorageFailure { get; set; }

    public AssignmentInfo Info(string accountId, string permissionSetId, PrincipalType type, string principalId) =>
        new(accountId, AccountNames.GetValueOrDefault(accountId, accountId), permissionSetId, PermissionSetNames.GetValueOrDefault(permissionSetId, permissionSetId),
            type, principalId, PrincipalNames.GetValueOrDefault(principalId, principalId), Created);

    public Task<OperationResult<AssignmentCreated>> CreateAsync(AssignmentRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        var info = Info(request.AccountId, request.PermissionSetId, request.PrincipalType, request.PrincipalId);
        Store.Add(info);
        return Task.FromResult(OperationResult.Ok(new AssignmentCreated(info, ProvisioningOutcome.Failure(request.AccountId, "not simulated"))));
    }

    public Task<OperationResult> DeleteAsync(AssignmentRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        Deleted.Add(request);
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure);
        }

        Store.RemoveAll(a => a.AccountId == request.AccountId && a.PermissionSetId == request.PermissionSetId && a.PrincipalType == request.PrincipalType && a.PrincipalId == request.PrincipalId);
        return Task.FromResult(OperationResult.Success);
    }

    public Task<AssignmentWizardPlan> PlanAsync(IReadOnlyCollection<string> accountIds, IReadOnlyCollection<(PrincipalType Type, string Id)> principals, IReadOnlyCollection<string> permissionSetIds, CancellationToken cancellationToken = default)
    {
        if (StorageFailure is { } storage)
        {
            return Task.FromException<AssignmentWizardPlan>(storage);
        }

        var toCreate = new List<AssignmentInfo>();
        var existing = new List<AssignmentInfo>();
        foreach (var account in accountIds)
        {
            foreach (var principal in principals)
            {
                foreach (var ps in permissionSetIds)
                {
                    var info = Info(account, ps, principal.Type, principal.Id);
                    (Exists(info) ? existing : toCreate).Add(info);
                }
            }
        }

        return Task.FromResult(new AssignmentWizardPlan(toCreate, existing, []));
    }

    public Task<OperationResult<AssignmentBatchResult>> ApplyPlanAsync(IReadOnlyCollection<string> accountIds, IReadOnlyCollection<(PrincipalType Type, string Id)> principals, IReadOnlyCollection<string> permissionSetIds, Actor actor, CancellationToken cancellationToken = default)
    {
        Applied.Add((accountIds.ToList(), principals.ToList(), permissionSetIds.ToList()));
        if (StorageFailure is { } storage)
        {
            return Task.FromException<OperationResult<AssignmentBatchResult>>(storage);
        }

        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure.As<AssignmentBatchResult>());
        }

        var created = new List<AssignmentCreated>();
        var already = 0;
        foreach (var account in accountIds)
        {
            foreach (var principal in principals)
            {
                foreach (var ps in permissionSetIds)
                {
                    var info = Info(account, ps, principal.Type, principal.Id);
                    if (Exists(info))
                    {
                        already++;
                        continue;
                    }

                    Store.Add(info);
                    var role = new ProvisionedRole(ps, account, "AWSReservedSSO_" + info.PermissionSetName + "_0123456789abcdef", "arn:aws:iam::" + account + ":role/x", 1, Created);
                    created.Add(new AssignmentCreated(info, ProvisioningOutcome.Success(role)));
                }
            }
        }

        return Task.FromResult(OperationResult.Ok(new AssignmentBatchResult(created, already)));
    }

    public Task<OperationResult<int>> DeletePrincipalAssignmentsAsync(PrincipalType type, string principalId, Actor actor, CancellationToken cancellationToken = default) =>
        Task.FromResult(OperationResult.Ok(Store.RemoveAll(a => a.PrincipalType == type && a.PrincipalId == principalId)));

    public Task<IReadOnlyList<AssignmentInfo>> ListForAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AssignmentInfo>>(Store.Where(a => a.AccountId == accountId).ToList());

    public Task<IReadOnlyList<AssignmentInfo>> ListForPermissionSetAsync(string permissionSetId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AssignmentInfo>>(Store.Where(a => a.PermissionSetId == permissionSetId).ToList());

    public Task<IReadOnlyList<AssignmentInfo>> ListForPrincipalAsync(PrincipalType type, string principalId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AssignmentInfo>>(Store.Where(a => a.PrincipalType == type && a.PrincipalId == principalId).ToList());

    public Task<IReadOnlyList<UserAssignmentInfo>> ListEffectiveForUserAsync(string userId, CancellationToken cancellationToken = default) =>
        StorageFailure is { } failure ? Task.FromException<IReadOnlyList<UserAssignmentInfo>>(failure) : Task.FromResult<IReadOnlyList<UserAssignmentInfo>>(Effective);

    private bool Exists(AssignmentInfo info) =>
        Store.Any(a => a.AccountId == info.AccountId && a.PermissionSetId == info.PermissionSetId && a.PrincipalType == info.PrincipalType && a.PrincipalId == info.PrincipalId);

    private OperationResult? TakeFailure()
    {
        var failure = NextFailure;
        NextFailure = null;
        return failure;
    }
}
